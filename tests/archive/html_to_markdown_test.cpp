#include "archive/html_to_markdown.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "render/markdown.hpp"

namespace sinmun::archive {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What a reader's browser gets for a WordPress body.
std::string Page(std::string_view wordpress_body) {
  return render::MarkdownToHtml(WordPressBodyToMarkdown(wordpress_body).markdown);
}

TEST(HtmlToMarkdownTest, ClassicBodiesSplitParagraphsAtBlankLinesAndBreakAtNewlines) {
  EXPECT_EQ(Page("첫 문단입니다.\n\n둘째 문단\n같은 문단의 둘째 줄"),
            "<p>첫 문단입니다.</p>\n<p>둘째 문단<br>\n같은 문단의 둘째 줄</p>\n");
}

TEST(HtmlToMarkdownTest, GutenbergBlockCommentsAreDropped) {
  const std::string body =
      "<!-- wp:paragraph -->\n<p>블록 편집기 문단</p>\n<!-- /wp:paragraph -->\n\n"
      "<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">소제목</h3>\n"
      "<!-- /wp:heading -->";
  EXPECT_EQ(Page(body), "<p>블록 편집기 문단</p>\n<h3>소제목</h3>\n");
}

TEST(HtmlToMarkdownTest, KeepsHeadingsListsLinksEmphasisAndQuotes) {
  const std::string page = Page(
      "<h1>큰 제목</h1><h2>중간</h2><p><strong>굵게</strong> 그리고 <em>기울임</em>, "
      "<del>취소</del>, <a href=\"https://example.kr/a?b=1&amp;c=2\">링크</a></p>"
      "<ul><li>하나</li><li>둘<ul><li>둘-하나</li></ul></li></ul><ol start=\"3\"><li>셋</li>"
      "<li>넷</li></ol><blockquote><p>인용문</p><p>둘째</p></blockquote>");
  EXPECT_THAT(page, HasSubstr("<h2>큰 제목</h2>\n<h2>중간</h2>"));
  EXPECT_THAT(page, HasSubstr("<strong>굵게</strong> 그리고 <em>기울임</em>, <del>취소</del>"));
  EXPECT_THAT(page, HasSubstr("<a href=\"https://example.kr/a?b=1&amp;c=2\">링크</a>"));
  EXPECT_THAT(page,
              HasSubstr("<ul>\n<li>하나</li>\n<li>둘<ul>\n<li>둘-하나</li>\n</ul>\n</li>\n</ul>"));
  EXPECT_THAT(page, HasSubstr("<ol start=\"3\">\n<li>셋</li>\n<li>넷</li>\n</ol>"));
  EXPECT_THAT(page, HasSubstr("<blockquote>\n<p>인용문</p>\n<p>둘째</p>\n</blockquote>"));
}

TEST(HtmlToMarkdownTest, TablesBecomeTablesWithTheFirstRowAsHeader) {
  const std::string page = Page(
      "<figure class=\"wp-block-table\"><table><thead><tr><th>후보</th><th>득표율</th></tr>"
      "</thead><tbody><tr><td>김 | 이</td><td>51.2%</td></tr><tr><td>박</td></tr></tbody>"
      "</table></figure>");
  EXPECT_THAT(page, HasSubstr("<table>"));
  EXPECT_THAT(page, HasSubstr("<th>후보</th>"));
  EXPECT_THAT(page, HasSubstr("<td>김 | 이</td>"));
  EXPECT_THAT(page, HasSubstr("<td>51.2%</td>"));
  EXPECT_THAT(page, HasSubstr("<td>박</td>\n<td></td>"));
}

TEST(HtmlToMarkdownTest, FiguresKeepTheirImageAndCaption) {
  const ConvertedBody body = WordPressBodyToMarkdown(
      "<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"https://news.example.kr/"
      "wp-content/uploads/2023/03/photo.jpg\" alt=\"\" class=\"wp-image-5\"/><figcaption>"
      "대전시청 <strong>전경</strong></figcaption></figure>\n<!-- /wp:image -->");
  EXPECT_EQ(body.images, std::vector<std::string>{
                             "https://news.example.kr/wp-content/uploads/2023/03/photo.jpg"});
  EXPECT_EQ(render::MarkdownToHtml(body.markdown),
            "<p><img src=\"https://news.example.kr/wp-content/uploads/2023/03/photo.jpg\" "
            "alt=\"대전시청 전경\"><br>\n<em>대전시청 전경</em></p>\n");
}

TEST(HtmlToMarkdownTest, CaptionShortcodesBecomeFiguresWithCaptions) {
  const std::string page = Page(
      "앞 문단\n\n[caption id=\"attachment_12\" align=\"aligncenter\" width=\"640\"]"
      "<a href=\"https://news.example.kr/wp-content/uploads/big.jpg\"><img class=\"size-large\" "
      "src=\"https://news.example.kr/wp-content/uploads/big-640x480.jpg\" alt=\"현장\" "
      "width=\"640\" height=\"480\" /></a> 3일 오전 사고 현장[/caption]\n\n뒤 문단");
  EXPECT_EQ(page,
            "<p>앞 문단</p>\n<p><img src=\"https://news.example.kr/wp-content/uploads/"
            "big-640x480.jpg\" alt=\"현장\"><br>\n<em>3일 오전 사고 현장</em></p>\n<p>뒤 "
            "문단</p>\n");
}

TEST(HtmlToMarkdownTest, OtherShortcodesGoAndTheirTextStays) {
  EXPECT_EQ(ExpandShortcodes("[gallery ids=\"1,2,3\"]사진들"), "사진들");
  EXPECT_EQ(ExpandShortcodes("[su_box title=\"상자\"]안의 글[/su_box] 끝"), "안의 글 끝");
  EXPECT_EQ(ExpandShortcodes("[vc_row][vc_column]본문[/vc_column][/vc_row]"), "본문");
  EXPECT_EQ(ExpandShortcodes("[embed]https://youtu.be/x[/embed]"), "https://youtu.be/x");
  // Bracketed words are text in Korean news, not shortcodes.
  EXPECT_EQ(ExpandShortcodes("[속보] 시청 화재 [AP] [사진=연합뉴스]"),
            "[속보] 시청 화재 [AP] [사진=연합뉴스]");
  EXPECT_EQ(ExpandShortcodes("보기: [[gallery]]"), "보기: [gallery]");
  EXPECT_EQ(Page("[속보] 시청 화재"), "<p>[속보] 시청 화재</p>\n");
}

TEST(HtmlToMarkdownTest, ScriptsStylesIframesAndHandlersNeverReachThePage) {
  const std::string page = Page(
      "<p onclick=\"steal()\">문단<script>alert('x')</script></p><style>p{color:red}</style>"
      "<iframe src=\"https://evil.example/\"></iframe><img src=\"x.jpg\" onerror=\"alert(1)\">"
      "<a href=\"javascript:alert(1)\">누르기</a><object data=\"a.swf\"></object>"
      "<p>&lt;script&gt;글자로 쓴 태그&lt;/script&gt;</p>");
  EXPECT_THAT(page, Not(HasSubstr("alert")));
  EXPECT_THAT(page, Not(HasSubstr("color:red")));
  EXPECT_THAT(page, Not(HasSubstr("iframe")));
  EXPECT_THAT(page, Not(HasSubstr("onclick")));
  EXPECT_THAT(page, Not(HasSubstr("steal")));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, HasSubstr("<p>문단</p>"));
  EXPECT_THAT(page, HasSubstr("누르기"));
  EXPECT_THAT(page, HasSubstr("&lt;script&gt;글자로 쓴 태그&lt;/script&gt;"));
}

