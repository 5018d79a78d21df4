// The article page's comment parts (site/comment_part.hpp): kept until their article's
// comments change, and a part made while they changed is not kept.
#include "site/comment_part.hpp"

#include <gtest/gtest.h>

namespace sinmun::site {
namespace {

std::shared_ptr<const CommentPart> PartSaying(const std::string& html) {
  auto part = std::make_shared<CommentPart>();
  part->version = CommentParts::NextVersion();
  part->block.html = html;
  return part;
}

TEST(CommentPartsTest, APartIsMadeOnceUntilItsArticleIsForgotten) {
  CommentParts parts(std::chrono::hours(1), 1 << 20);
  int made = 0;
  const auto make = [&] { return PartSaying("댓글 " + std::to_string(++made)); };
  EXPECT_EQ(parts.Get(1, make)->block.html, "댓글 1");
  EXPECT_EQ(parts.Get(1, make)->block.html, "댓글 1");
  EXPECT_EQ(parts.Get(2, make)->block.html, "댓글 2");  // another article: its own part
  parts.Forget(1);
  EXPECT_EQ(parts.Get(1, make)->block.html, "댓글 3");
  EXPECT_EQ(parts.Get(2, make)->block.html, "댓글 2");  // untouched by article 1's change
  EXPECT_EQ(made, 3);
}

TEST(CommentPartsTest, APartMadeWhileItsCommentsChangedIsNotKept) {
  CommentParts parts(std::chrono::hours(1), 1 << 20);
  // The comments change while the part is being read: that caller gets what it read, and the
  // next one reads again.
  const auto racing = [&] {
    parts.Forget(1);
    return PartSaying("읽는 사이 바뀜");
  };
  EXPECT_EQ(parts.Get(1, racing)->block.html, "읽는 사이 바뀜");
  EXPECT_EQ(parts.Get(1, [] { return PartSaying("새로 읽음"); })->block.html, "새로 읽음");
  EXPECT_EQ(parts.Get(1, [] { return PartSaying("안 불림"); })->block.html, "새로 읽음");
}

TEST(CommentPartsTest, AFailedMakeKeepsNothingAndAZeroAgeKeepsNothing) {
  CommentParts parts(std::chrono::hours(1), 1 << 20);
  EXPECT_EQ(parts.Get(1, [] { return std::shared_ptr<const CommentPart>(); }), nullptr);
  EXPECT_EQ(parts.Get(1, [] { return PartSaying("다시"); })->block.html, "다시");

  CommentParts off(std::chrono::milliseconds(0), 1 << 20);
  int made = 0;
  const auto make = [&] { return PartSaying(std::to_string(++made)); };
  off.Get(1, make);
  off.Get(1, make);
  EXPECT_EQ(made, 2);
  EXPECT_EQ(off.bytes(), 0u);
}

TEST(CommentPartsTest, PartsBeyondTheBudgetPushOutTheOldest) {
  CommentParts parts(std::chrono::hours(1), 200);
  parts.Get(1, [] { return PartSaying(std::string(60, 'a')); });
  parts.Get(2, [] { return PartSaying(std::string(60, 'b')); });
  EXPECT_LE(parts.bytes(), 200u);
  int made = 0;
  parts.Get(2, [&] {
    ++made;
    return PartSaying("");
  });
  EXPECT_EQ(made, 0);  // the newest stayed
  parts.Get(1, [&] {
    ++made;
    return PartSaying("");
  });
  EXPECT_EQ(made, 1);  // the oldest had to go
}

TEST(CommentPartsTest, APartMadeAgainCountsAsTheNewest) {
  CommentParts parts(std::chrono::hours(1), 260);
  parts.Get(1, [] { return PartSaying(std::string(60, 'a')); });
  parts.Get(2, [] { return PartSaying(std::string(60, 'b')); });
  parts.Forget(1);
  parts.Get(1, [] { return PartSaying(std::string(60, 'c')); });  // now newer than 2's
  parts.Get(3, [] { return PartSaying(std::string(60, 'd')); });  // one of the others must go
  EXPECT_LE(parts.bytes(), 260u);
  int made = 0;
  const auto count = [&] {
    ++made;
    return PartSaying("");
  };
  EXPECT_EQ(parts.Get(1, count)->block.html, std::string(60, 'c'));
  EXPECT_EQ(parts.Get(3, count)->block.html, std::string(60, 'd'));
  EXPECT_EQ(made, 0);
  parts.Get(2, count);
  EXPECT_EQ(made, 1);  // 2's part, the oldest made, was the one pushed out
}

}  // namespace
}  // namespace sinmun::site
