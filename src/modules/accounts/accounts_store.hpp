#pragma once
// All SQL of the accounts module.

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace accounts {

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;
};

class AccountsStore {
 public:
  explicit AccountsStore(db::Database& database) : database_(database) {}
  // Throws db::Error(kUniqueViolation) when the email is taken.
  std::int64_t InsertUser(const User& user);
  std::optional<User> FindUserByEmail(const std::string& email);

 private:
  db::Database& database_;
};

}  // namespace accounts
