#pragma once

#include <string>

#include "core/error.hpp"
#include "modules/accounts/accounts_store.hpp"

namespace accounts {

class AccountsService {
 public:
  AccountsService(AccountsStore& store, db::Database& database) : store_(store), database_(database) {}
  // Validates the email and the password's length, hashes the password, and stores the user.
  core::Result<User> AddUser(const std::string& email, const std::string& display_name, const std::string& password);
  // Grants `assignment` to the user with `email`, after checking that its place or organisation exists.
  core::Result<RoleAssignment> RevokeRole(std::int64_t user_id, const RoleAssignment& assignment,
                                          std::int64_t revoked_by);
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
  // contributed stays without their name (GDPR Art. 17).
  core::Result<std::string> DeleteAccount(std::int64_t user_id, const std::string& password,
                                          const std::string& remote_address, const std::string& request_id);
  core::Result<RoleAssignment> GrantRole(const std::string& email, const RoleAssignment& assignment,
                                         std::optional<std::int64_t> granted_by);

 private:
  AccountsStore& store_;
  db::Database& database_;  // to look up places through their module's store
};

// Lower-cased and trimmed; nullopt unless it looks like local@domain.tld.
std::optional<std::string> NormaliseEmail(std::string_view email);

}  // namespace accounts
