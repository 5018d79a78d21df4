#include <gtest/gtest.h>

#include "search/searcher.hpp"

namespace sinmun::search {
namespace {

std::string Render(const std::vector<TextPart>& parts) {
  std::string out;
  for (const TextPart& part : parts) out += part.marked ? "[" + part.text + "]" : part.text;
  return out;
}

TEST(HighlightTest, MarksWordsIgnoringAsciiCaseAndSpacesInside) {
  EXPECT_EQ(Render(Highlight("대전시 의회가 AI를 논의", {"대전시의회", "ai"})),
            "[대전시 의회]가 [AI]를 논의");
}

TEST(HighlightTest, NoWordsNoMarks) { EXPECT_EQ(Render(Highlight("<b>", {})), "<b>"); }

TEST(SnippetTest, CutsAroundTheFirstMatch) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "가나다라 ";
  text += "산업혁명 ";
  for (int i = 0; i < 50; ++i) text += "마바사 ";
  const std::string snippet = Render(Snippet(text, {"산업혁명"}, 60));
  EXPECT_NE(snippet.find("[산업혁명]"), std::string::npos);
  EXPECT_TRUE(snippet.starts_with("…"));
  EXPECT_TRUE(snippet.ends_with("…"));
}

}  // namespace
}  // namespace sinmun::search
