#pragma once
// Password hashing with argon2id (RFC 9106), with OWASP's recommended minimum for argon2id: m = 19 MiB, t = 2 passes,
// p = 1 lane; a 16-byte random salt; a 32-byte tag. RFC 9106's 64 MiB option took 0.32 s per check on our 2-core
// machine, which lets a few sign-in attempts occupy a small server; this takes 0.04 s (docs/SECURITY.md).

#include <string>
#include <string_view>

namespace accounts {

inline constexpr std::size_t kMinimumPasswordLength = 10;

// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" (libsodium); hashes made with other parameters still verify.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);
// Whether a hash was made with other parameters than today's: the sign-in that verified it hashes the password again.
bool PasswordNeedsRehash(const std::string& encoded_hash);

}  // namespace accounts
