#include "modules/accounts/password.hpp"

#include <argon2.h>
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

TEST(Password, StillVerifiesAHashMadeWithOtherParameters) {
  // Parameters travel inside the hash, so raising them later keeps older accounts working.
  char older[128];
  const unsigned char salt[16] = {7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  const std::string password = "correct horse battery";
  ASSERT_EQ(argon2id_hash_encoded(1, 8 * 1024, 1, password.data(), password.size(), salt, sizeof salt, 32, older,
                                  sizeof older),
            ARGON2_OK);
  EXPECT_TRUE(std::string(older).starts_with("$argon2id$v=19$m=8192,t=1,p=1$"));
  EXPECT_TRUE(accounts::VerifyPassword(password, older));
  EXPECT_FALSE(accounts::VerifyPassword("wrong", older));
}
