// A guest's comment password (issue #16, site/comment_password.hpp): stored peppered with the
// paper's token key and hashed cheaply, useless without that key, and the comments posted
// before (a plain argon2id hash at the account limits) still verify.
#include "site/comment_password.hpp"

#include <gtest/gtest.h>

#include <array>

#include "ads/click_signer.hpp"
#include "core/password.hpp"

namespace sinmun::site {
namespace {

const ads::ClickSigner kPaperKey{std::array<unsigned char, 32>{1, 7}};
const ads::ClickSigner kOtherKey{std::array<unsigned char, 32>{2, 9}};

TEST(CommentPasswordTest, IsStoredTaggedPepperedAndAtTheCommentCost) {
  const std::string stored = HashCommentPassword(kPaperKey, "secret1").value();
  EXPECT_TRUE(stored.starts_with("p1$argon2id$v=19$m=256,t=2,p=1$")) << stored;
  EXPECT_TRUE(VerifyCommentPassword(kPaperKey, stored, "secret1"));
  EXPECT_FALSE(VerifyCommentPassword(kPaperKey, stored, "secret2"));
  EXPECT_FALSE(VerifyCommentPassword(kPaperKey, stored, ""));
  // What argon2id hashed is not the password itself: guessing it from the stored string
  // alone finds nothing.
  EXPECT_FALSE(VerifyPassword(stored.substr(2), "secret1"));
}

TEST(CommentPasswordTest, AStoreCopiedWithoutItsKeyGivesNothingUp) {
  const std::string stored = HashCommentPassword(kPaperKey, "secret1").value();
  EXPECT_FALSE(VerifyCommentPassword(kOtherKey, stored, "secret1"));
}

TEST(CommentPasswordTest, AHashMadeTheOldWayStillVerifies) {
  const std::string old = HashPassword("secret1").value();  // account limits, no pepper
  ASSERT_TRUE(old.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << old;
  EXPECT_TRUE(VerifyCommentPassword(kPaperKey, old, "secret1"));
  EXPECT_FALSE(VerifyCommentPassword(kPaperKey, old, "secret2"));
}

TEST(CommentPasswordTest, EmptyAndMalformedHashesNeverVerify) {
  // "" is what an imported comment without a password keeps.
  for (const char* stored : {"", "p1", "p1$", "p1$argon2id$fake", "$argon2id$fake", "p2$x"}) {
    EXPECT_FALSE(VerifyCommentPassword(kPaperKey, stored, "secret1")) << stored;
    EXPECT_FALSE(VerifyCommentPassword(kPaperKey, stored, "")) << stored;
  }
}

}  // namespace
}  // namespace sinmun::site
