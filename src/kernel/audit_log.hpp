#pragma once
// The one audit writer: who did what, when and from where, appended to audit_log (created by the accounts module's
// migrations, which every installation has). Modules declare their actions with titles (kernel::Module::Audit);
// /admin/audit filters and names them.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"

namespace kernel {

class AuditLog {
 public:
  // `clock` tells when each entry happened; the application gives every service the same one.
  explicit AuditLog(db::Database& database, const core::Clock& clock = DefaultClock())
      : database_(database), clock_(clock) {}

  // The actions the modules declared. Once set, writing an undeclared one is a bug: debug builds (the tests) throw,
  // release builds log it and write anyway, so nothing is lost.
  void Declare(std::set<std::string, std::less<>> actions) { declared_ = std::move(actions); }

  void Write(const core::Actor& actor, std::string_view action, std::string_view subject);
  // Within a transaction that is writing anyway (an import), so that the entry commits or rolls back with it.
  void Write(db::Connection& connection, const core::Actor& actor, std::string_view action, std::string_view subject);
  // An entry about a user who does not act in it as a signed-in actor: a failed sign-in names the account it tried,
  // a sign-in the account that has just signed in; `user_id` nullopt names nobody (a password reset for an unknown
  // address).
  void Write(std::optional<std::int64_t> user_id, const core::Origin& origin, std::string_view action,
             std::string_view subject);
  void Write(db::Connection& connection, std::optional<std::int64_t> user_id, const core::Origin& origin,
             std::string_view action, std::string_view subject);

 private:
  static const core::Clock& DefaultClock();
  void Check(std::string_view action) const;
  db::Database& database_;
  const core::Clock& clock_;
  std::set<std::string, std::less<>> declared_;
};

// The system's time in Unix seconds, for code that has no clock of its own yet (the policies module); services take a
// core::Clock.
std::int64_t UnixNow();

}  // namespace kernel
