#include "render/markdown.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace sinmun::render {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MarkdownTest, RendersParagraphsEmphasisAndLinks) {
  const std::string html = MarkdownToHtml(
      "대전시가 **4차 산업혁명** 위원회를 [출범](https://example.com)했다.\n\n둘째 문단");
  EXPECT_TRUE(Contains(html, "<strong>4차 산업혁명</strong>")) << html;
  EXPECT_TRUE(Contains(html, "<a href=\"https://example.com\">출범</a>")) << html;
  EXPECT_TRUE(Contains(html, "<p>둘째 문단</p>")) << html;
}

TEST(MarkdownTest, RendersGfmTables) {
  const std::string html = MarkdownToHtml("| 구 | 인구 |\n|---|---|\n| 서구 | 47만 |\n");
  EXPECT_TRUE(Contains(html, "<table>")) << html;
  EXPECT_TRUE(Contains(html, "<td>서구</td>")) << html;
}

TEST(MarkdownTest, RawHtmlBlockNeverBecomesATag) {
  const std::string html = MarkdownToHtml("<script>alert(1)</script>\n\n본문");
  EXPECT_FALSE(Contains(html, "<script")) << html;
  EXPECT_TRUE(Contains(html, "<p>본문</p>")) << html;
}

TEST(MarkdownTest, InlineRawHtmlNeverBecomesATag) {
  const std::string html =
      MarkdownToHtml("앞 <script>alert(1)</script> 뒤 <img src=x onerror=alert(1)> <b>굵게</b>");
  EXPECT_FALSE(Contains(html, "<script")) << html;
  EXPECT_FALSE(Contains(html, "<img")) << html;
  EXPECT_FALSE(Contains(html, "<b>")) << html;
}

TEST(MarkdownTest, DangerousLinkTargetsAreDropped) {
  const std::string html = MarkdownToHtml("[클릭](javascript:alert(1)) [x](vbscript:msgbox)");
  EXPECT_FALSE(Contains(html, "javascript:")) << html;
  EXPECT_FALSE(Contains(html, "vbscript:")) << html;
}

// Found by the fuzz target: an image whose alt text reads ` href=` once hid the link after it
// from the check.
TEST(MarkdownTest, AltTextThatLooksLikeAnAttributeHidesNoDangerousLink) {
  const std::string html = MarkdownToHtml("![ href=](x.png) [x](javascript:alert(1))");
  EXPECT_FALSE(Contains(html, "javascript:")) << html;
  EXPECT_TRUE(Contains(html, "<a href=\"\">x</a>")) << html;
}

