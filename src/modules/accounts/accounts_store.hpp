#pragma once
// All SQL of the accounts module.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

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
  // Throws db::Error(kUniqueViolation) when the email is taken.
  std::int64_t InsertUser(const User& user);
  std::optional<User> FindUserByEmail(const std::string& email);

  void InsertSession(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                     std::int64_t now);
  std::optional<SessionRecord> FindSession(const std::string& token_hash);
  void TouchSession(const std::string& token_hash, std::int64_t now);
  void DeleteSession(const std::string& token_hash);

  void RecordSignInAttempt(const std::string& email, const std::string& remote_address, std::int64_t at,
                           bool succeeded);
  std::int64_t CountFailedSignInsForEmail(const std::string& email, std::int64_t since);
  std::int64_t CountFailedSignInsFromAddress(const std::string& remote_address, std::int64_t since);

  void AppendAudit(const AuditEntry& entry);
  std::vector<AuditEntry> RecentAudit(std::int64_t limit);

 private:
  db::Database& database_;
};

}  // namespace accounts