TEST(HtmlToMarkdownTest, TextThatLooksLikeMarkdownStaysText) {
  EXPECT_EQ(Page("<p># 해시태그 *별표* _밑줄_ [괄호](x) 1. 번호 `코드` &amp; ~~물결~~</p>"),
            "<p># 해시태그 *별표* _밑줄_ [괄호](x) 1. 번호 `코드` &amp; ~~물결~~</p>\n");
  EXPECT_EQ(Page("<p>2023. 3. 1. 기사</p><p>- 줄표로 시작</p>"),
            "<p>2023. 3. 1. 기사</p>\n<p>- 줄표로 시작</p>\n");
}

TEST(HtmlToMarkdownTest, PreformattedTextBecomesACodeBlock) {
  EXPECT_EQ(Page("<pre>if (a &lt; b)\n  return;</pre>"),
            "<pre><code>if (a &lt; b)\n  return;\n</code></pre>\n");
}

TEST(HtmlToMarkdownTest, ImagesCanBeRewrittenToTheirNewAddress) {
  const ConvertedBody body = HtmlToMarkdown(
      "<p><img src=\"https://news.example.kr/wp-content/uploads/a.jpg\" alt=\"가\"></p>",
      [](std::string_view url) -> std::string {
        return url.ends_with("a.jpg") ? "/uploads/2023/03/abc-800.jpg" : "";
      });
  EXPECT_EQ(body.markdown, "![가](/uploads/2023/03/abc-800.jpg)");
}

