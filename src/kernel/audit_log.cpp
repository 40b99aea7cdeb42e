#include "kernel/audit_log.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

namespace kernel {
namespace {

constexpr std::string_view kAppend = R"(
  INSERT INTO audit_log (at, actor_user_id, action, subject, remote_address, request_id)
  VALUES ($1, $2, $3, $4, $5, $6))";

}  // namespace

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
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
  auto connection = database_.Acquire();
  Write(*connection, actor, action, subject);
}

void AuditLog::Write(db::Connection& connection, const core::Actor& actor, std::string_view action,
                     std::string_view subject) {
  Check(action);
  connection.Execute(kAppend,
                     {UnixNow(), actor.user_id ? db::Value(*actor.user_id) : db::Value(nullptr), std::string(action),
                      std::string(subject), actor.origin.remote_address, actor.origin.request_id});
}

}  // namespace kernel
