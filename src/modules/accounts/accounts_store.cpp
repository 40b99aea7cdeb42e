#include "modules/accounts/accounts_store.hpp"

#include <fmt/chrono.h>

#include <chrono>

namespace accounts {
namespace {

constexpr std::string_view kInsertUser = R"(
  INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id)";
constexpr std::string_view kFindUserByEmail =
    "SELECT id, email, display_name, password_hash FROM users WHERE email = $1";

std::string NowUtc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

}  // namespace

std::int64_t AccountsStore::InsertUser(const User& user) {
  auto connection = database_.Acquire();
  return connection->QueryOne(kInsertUser, {user.email, user.display_name, user.password_hash, NowUtc()})->Int(0);
}

std::optional<User> AccountsStore::FindUserByEmail(const std::string& email) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindUserByEmail, {email});
  if (!row) return std::nullopt;
  return User{row->Int(0), row->Text(1), row->Text(2), row->Text(3)};
}

}  // namespace accounts
