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

// A part of 120 bytes as CommentParts counts them, each call counted in `made`.
CommentParts::Make Counted(int& made) {
  return [&made] {
    ++made;
    return PartSaying(std::string(60, 'x'));
  };
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

// The part of a page readers keep asking for stays while archive misses, asked for once each,
// make parts of their own: the oldest made goes only when nobody read it since.
TEST(CommentPartsTest, APartReadSinceItWasMadeOutlastsNewerPartsNobodyRead) {
  CommentParts parts(std::chrono::hours(1), 260);
  int made = 0;
  const CommentParts::Make count = Counted(made);
  parts.Get(1, count);
  parts.Get(2, count);
  parts.Get(1, count);  // read again: spared by the next trim
  EXPECT_EQ(made, 2);
  for (store::ArticleId archive = 10; archive < 20; ++archive) {
    parts.Get(archive, count);  // each pushes out one part, never article 1's while it is read
    parts.Get(1, count);
    EXPECT_LE(parts.bytes(), 260u);
  }
  EXPECT_EQ(made, 12);  // article 1's part was made once
  parts.Get(2, count);
  EXPECT_EQ(made, 13);  // 2's, never read again, was pushed out
  parts.Get(1, count);
  EXPECT_EQ(made, 13);  // and article 1's is still there
}

// The first answer of the miss that made a part is not a reader coming back: it spares nothing.
// And a part whose page the cache did not keep goes at once, unless readers read it since.
TEST(CommentPartsTest, OnlyReadersComingBackKeepAPart) {
  CommentParts parts(std::chrono::hours(1), 260);
  int made = 0;
  const CommentParts::Make count = Counted(made);
  parts.Get(1, count);
  parts.Get(1, count, /*read=*/false);  // its miss's first answer
  parts.Get(2, count);
  parts.Get(3, count);  // pushes out 1's: nobody came back for it
  parts.Get(1, count);
  EXPECT_EQ(made, 4);

  CommentParts unbounded(std::chrono::hours(1), 1 << 20);
  made = 0;
  unbounded.Get(5, count);
  unbounded.Get(5, count, /*read=*/false);
  unbounded.DropUnread(5);  // its page was not kept
  EXPECT_EQ(unbounded.bytes(), 0u);
  unbounded.Get(5, count);
  EXPECT_EQ(made, 2);
  unbounded.Get(5, count);  // a reader of a cached page of article 5
  unbounded.DropUnread(5);  // another page of it not kept: the part stays for the first
  unbounded.Get(5, count);
  EXPECT_EQ(made, 2);
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
