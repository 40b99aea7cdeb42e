#include "modules/accounts/password.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace accounts {
namespace {

// libsodium's argon2id always takes one lane, a 16-byte random salt and a 32-byte tag, and writes the PHC string
// "$argon2id$v=19$m=19456,t=2,p=1$…" that libargon2 wrote before it: the hashes stored then verify unchanged.
constexpr unsigned long long kPasses = 2;
constexpr std::size_t kMemoryBytes = std::size_t{19} * 1024 * 1024;

void StartSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

}  // namespace

std::string HashPassword(std::string_view password) {
  StartSodium();
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (crypto_pwhash_str_alg(encoded.data(), password.data(), password.size(), kPasses, kMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: not enough memory to hash a password");
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  StartSodium();
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& encoded_hash) {
  StartSodium();
  return crypto_pwhash_str_needs_rehash(encoded_hash.c_str(), kPasses, kMemoryBytes) != 0;
}

}  // namespace accounts
