#include "modules/accounts/password.hpp"

#include <gtest/gtest.h>

TEST(Password, HashesWithArgon2idAndTheDocumentedParameters) {
  const std::string hash = accounts::HashPassword("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << hash;
  EXPECT_NE(hash, accounts::HashPassword("correct horse battery")) << "each hash has its own salt";
}

TEST(Password, VerifiesOnlyTheRightPassword) {
  const std::string hash = accounts::HashPassword("correct horse battery");
  EXPECT_TRUE(accounts::VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(accounts::VerifyPassword("correct horse batterY", hash));
  EXPECT_FALSE(accounts::VerifyPassword("", hash));
  EXPECT_FALSE(accounts::VerifyPassword("correct horse battery", "not a hash"));
}

// Hashes that libargon2 (the reference implementation, which Khetane used before libsodium) made for "correct horse
// battery" with a fixed salt: with older parameters, and with today's.
constexpr const char* kOlderHash =
    "$argon2id$v=19$m=8192,t=1,p=1$BwECAwQFBgcICQoLDA0ODw$4iitUseTwQ6VX8FokTugjRlDeDCnBKmmLL1lZP22qgE";
constexpr const char* kTodaysByLibargon2 =
    "$argon2id$v=19$m=19456,t=2,p=1$BwECAwQFBgcICQoLDA0ODw$3zCNgwUmipRj22Sg0X4pApSUqEYqCz3MDRC8wcd69+4";

TEST(Password, StillVerifiesTheHashesStoredBeforeAndThoseMadeWithOtherParameters) {
  // Parameters travel inside the hash, so raising them later keeps older accounts working.
  EXPECT_TRUE(accounts::VerifyPassword("correct horse battery", kOlderHash));
  EXPECT_FALSE(accounts::VerifyPassword("wrong", kOlderHash));
  EXPECT_TRUE(accounts::VerifyPassword("correct horse battery", kTodaysByLibargon2));
  EXPECT_TRUE(accounts::PasswordNeedsRehash(kOlderHash)) << "made with weaker parameters: hashed again at sign-in";
  EXPECT_FALSE(accounts::PasswordNeedsRehash(kTodaysByLibargon2));
  EXPECT_FALSE(accounts::PasswordNeedsRehash(accounts::HashPassword("correct horse battery")));
}