TEST(MarkdownTest, DangerousTargetsAreDroppedHoweverTheyAreWritten) {
  for (const std::string source :
       {"[a](JaVaScRiPt:alert(1))", "[a](&#106;avascript:alert(1))", "[a](<javascript:alert(1)>)",
        "![a](javascript:alert(1))", "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "[a](file:///etc/passwd)", "<javascript:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)"}) {
    const std::string html = MarkdownToHtml(source);
    EXPECT_FALSE(Contains(html, "href=\"javascript:")) << source << " " << html;
    EXPECT_FALSE(Contains(html, "href=\"JaVaScRiPt:")) << source << " " << html;
    EXPECT_FALSE(Contains(html, "src=\"javascript:")) << source << " " << html;
    EXPECT_FALSE(Contains(html, "data:text/html")) << source << " " << html;
    EXPECT_FALSE(Contains(html, "href=\"file:")) << source << " " << html;
  }
  // Pictures written into the body as data: images stay.
  EXPECT_TRUE(Contains(MarkdownToHtml("![점](data:image/png;base64,AAAA)"),
                       "src=\"data:image/png;base64,AAAA\""));
  EXPECT_TRUE(
      Contains(MarkdownToHtml("[메일](mailto:a@example.com)"), "href=\"mailto:a@example.com\""));
}

// A header of n columns pads each of n short rows to n cells: n^2 cells from 4n bytes. The
// output stays proportional to the input instead.
TEST(MarkdownTest, AManyColumnTableCannotMultiplyTheOutput) {
  const int n = 3000;
  std::string source = "|";
  for (int i = 0; i < n; ++i) source += "x|";
  source += "\n|";
  for (int i = 0; i < n; ++i) source += "-|";
  source += "\n";
  for (int i = 0; i < n; ++i) source += "a\n";
  const std::string html = MarkdownToHtml(source);
  EXPECT_LT(html.size(), 20 * source.size()) << html.size();
  // Ordinary tables are still tables.
  EXPECT_TRUE(Contains(MarkdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n"), "<td>2</td>"));
}

// The published reproducers of the 2023 cmark-gfm advisories, at sizes where quadratic time
// takes minutes: each renders, as text, to a size proportional to its input
// (bench/markdown_bench measures the time).
TEST(MarkdownTest, TheCmarkGfmAdvisoriesReproducersRenderInProportion) {
  const auto repeat = [](const std::string& text, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += text;
    return out;
  };
  const int n = 50000;
  for (const std::string& source :
       {repeat("![[]()", n), "</" + repeat("<!--", n), "-1" + repeat("<?x", n) + "y",
        repeat("|-\nt>|-\n", n) + "y", repeat("*t ", n) + repeat("_t*_ ", n),
        "x\n| - |\n" + repeat("|", n) + "y", repeat("z_www.", n), "www." + repeat(")", n),
        ":-\n" + repeat(":\n", n) + ":-", repeat("<http://s", n), "~e" + repeat(",z~~", n),
        repeat(">", 5000) + repeat("a*", n), repeat(" -", 5000) + "x" + repeat("\n", 5000),
        "1.\n" + repeat(" 2.\n", n), repeat(" -\n", n) + "x", repeat("[^1]:\n", n),
        "[f]:u\n\"\n" + repeat("[f]\n", 20000) + "[f]:u \"t\n"}) {
    const std::string html = MarkdownToHtml(source);
    EXPECT_LT(html.size(), 16 * source.size() + 1024) << source.substr(0, 20);
  }
}

// Debian's md4c matches each line against every open container: one line may open 32.
TEST(MarkdownTest, OneLineCannotOpenHundredsOfNestedLists) {
  std::string source;
  for (int i = 0; i < 500; ++i) source += " -";
  source += " x\n";
  const std::string html = MarkdownToHtml(source);
  size_t lists = 0;
  for (size_t at = html.find("<ul>"); at != std::string::npos; at = html.find("<ul>", at + 1)) {
    ++lists;
  }
  EXPECT_GE(lists, 30u);
  EXPECT_LE(lists, 33u);
  // Ordinary nesting is untouched.
  EXPECT_TRUE(Contains(MarkdownToHtml("> - 인용 속 목록\n"), "<blockquote>\n<ul>\n<li>"));
}

TEST(MarkdownTest, ABodyOverTheLimitIsShownAsEscapedText) {
  std::string source(kMaxMarkdownBytes + 1, 'a');
  const std::string start = "**굵게** <script>x</script>";
  source.replace(0, start.size(), start);
  const std::string html = MarkdownToHtml(source);
  EXPECT_EQ(html.rfind("<p>**굵게** &lt;script&gt;x&lt;/script&gt;", 0), 0u) << html.substr(0, 60);
  EXPECT_FALSE(Contains(html, "<strong>"));  // rendered, it would start <p><strong>굵게
}

TEST(MarkdownTest, TextIsEscaped) {
  const std::string html = MarkdownToHtml("A & B < C \"인용\"");
  EXPECT_TRUE(Contains(html, "A &amp; B &lt; C &quot;인용&quot;")) << html;
}

TEST(MarkdownTest, InvalidUtf8IsReplaced) {
  const std::string html = MarkdownToHtml("abc\xff\xfe def");
  EXPECT_TRUE(Contains(html, "abc")) << html;
  EXPECT_FALSE(Contains(html, "\xff")) << html;
}

TEST(MarkdownTest, ConcurrentCallsAgree) {
  const std::string expected = MarkdownToHtml("~~취소~~ **굵게** https://example.com");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (MarkdownToHtml("~~취소~~ **굵게** https://example.com") != expected) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
  EXPECT_TRUE(Contains(expected, "<del>취소</del>")) << expected;
}

}  // namespace
}  // namespace sinmun::render
