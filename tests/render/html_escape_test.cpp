#include "render/html_escape.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>

namespace sinmun::render {
namespace {

std::string Escaped(std::string_view text) {
  std::string out = "<p>";  // appended to, not replaced
  AppendHtmlEscaped(out, text);
  return out;
}

// One character at a time, as the escaper is specified.
std::string EscapedOneByOne(std::string_view text) {
  constexpr std::string_view kSpecial = "&<>\"'`";
  constexpr std::array<std::string_view, 6> kEntities = {"&amp;",  "&lt;",  "&gt;",
                                                         "&quot;", "&#39;", "&#96;"};
  std::string out = "<p>";
  for (const char c : text) {
    const std::size_t special = kSpecial.find(c);
    if (special == std::string_view::npos) {
      out += c;
    } else {
      out += kEntities[special];
    }
  }
  return out;
}

TEST(HtmlEscapeTest, EscapesTheSixCharactersAndKeepsTheRest) {
  EXPECT_EQ(Escaped("대전시 <b>\"A&B\"</b> 'x' `y`"),
            "<p>대전시 &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39; &#96;y&#96;");
  EXPECT_EQ(Escaped(""), "<p>");
}

// The escaper looks 16 bytes at a time: each character to escape is found wherever it stands
// in a value, at the first, middle or last byte of a block or in the bytes after the last one.
TEST(HtmlEscapeTest, FindsEveryCharacterAtEveryPlace) {
  for (const char special : std::string_view("&<>\"'`")) {
    for (std::size_t length = 1; length <= 49; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = special;
        if (length > 20) text[length - 1 - at / 2] = '<';
        ASSERT_EQ(Escaped(text), EscapedOneByOne(text)) << "length " << length << " at " << at;
      }
    }
  }
  std::uint32_t state = 11;
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    for (int k = 0; k < n % 70; ++k) {
      state = state * 1664525 + 1013904223;
      const std::uint32_t pick = state >> 24;
      text += pick < 16 ? "&<>\"'`"[pick % 6] : pick < 128 ? "가"[pick % 3] : 'a' + pick % 26;
    }
    ASSERT_EQ(Escaped(text), EscapedOneByOne(text));
  }
}

}  // namespace
}  // namespace sinmun::render
