// The banned-word filter's matching (issue #16): NFC, Latin without case, inside longer words.
#include "site/comment_words.hpp"

#include <gtest/gtest.h>

namespace sinmun::site {
namespace {

TEST(CommentWordsTest, TheListIsOneWordALineTrimmedAndFolded) {
  EXPECT_EQ(ParseBannedWords(" 바보 \r\n\n  \nSPAM\nCafé"),
            (std::vector<std::string>{"바보", "spam", "café"}));
  EXPECT_TRUE(ParseBannedWords("").empty());
  EXPECT_TRUE(ParseBannedWords("\xff\n").empty());  // not UTF-8: no word
}

TEST(CommentWordsTest, AWordMatchesInsideLongerTextWhateverItsFormOrCase) {
  const std::vector<std::string> words = ParseBannedWords("바보\nspam\ncafé");
  EXPECT_EQ(FindBannedWord(words, "이 바보야"), "바보");  // a particle follows
  EXPECT_EQ(FindBannedWord(words, "\xe1\x84\x87\xe1\x85\xa1\xe1\x84\x87\xe1\x85\xa9야"), "바보");
  EXPECT_EQ(FindBannedWord(words, "free SPAMmers"), "spam");
  EXPECT_EQ(FindBannedWord(words, "CAFE\xcc\x81 au lait"), "café");  // E + combining acute
  EXPECT_FALSE(FindBannedWord(words, "바다가 보인다"));
  EXPECT_FALSE(FindBannedWord(words, "밥보다 빵"));  // 밥 is not 바
  EXPECT_FALSE(FindBannedWord({}, "바보"));
  EXPECT_FALSE(FindBannedWord(words, "\xff 바보"));  // not UTF-8 (the form refuses it first)
}

}  // namespace
}  // namespace sinmun::site
