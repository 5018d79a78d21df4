#include "core/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sinmun {
namespace {

TEST(TextTest, TruncatesKoreanByCharactersNotBytes) {
  EXPECT_EQ(TruncateUtf8("대전시의회", 3), "대전시…");
  EXPECT_EQ(TruncateUtf8("대전시", 3), "대전시");
  EXPECT_EQ(Utf8Length("4차 산업혁명"), 7u);
}

TEST(TextTest, Utf8PrefixKeepsWholeCharactersAndAddsNothing) {
  EXPECT_EQ(Utf8Prefix("대전시의회", 3), "대전시");
  EXPECT_EQ(Utf8Prefix("대전 시", 2), "대전");
  EXPECT_EQ(Utf8Prefix("대전", 5), "대전");
  EXPECT_EQ(Utf8Prefix("", 3), "");
}

TEST(TextTest, ExcerptDropsMarkdownAndFoldsWhitespace) {
  EXPECT_EQ(Excerpt("## 제목\n\n**대전시**는   [위원회](https://example.com)를\n출범했다.", 100),
            "제목 대전시는 위원회를 출범했다.");
}

TEST(TextTest, ExcerptLeavesImagesOut) {
  EXPECT_EQ(Excerpt("![야경](/uploads/a-1600.jpg)\n\n대전 ![](x.png)야경! [링크](/a)", 100),
            "대전 야경! 링크");
}

// Photo markers (issue #19) place photos on the article page; an excerpt shows none, so it
// leaves their lines out rather than showing "사진 2" amid the text.
TEST(TextTest, ExcerptLeavesPhotoMarkersOut) {
  EXPECT_EQ(Excerpt("첫 문단이다.\n\n[사진 2]\n\n둘째 문단이다.\n  [사진3]  \r\n끝.", 100),
            "첫 문단이다. 둘째 문단이다. 끝.");
  EXPECT_EQ(Excerpt("[사진 1]\n본문", 100), "본문");
  // Text that only mentions a photo is text.
  EXPECT_EQ(Excerpt("[사진 2] 설명\n\n사진 2를 보라", 100), "사진 2 설명 사진 2를 보라");
  // The limit counts the text that is left.
  EXPECT_EQ(Excerpt("[사진 2]\n가나다라마바사", 4), "가나다라…");
}

TEST(TextTest, ExcerptIsCutAtTheLimit) { EXPECT_EQ(Excerpt("가나다라마바사", 4), "가나다라…"); }

// Excerpt reads a long body's first lines only; what begins there and ends further down (an
// image, a link's address, a code block hiding a marker) is still read as the whole body
// reads it.
TEST(TextTest, ExcerptOfALongBodyReadsWhatEndsBeyondItsFirstLines) {
  std::string paragraph;
  for (int i = 0; i < 300; ++i) paragraph += "본문 ";
  const std::string far_alt(4000, 'x');
  EXPECT_EQ(Excerpt("앞 ![" + far_alt + "](/uploads/a.jpg) 뒤 " + paragraph, 3), "앞 뒤…");
  EXPECT_EQ(Excerpt("[링크](https://example.com/" + far_alt + ") 뒤 " + paragraph, 6),
            "링크 뒤 본…");
  // A marker inside a code block is text, wherever the block ends.
  EXPECT_EQ(
      Excerpt("```\n" + paragraph + "\n[사진 1]\n```\n", 2000).find("사진 1") != std::string::npos,
      true);
  // A long body without such marks: its first characters.
  EXPECT_EQ(Excerpt(paragraph + "\n\n[사진 1]\n\n" + paragraph, 5), "본문 본문…");
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  AppendValidUtf8(out, text);
  return out;
}

TEST(TextTest, ValidUtf8IsKeptWhole) {
  EXPECT_EQ(ValidUtf8("한밭일보 A&B 😀"), "한밭일보 A&B 😀");
  EXPECT_EQ(ValidUtf8(""), "");
}

TEST(TextTest, EachByteThatStartsNoCharacterBecomesOneReplacement) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(ValidUtf8("abc\xff\xfe def"), "abc" + r + r + " def");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), r + r) << "an overlong '/'";
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), r + r + r) << "a surrogate";
  EXPECT_EQ(ValidUtf8("가\xEA\xB0"), "가" + r + r) << "cut short at the end";
  EXPECT_EQ(ValidUtf8("\x80가"), r + "가") << "a stray continuation byte";
}

TEST(TextTest, Utf8CharLengthCountsOneCharacter) {
  EXPECT_EQ(Utf8CharLength("a", 0), 1u);
  EXPECT_EQ(Utf8CharLength("가", 0), 3u);
  EXPECT_EQ(Utf8CharLength("😀", 0), 4u);
  EXPECT_EQ(Utf8CharLength("\xF4\x90\x80\x80", 0), 0u) << "past U+10FFFF";
  EXPECT_TRUE(IsValidUtf8("한밭 A 😀"));
  EXPECT_FALSE(IsValidUtf8("한밭\xEA\xB0"));
}

// IsValidUtf8 and AppendValidUtf8 decide the common characters quickly; they must still say
// what Utf8CharLength says of every character, at every three-byte boundary case (E0's
// overlong forms, ED's surrogates, EF's last characters) and of random bytes.
TEST(TextTest, TheValidatorsAgreeWithUtf8CharLength) {
  const auto by_length = [](std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
      const size_t length = Utf8CharLength(text, i);
      out.append(length == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(i, length));
      i += length == 0 ? 1 : length;
    }
    return out;
  };
  std::vector<std::string> texts;
  for (int lead = 0xE0; lead <= 0xEF; ++lead) {
    for (const int second : {0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0}) {
      for (const int third : {0x7F, 0x80, 0xBF, 0xC0}) {
        texts.push_back(
            {static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third), 'a'});
        texts.push_back({'a', static_cast<char>(lead), static_cast<char>(second)});
      }
    }
  }
  std::uint32_t state = 7;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int k = 0; k < n % 24; ++k) {
      state = state * 1664525 + 1013904223;
      // Mostly bytes of Hangul and ASCII, sometimes any byte.
      const std::uint32_t pick = state >> 24;
      text += static_cast<char>(pick < 64    ? 0xEA + pick % 4
                                : pick < 128 ? 0x80 + pick % 64
                                             : state >> 16);
    }
    texts.push_back(text);
  }
  for (const std::string& text : texts) {
    const std::string expected = by_length(text);
    EXPECT_EQ(ValidUtf8(text), expected);
    EXPECT_EQ(IsValidUtf8(text), expected == text);
  }
}

}  // namespace
}  // namespace sinmun
