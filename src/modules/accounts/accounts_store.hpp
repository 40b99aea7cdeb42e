#pragma once
// All SQL of the accounts module.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/accounts/roles.hpp"

namespace accounts {

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;
};

struct SessionRecord {
  User user;
  std::string csrf_token;
  std::int64_t last_seen_at = 0;
  std::int64_t created_at = 0;
};

struct AuditEntry {
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_user_id;
  std::string action;
  std::string subject;
  std::string remote_address;
  std::string request_id;
};

class AccountsStore {
 public:
  explicit AccountsStore(db::Database& database) : database_(database) {}
  // Throws db::Error(kUniqueViolation) when the email is taken. `now` in Unix seconds.
  std::int64_t InsertUser(const User& user, std::int64_t now);
  std::optional<User> FindUserByEmail(const std::string& email);
  std::optional<User> FindUserById(std::int64_t user_id);
  void SetPasswordHash(std::int64_t user_id, const std::string& password_hash);

  void InsertSession(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                     std::int64_t now);
  std::optional<SessionRecord> FindSession(const std::string& token_hash);
  void TouchSession(const std::string& token_hash, std::int64_t now);
  void DeleteSession(const std::string& token_hash);
  // A user's sessions, newest first: their key (the first 16 hex digits of the token's hash), and when each began and
  // was last used.
  struct SessionRow {
    std::string token_hash;
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
  };
  std::vector<SessionRow> SessionsOf(std::int64_t user_id);
  // Ends the user's session whose token hash begins with `key`; whether there was one.
  bool DeleteSessionOf(std::int64_t user_id, const std::string& key);
  // Ends every session of the user but the one of `kept_token_hash`; how many.
  std::int64_t DeleteOtherSessions(std::int64_t user_id, const std::string& kept_token_hash);

  // An attempt is recorded as failed when it begins, before the password is checked, and marked succeeded after:
  // an attempt counts the failures numbered before its own, so attempts at once cannot all slip under a limit.
  std::int64_t BeginSignInAttempt(const std::string& email, const std::string& remote_address, std::int64_t at);
  void MarkSignInSucceeded(std::int64_t attempt);
  void ForgetSignInAttempt(std::int64_t attempt);  // one refused before its password was checked
  // Failures before `attempt` since `since`, and when the latest was. For the account and the address together the
  // count starts again after their latest success; either may be left empty to count over all of the other.
  struct Failures {
    std::int64_t count = 0;
    std::int64_t latest_at = 0;
  };
  Failures FailuresBefore(std::int64_t attempt, const std::string& email, const std::string& remote_address,
                          std::int64_t since);
  bool SignedInBefore(const std::string& email, const std::string& remote_address, std::int64_t since);

  // Grants a role; granting one that is held already changes nothing. Returns whether it was new.
  bool InsertRole(std::int64_t user_id, const RoleAssignment& assignment, std::optional<std::int64_t> granted_by,
                  std::int64_t at);
  std::vector<RoleAssignment> ListRoles(std::int64_t user_id);
  bool DeleteRole(std::int64_t user_id, const RoleAssignment& assignment);
  // Users whose email or name contains `search` (any case for ASCII), by email.
  std::vector<User> ListUsers(const std::string& search, std::int64_t limit, std::int64_t offset);
  std::int64_t CountUsers(const std::string& search);
  bool OrganisationExists(std::int64_t organisation_id);
  std::optional<std::string> OrganisationName(std::int64_t organisation_id);

  std::int64_t InsertApiToken(std::int64_t user_id, const std::string& token_hash, const std::string& label,
                              std::int64_t now);
  // The user of a token that is not revoked; records when it was used.
  std::optional<User> FindUserByApiToken(const std::string& token_hash, std::int64_t now);
  // Returns how many tokens were revoked.
  std::int64_t RevokeApiTokens(std::int64_t user_id, std::int64_t now);

  // Everything held about a user, for their GDPR copy (Art. 15 and 20): account, roles, sessions, tokens,
  // sign-in attempts and their audit entries. No secrets: tokens and hashes are left out.
  nlohmann::json PersonalData(std::int64_t user_id);
  // Erasure on request (GDPR Art. 17): the account keeps its id, so contributions stay, but nothing in it names the
  // person any more; sessions, tokens, roles, sign-in attempts and pending links go. Within the caller's transaction,
  // which also takes the person's messages out of the outbox (notifications::Outbox::Forget).
  void Pseudonymise(db::Connection& connection, const User& user, const std::string& pseudonym_email,
                    const std::string& pseudonym_name, const std::string& unusable_password_hash, std::int64_t now);

  // Reading the audit log; kernel::AuditLog writes it.
  std::vector<AuditEntry> RecentAudit(std::int64_t limit);
  // Newest first; an empty `action` means every action.
  std::vector<AuditEntry> ListAudit(const std::string& action, std::int64_t limit, std::int64_t offset);
  std::int64_t CountAudit(const std::string& action);

 private:
  db::Database& database_;
};

}  // namespace accounts
