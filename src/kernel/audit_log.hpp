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
#include "db/database.hpp"

namespace kernel {

class AuditLog {
 public:
  explicit AuditLog(db::Database& database) : database_(database) {}

  // The actions the modules declared. Once set, writing an undeclared one is a bug: debug builds (the tests) throw,
  // release builds log it and write anyway, so nothing is lost.
  void Declare(std::set<std::string, std::less<>> actions) { declared_ = std::move(actions); }

  void Write(const core::Actor& actor, std::string_view action, std::string_view subject);
  // Within a transaction that is writing anyway (an import), so that the entry commits or rolls back with it.
  void Write(db::Connection& connection, const core::Actor& actor, std::string_view action, std::string_view subject);

 private:
  void Check(std::string_view action) const;
  db::Database& database_;
  std::set<std::string, std::less<>> declared_;
};

std::int64_t UnixNow();

}  // namespace kernel
