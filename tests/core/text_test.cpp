#include "core/text.hpp"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(TextTest, TruncatesKoreanByCharactersNotBytes) {
  EXPECT_EQ(TruncateUtf8("대전시의회", 3), "대전시…");
  EXPECT_EQ(TruncateUtf8("대전시", 3), "대전시");
  EXPECT_EQ(Utf8Length("4차 산업혁명"), 7u);
}

TEST(TextTest, ExcerptDropsMarkdownAndFoldsWhitespace) {
  EXPECT_EQ(Excerpt("## 제목\n\n**대전시**는   [위원회](https://example.com)를\n출범했다.", 100),
            "제목 대전시는 위원회를 출범했다.");
}

TEST(TextTest, ExcerptLeavesImagesOut) {
  EXPECT_EQ(Excerpt("![야경](/uploads/a-1600.jpg)\n\n대전 ![](x.png)야경! [링크](/a)", 100),
            "대전 야경! 링크");
}

TEST(TextTest, ExcerptIsCutAtTheLimit) { EXPECT_EQ(Excerpt("가나다라마바사", 4), "가나다라…"); }

}  // namespace
}  // namespace sinmun
