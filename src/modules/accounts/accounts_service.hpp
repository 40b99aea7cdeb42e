#pragma once
// Users and their roles: adding them, granting and revoking roles, what administrators read about them, the audit
// log's page, and what a user does with their own account (their data, its deletion). Every permission check of
// these is here; the routes only parse and render.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "notifications/outbox.hpp"

namespace accounts {

// What a service answers whoever is not an administrator of the installation: a msgid.
inline constexpr std::string_view kAdministratorsOnly = "Only an administrator of the installation may do this.";
// kForbidden unless `actor` is an administrator of the installation; nullopt when they are.
std::optional<core::Error> RefuseUnlessAdministrator(const core::Actor& actor);

// A user as administrators see them: no password hash.
struct UserWithRoles {
  User user;
  std::vector<RoleAssignment> roles;
};

struct UserListing {
  std::vector<UserWithRoles> users;  // by email
  std::int64_t total = 0;            // of the whole search, for paging
};

struct AuditListing {
  std::vector<AuditEntry> entries;  // newest first
  std::int64_t total = 0;
};

class AccountsService {
 public:
  AccountsService(AccountsStore& store, kernel::AuditLog& audit, notifications::Outbox& outbox,
                  const core::Clock& clock, db::Database& database)
      : store_(store), audit_(audit), outbox_(outbox), clock_(clock), database_(database) {}

  // Validates the email and the password's length, hashes the password, and stores the user.
  core::Result<User> AddUser(const std::string& email, const std::string& display_name, const std::string& password);

  // Administration of users: for administrators of the installation only (kForbidden for anyone else).
  // Users whose email or name contains `search`, with their roles.
  core::Result<UserListing> ListUsers(const core::Actor& reader, const std::string& search, std::int64_t limit,
                                      std::int64_t offset);
  core::Result<UserWithRoles> FindUser(const core::Actor& reader, std::int64_t user_id);
  // Grants `assignment` to the user with `email`, after checking that its place or organisation exists.
  core::Result<RoleAssignment> GrantRole(const core::Actor& granter, const std::string& email,
                                         const RoleAssignment& assignment);
  core::Result<RoleAssignment> RevokeRole(const core::Actor& revoker, std::int64_t user_id,
                                          const RoleAssignment& assignment);
  // The audit log, newest first; an empty `action` means every action.
  core::Result<AuditListing> ListAudit(const core::Actor& reader, const std::string& action, std::int64_t limit,
                                       std::int64_t offset);

  bool ScopeExists(const Scope& scope);
  // The name of a scope's place or organisation, in Bulgarian and in Latin letters; empty for the installation.
  struct ScopeNames {
    std::string bulgarian;
    std::string latin;
  };
  ScopeNames NamesOf(const Scope& scope);
  // The user's own copy of what is held about them (GDPR Art. 15, 20).
  nlohmann::json PersonalData(std::int64_t user_id) { return store_.PersonalData(user_id); }
  // Deletes the account on its owner's request, after checking their password: it is pseudonymised, so what they
  // contributed stays without their name, and the messages waiting for them leave the outbox (GDPR Art. 17).
  core::Result<std::string> DeleteAccount(std::int64_t user_id, const std::string& password,
                                          const std::string& remote_address, const std::string& request_id);

 private:
  AccountsStore& store_;
  kernel::AuditLog& audit_;
  notifications::Outbox& outbox_;
  const core::Clock& clock_;
  db::Database& database_;  // to look up places through their module's store, and for the erasure's transaction
};

// Lower-cased and trimmed; nullopt unless it looks like local@domain.tld.
std::optional<std::string> NormaliseEmail(std::string_view email);

}  // namespace accounts
