#pragma once

#include <string>

#include "core/error.hpp"
#include "modules/accounts/accounts_store.hpp"

namespace accounts {

class AccountsService {
 public:
  explicit AccountsService(AccountsStore& store) : store_(store) {}
  // Validates the email and the password's length, hashes the password, and stores the user.
  core::Result<User> AddUser(const std::string& email, const std::string& display_name, const std::string& password);

 private:
  AccountsStore& store_;
};

// Lower-cased and trimmed; nullopt unless it looks like local@domain.tld.
std::optional<std::string> NormaliseEmail(std::string_view email);

}  // namespace accounts
