#include "kernel/audit_log.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace kernel {
namespace {

constexpr std::string_view kAppend = R"(
  INSERT INTO audit_log (at, actor_user_id, action, subject, remote_address, request_id)
  VALUES ($1, $2, $3, $4, $5, $6))";

}  // namespace

std::int64_t UnixNow() { return core::SystemClock().Now(); }

const core::Clock& AuditLog::DefaultClock() {
  static const core::SystemClock clock;
  return clock;
}

void AuditLog::Check(std::string_view action) const {
  if (declared_.empty() || declared_.contains(action)) return;
#ifndef NDEBUG
  throw std::logic_error("the audit action '" + std::string(action) + "' is not declared by any module");
#else
  spdlog::error("the audit action '{}' is not declared by any module", action);
#endif
}

void AuditLog::Write(const core::Actor& actor, std::string_view action, std::string_view subject) {
  Write(actor.user_id, actor.origin, action, subject);
}

void AuditLog::Write(db::Connection& connection, const core::Actor& actor, std::string_view action,
                     std::string_view subject) {
  Write(connection, actor.user_id, actor.origin, action, subject);
}

void AuditLog::Write(std::optional<std::int64_t> user_id, const core::Origin& origin, std::string_view action,
                     std::string_view subject) {
  auto connection = database_.Acquire();
  Write(*connection, user_id, origin, action, subject);
}

void AuditLog::Write(db::Connection& connection, std::optional<std::int64_t> user_id, const core::Origin& origin,
                     std::string_view action, std::string_view subject) {
  Check(action);
  connection.Execute(kAppend, {clock_.Now(), user_id ? db::Value(*user_id) : db::Value(nullptr), std::string(action),
                               std::string(subject), origin.remote_address, origin.request_id});
}

}  // namespace kernel
