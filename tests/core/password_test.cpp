// Password hashes (core/password.hpp): each cost is what the argon2id string says, and a hash
// of either cost verifies its password and refuses another.
#include "core/password.hpp"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(PasswordTest, AccountsHashAtTheInteractiveLimitsByDefault) {
  const std::string hash = HashPassword("계정 비밀번호 123").value();
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "계정 비밀번호 123"));
  EXPECT_FALSE(VerifyPassword(hash, "계정 비밀번호 124"));
}

TEST(PasswordTest, TheCommentCostIsWrittenInTheHashAndVerifiesTheSameWay) {
  const std::string hash = HashPassword("secret1", kCommentPasswordCost).value();
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=256,t=2,p=1$")) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "secret1"));
  EXPECT_FALSE(VerifyPassword(hash, "secret2"));
  // A salt of its own each time.
  EXPECT_NE(HashPassword("secret1", kCommentPasswordCost).value(), hash);
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
  for (const char* hash : {"", "$argon2id$fake", "plain", "$argon2id$v=19$m=256,t=2,p=1$"}) {
    EXPECT_FALSE(VerifyPassword(hash, "")) << hash;
    EXPECT_FALSE(VerifyPassword(hash, "secret1")) << hash;
  }
}

}  // namespace
}  // namespace sinmun
