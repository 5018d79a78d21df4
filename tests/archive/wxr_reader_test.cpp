#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/wxr.hpp"
#include "archive/wxr_fixture.hpp"

namespace sinmun::archive {
namespace {

using testing::Cdata;
using testing::FixturePost;
using testing::Post;
using testing::WriteTempFile;
using testing::WxrDocument;

struct Collected : WxrVisitor {
  WxrSite site;
  int sites = 0;
  std::vector<WxrAuthor> authors;
  std::vector<WxrTerm> terms;
  std::vector<WxrItem> items;
  Result<> OnSite(const WxrSite& s) override {
    site = s;
    ++sites;
    return {};
  }
  Result<> OnAuthor(const WxrAuthor& author) override {
    authors.push_back(author);
    return {};
  }
  Result<> OnTerm(const WxrTerm& term) override {
    terms.push_back(term);
    return {};
  }
  Result<> OnItem(WxrItem&& item) override {
    items.push_back(std::move(item));
    return {};
  }
};

Result<> ReadText(const std::string& xml, Collected& collected) {
  return ReadWxr(WriteTempFile(xml), collected);
}

TEST(WxrReaderTest, ReadsSiteAuthorsAndEveryFieldOfAPost) {
  FixturePost post =
      Post(101, "대전시, 4차 산업혁명 위원회 출범 & \"첫 회의\"", "<p>본문 첫 문단</p>");
  post.excerpt = "요약 한 줄";
  post.slug = "%eb%8c%80%ec%a0%84%ec%8b%9c";
  post.extra = {
      R"(<category domain="category" nicename="%ec%a0%95%ec%b9%98"><![CDATA[정치]]></category>)",
      R"(<category domain="post_tag" nicename="%ec%84%a0%ea%b1%b0"><![CDATA[선거]]></category>)",
      "<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author><![CDATA[독자]]></"
      "wp:comment_author><wp:comment_author_email><![CDATA[r@example.kr]]></"
      "wp:comment_author_email><wp:comment_author_url>https://r.example.kr</"
      "wp:comment_author_url><wp:comment_date_gmt><![CDATA[2023-03-01 01:00:00]]></"
      "wp:comment_date_gmt><wp:comment_content><![CDATA[좋은 기사]]></wp:comment_content>"
      "<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA["
      "comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent>"
      "<wp:commentmeta><wp:meta_key><![CDATA[k]]></wp:meta_key><wp:meta_value><![CDATA[v]]></"
      "wp:meta_value></wp:commentmeta></wp:comment>"};
  Collected collected;
  ASSERT_TRUE(ReadText(WxrDocument({post}), collected).has_value());

  EXPECT_EQ(collected.sites, 1);
  EXPECT_EQ(collected.site.title, "대전일보 & 친구들");
  EXPECT_EQ(collected.site.wxr_version, "1.2");
  EXPECT_EQ(collected.site.base_site_url, "https://news.example.kr");
  ASSERT_EQ(collected.authors.size(), 2u);
  EXPECT_EQ(collected.authors[0].id, 2);
  EXPECT_EQ(collected.authors[0].login, "kimreporter");
  EXPECT_EQ(collected.authors[0].email, "kim@example.kr");
  EXPECT_EQ(collected.authors[0].display_name, "김기자");
  EXPECT_EQ(collected.authors[1].display_name, "이수진");

  ASSERT_EQ(collected.items.size(), 1u);
  const WxrItem& item = collected.items[0];
  EXPECT_EQ(item.title, "대전시, 4차 산업혁명 위원회 출범 & \"첫 회의\"");
  EXPECT_EQ(item.link, "https://news.example.kr/2023/03/01/%eb%8c%80%ec%a0%84%ec%8b%9c/");
  EXPECT_EQ(item.creator, "kimreporter");
  EXPECT_EQ(item.content, "<p>본문 첫 문단</p>");
  EXPECT_EQ(item.excerpt, "요약 한 줄");
  EXPECT_EQ(item.post_id, 101);
  EXPECT_EQ(item.post_date_gmt, "2023-03-01 00:30:00");
  EXPECT_EQ(item.post_modified_gmt, "2023-03-02 01:00:00");
  EXPECT_EQ(item.post_name, "%eb%8c%80%ec%a0%84%ec%8b%9c");
  EXPECT_EQ(item.status, "publish");
  EXPECT_EQ(item.post_type, "post");
  ASSERT_EQ(item.terms.size(), 2u);
  EXPECT_EQ(item.terms[0].domain, "category");
  EXPECT_EQ(item.terms[0].slug, "%ec%a0%95%ec%b9%98");
  EXPECT_EQ(item.terms[0].name, "정치");
  EXPECT_EQ(item.terms[1].domain, "post_tag");
  ASSERT_EQ(item.meta.size(), 1u);
  EXPECT_EQ(item.meta[0].first, "_edit_last");
  ASSERT_EQ(item.comments.size(), 1u);
  EXPECT_EQ(item.comments[0].id, 7);
  EXPECT_EQ(item.comments[0].author, "독자");
  EXPECT_EQ(item.comments[0].author_url, "https://r.example.kr");
  EXPECT_EQ(item.comments[0].content, "좋은 기사");
  EXPECT_EQ(item.comments[0].approved, "1");
}

TEST(WxrReaderTest, JoinsCdataTheExporterSplitAtTheEndMarker) {
  const std::string body = "<p>배열 a[b[0]]> 1 그리고 ]]> 끝]]</p>";
  ASSERT_NE(Cdata(body).find("]]]]><![CDATA[>"), std::string::npos);
  Collected collected;
  ASSERT_TRUE(ReadText(WxrDocument({Post(1, "제목 ]]> 끝", body)}), collected).has_value());
  ASSERT_EQ(collected.items.size(), 1u);
  EXPECT_EQ(collected.items[0].content, body);
  EXPECT_EQ(collected.items[0].title, "제목 ]]> 끝");
}

TEST(WxrReaderTest, EachCategoryAndTagArrivesOnceThoughWordPress6ListsThemTwice) {
  Collected collected;
  ASSERT_TRUE(ReadText(WxrDocument({}), collected).has_value());
  std::vector<std::string> seen;
  for (const WxrTerm& term : collected.terms) seen.push_back(term.taxonomy + ":" + term.name);
  EXPECT_EQ(seen, (std::vector<std::string>{"category:정치", "category:국회", "category:경제",
                                            "post_tag:선거", "nav_menu:Main"}));
  EXPECT_EQ(collected.terms[1].parent_slug, "%ec%a0%95%ec%b9%98");
  EXPECT_EQ(collected.terms[2].description, "돈과 일");
}

TEST(WxrReaderTest, MalformedXmlIsRefusedWithLineAndColumn) {
  std::string xml = WxrDocument({Post(1, "a", "b")});
  const size_t at = xml.find("<wp:post_id>");
  xml.replace(at, 12, "<wp:post_id x=>");
  Collected collected;
  const Result<> read = ReadText(xml, collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(read.error().detail.find("line "), std::string::npos) << read.error().detail;
  EXPECT_NE(read.error().detail.find("column "), std::string::npos) << read.error().detail;
}

TEST(WxrReaderTest, AnRssFeedThatIsNotAnExportIsRefused) {
  const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>뉴스</title><link>https://news.example.kr</link>
<item><title>기사</title><link>https://news.example.kr/1</link><description>본문</description></item>
</channel></rss>)";
  Collected collected;
  const Result<> read = ReadText(rss, collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_NE(read.error().detail.find("not a WordPress export"), std::string::npos)
      << read.error().detail;
  EXPECT_TRUE(collected.items.empty());
}

TEST(WxrReaderTest, AnotherDocumentIsRefused) {
  Collected collected;
  const Result<> read = ReadText("<?xml version=\"1.0\"?><html><body>x</body></html>", collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_NE(read.error().detail.find("not a WordPress export"), std::string::npos);
}

TEST(WxrReaderTest, BillionLaughsIsRefusedWithoutExpanding) {
  std::string entities;
  entities += "<!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    entities += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) entities += "&lol" + std::to_string(i - 1) + ";";
    entities += "\">\n";
  }
  std::string xml = WxrDocument({Post(1, "&lol9;", "x")});
  xml.replace(xml.find("<![CDATA[&lol9;]]>"), 18, "&lol9;");
  xml.insert(xml.find("<rss"), "<!DOCTYPE rss [\n" + entities + "]>\n");
  Collected collected;
  const Result<> read = ReadText(xml, collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(read.error().detail.find("DOCTYPE"), std::string::npos) << read.error().detail;
  EXPECT_TRUE(collected.items.empty());
}

TEST(WxrReaderTest, ExternalEntitiesAreNeverRead) {
  const std::string secret = WriteTempFile("비밀 내용");
  std::string xml = WxrDocument({Post(1, "&xxe;", "x")});
  xml.replace(xml.find("<![CDATA[&xxe;]]>"), 17, "&xxe;");
  xml.insert(xml.find("<rss"), "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>\n");
  Collected collected;
  const Result<> read = ReadText(xml, collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().detail.find("비밀"), std::string::npos);
  for (const WxrItem& item : collected.items) EXPECT_EQ(item.title.find("비밀"), std::string::npos);
}

TEST(WxrReaderTest, AnEntityWithoutADoctypeIsMalformed) {
  std::string xml = WxrDocument({Post(1, "x", "x")});
  xml.replace(xml.find("<![CDATA[x]]>"), 13, "&nbsp;");
  Collected collected;
  const Result<> read = ReadText(xml, collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_NE(read.error().detail.find("line "), std::string::npos) << read.error().detail;
}

TEST(WxrReaderTest, ATruncatedFileIsRefusedAndSaysSo) {
  std::vector<FixturePost> posts;
  for (int i = 1; i <= 5; ++i) posts.push_back(Post(i));
  const std::string xml = WxrDocument(posts);
  for (const size_t cut :
       {xml.size() / 2, xml.size() - 20, xml.find("]]></content:encoded>") + 1}) {
    Collected collected;
    const Result<> read = ReadText(xml.substr(0, cut), collected);
    ASSERT_FALSE(read.has_value()) << "cut at " << cut;
    EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(read.error().detail.find("cut short"), std::string::npos) << read.error().detail;
  }
}

TEST(WxrReaderTest, AMissingFileIsNotFound) {
  Collected collected;
  const Result<> read = ReadWxr("/nonexistent/export.xml", collected);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
}

TEST(WxrReaderTest, AVisitorErrorStopsTheReading) {
  struct Stopper : Collected {
    Result<> OnItem(WxrItem&& item) override {
      Collected::OnItem(std::move(item));
      return Fail(ErrorCode::kUnavailable, "store down");
    }
  } stopper;
  const Result<> read = ReadWxr(WriteTempFile(WxrDocument({Post(1), Post(2)})), stopper);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().detail, "store down");
  EXPECT_EQ(stopper.items.size(), 1u);
}

TEST(WxrReaderTest, ReportsProgressPerItem) {
  std::vector<WxrProgress> reports;
  Collected collected;
  ASSERT_TRUE(ReadWxr(WriteTempFile(WxrDocument({Post(1), Post(2), Post(3)})), collected,
                      [&](const WxrProgress& progress) { reports.push_back(progress); })
                  .has_value());
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[2].items, 3);
  EXPECT_GT(reports[2].bytes_total, 0);
  EXPECT_LE(reports[0].bytes_read, reports[2].bytes_read);
}

}  // namespace
}  // namespace sinmun::archive
