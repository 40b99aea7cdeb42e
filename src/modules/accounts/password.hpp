#pragma once
// Password hashing with argon2id (RFC 9106). Parameters follow RFC 9106's second recommended option
// for machines with little memory: t=3 passes over m=64 MiB, one lane; a 16-byte random salt; a 32-byte tag.

#include <string>
#include <string_view>

namespace accounts {

inline constexpr std::size_t kMinimumPasswordLength = 10;

// "$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>"
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

}  // namespace accounts
