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