TEST(HtmlToMarkdownTest, EmptyAndWhitespaceBodiesGiveNothing) {
  EXPECT_EQ(WordPressBodyToMarkdown("").markdown, "");
  EXPECT_EQ(WordPressBodyToMarkdown("  \n\n<p>&nbsp;</p>\n").markdown, "");
}

// Paragraphs put straight into a list (invalid, but old editors wrote them) become items of
// their own, each text once. Each such child once took its later siblings along too, so the
// text was repeated, and at every level of nesting again (the WXR fuzzer's timeout: 2.8 kB of
// body gave 233 kB of Markdown).
TEST(HtmlToMarkdownTest, ElementsStraightInAListAppearOnce) {
  const std::string markdown =
      WordPressBodyToMarkdown("<ul><p>가나</p><p>다라</p><li>마바</li></ul>").markdown;
  EXPECT_EQ(markdown, "- 가나\n- 다라\n- 마바");
}

// A body with lists or quotes nested a hundred deep (unclosed <ul><li>, as a broken editor or a
// crafted export leaves them) keeps all its text, but no deeper than eight levels: each level
// indents or prefixes every line below it, so without a limit the conversion's time grows
// with the cube of the depth (the WXR fuzzer's timeout) and the page nests past reading.
TEST(HtmlToMarkdownTest, DeeplyNestedListsAndQuotesKeepTheirTextAtEightLevels) {
  constexpr int kDepth = 100;  // within libxml2's own limit of 256 open elements
  std::string lists;
  std::string quotes;
  for (int i = 0; i < kDepth; ++i) {
    lists += "<ul><li>항목" + std::to_string(i);
    quotes += "<blockquote><p>인용" + std::to_string(i) + "</p>";
  }
  for (const std::string& body : {lists, quotes}) {
    const std::string markdown = WordPressBodyToMarkdown(body).markdown;
    const std::string word = body == lists ? "항목" : "인용";
    EXPECT_THAT(markdown, HasSubstr(word + "0"));
    EXPECT_THAT(markdown, HasSubstr(word + std::to_string(kDepth - 1)));
    size_t widest = 0;
    size_t line_start = 0;
    while (line_start < markdown.size()) {
      size_t end = markdown.find('\n', line_start);
      if (end == std::string::npos) end = markdown.size();
      const std::string_view line(markdown.data() + line_start, end - line_start);
      const size_t text = line.find_first_not_of(" >");  // npos: a blank or ">" line
      if (text != std::string_view::npos) widest = std::max(widest, text);
      line_start = end + 1;
    }
    EXPECT_LE(widest, 8u * 2u) << body.substr(0, 40);  // "- " or "> " per level, eight levels
  }
}

}  // namespace
}  // namespace sinmun::archive
