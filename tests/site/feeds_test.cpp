// Feeds, sitemaps, robots.txt and the structured data in page heads, through the Router over
// a real SQLite store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::MakeArticle;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kNasty = "</script><script>alert(1)</script> R&D <속보> \"따옴표\" 🎉";

class FeedsTest : public SiteTest {
 protected:
  http::Response GetWithHost(const std::string& target, const std::string& host) {
    http::Request request;
    request.method = http::Method::kGet;
    request.target = target;
    request.path = target;
    request.headers.emplace_back("host", host);
    return router_.Dispatch(request);
  }

  store::ArticleId InsertAt(int section, const std::string& headline, Timestamp at) {
    return Insert(MakeArticle(sections_.at(section).id, headline, at, {reporters_[0]}));
  }
};

TEST_F(FeedsTest, ArticleJsonLdParsesBackAndCannotEndTheScriptElement) {
  store::NewArticle article =
      MakeArticle(sections_[0].id, kNasty, kAugustFirst, {reporters_[0], reporters_[1]});
  article.modified_at = kAugustFirst + kHour;
  const auto id = Insert(article);
  const std::string html = GetBody("/article/" + std::to_string(id));

  const std::string text = JsonLdText(html);
  EXPECT_THAT(text, Not(HasSubstr("<")));
  EXPECT_THAT(text, Not(HasSubstr(">")));
  EXPECT_THAT(text, Not(HasSubstr("&")));
  const nlohmann::json ld = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(ld.is_discarded()) << text;
  const std::string url = "https://news.example.com/article/" + std::to_string(id);
  EXPECT_EQ(ld["@context"], "https://schema.org");
  EXPECT_EQ(ld["@type"], "NewsArticle");
  EXPECT_EQ(ld["headline"], kNasty);
  EXPECT_EQ(ld["datePublished"], "2017-08-01T13:13:00+09:00");
  EXPECT_EQ(ld["dateModified"], "2017-08-01T14:13:00+09:00");
  ASSERT_EQ(ld["author"].size(), 2u);
  EXPECT_EQ(ld["author"][0]["@type"], "Person");
  EXPECT_EQ(ld["author"][0]["name"], "기자1");
  EXPECT_EQ(ld["author"][0]["url"],
            "https://news.example.com/reporter/" + std::to_string(reporters_[0]));
  EXPECT_EQ(ld["publisher"]["@type"], "Organization");
  EXPECT_EQ(ld["publisher"]["name"], "한밭일보");
  EXPECT_THAT(ld["publisher"]["logo"]["url"].get<std::string>(), HasSubstr("/static/img/logo"));
  EXPECT_EQ(ld["mainEntityOfPage"]["@id"], url);
  EXPECT_EQ(ld["articleSection"], "정치");
  EXPECT_FALSE(ld.contains("image")) << "articles have no photos yet";

  EXPECT_THAT(html, HasSubstr("<link rel=\"canonical\" href=\"" + url + "\">"));
  EXPECT_THAT(html, HasSubstr("<meta property=\"og:type\" content=\"article\">"));
  EXPECT_THAT(html, HasSubstr("<meta property=\"og:url\" content=\"" + url + "\">"));
  EXPECT_THAT(html, HasSubstr("<meta property=\"og:title\" content=\"&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("<meta property=\"article:published_time\" "
                              "content=\"2017-08-01T13:13:00+09:00\">"));
  EXPECT_THAT(html, HasSubstr("<meta name=\"twitter:card\" content=\"summary\">"));
}

TEST_F(FeedsTest, SectionAndFrontPagesListTheirArticlesInJsonLd) {
  const auto id = InsertAt(0, "정치 & 기사", kAugustFirst);
  const std::string section = GetBody("/section/politics");
  EXPECT_THAT(
      section,
      HasSubstr("<link rel=\"canonical\" href=\"https://news.example.com/section/politics\">"));
  const nlohmann::json ld = nlohmann::json::parse(JsonLdText(section), nullptr, false);
  ASSERT_FALSE(ld.is_discarded());
  EXPECT_EQ(ld["@type"], "CollectionPage");
  EXPECT_EQ(ld["mainEntity"]["@type"], "ItemList");
  ASSERT_EQ(ld["mainEntity"]["itemListElement"].size(), 1u);
  EXPECT_EQ(ld["mainEntity"]["itemListElement"][0]["url"],
            "https://news.example.com/article/" + std::to_string(id));
  EXPECT_EQ(ld["mainEntity"]["itemListElement"][0]["name"], "정치 & 기사");

  const std::string front = GetBody("/");
  EXPECT_THAT(front, HasSubstr("<link rel=\"canonical\" href=\"https://news.example.com/\">"));
  const nlohmann::json front_ld = nlohmann::json::parse(JsonLdText(front), nullptr, false);
  ASSERT_FALSE(front_ld.is_discarded());
  EXPECT_EQ(front_ld["@type"], "WebPage");
}

TEST_F(FeedsTest, RssHasTheLatestFiftyWithEscapedTitles) {
  for (int i = 0; i < 55; ++i) InsertAt(i % 2, "기사 " + std::to_string(i), kAugustFirst + i);
  const auto nasty = InsertAt(0, kNasty, kAugustFirst + 100);
  const http::Response response = Get("/rss");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/rss+xml; charset=utf-8");
  const std::string xml = Body(response);
  EXPECT_EQ(Count(xml, "<item>"), 50);
  EXPECT_THAT(xml, HasSubstr("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D "
                             "&lt;속보&gt; &quot;따옴표&quot; 🎉</title>"));
  const std::string link = "https://news.example.com/article/" + std::to_string(nasty);
  EXPECT_THAT(xml, HasSubstr("<guid isPermaLink=\"true\">" + link + "</guid>"));
  EXPECT_THAT(xml, HasSubstr("<atom:link href=\"https://news.example.com/rss\" rel=\"self\""));
  EXPECT_THAT(xml, HasSubstr("<pubDate>Tue, 01 Aug 2017 13:14:40 +0900</pubDate>"));
  EXPECT_THAT(xml, HasSubstr("<category>정치</category>"));
  EXPECT_THAT(xml, HasSubstr("<dc:creator>기자1</dc:creator>"));
  EXPECT_LT(Find(xml, link), Find(xml, "/article/1<"));

  const std::string politics = GetBody("/rss/section/politics");
  EXPECT_EQ(Count(politics, "<item>"), 29);
  EXPECT_THAT(politics, Not(HasSubstr("<category>경제</category>")));
  EXPECT_EQ(Count(GetBody("/rss/reporter/" + std::to_string(reporters_[0])), "<item>"), 50);
  EXPECT_EQ(Get("/rss/section/nope").status, 404);
  EXPECT_EQ(Get("/rss/reporter/999").status, 404);
  EXPECT_EQ(Get("/rss/reporter/abc").status, 400);
}

TEST_F(FeedsTest, OriginComesFromAWellFormedHostAndIsPartOfTheCacheKey) {
  MakeSite("ko", 60, "");
  EXPECT_THAT(Body(GetWithHost("/rss", "news.example:8080")),
              HasSubstr("<link>http://news.example:8080/</link>"));
  // Same path, another host: not the page cached for the first one.
  EXPECT_THAT(Body(GetWithHost("/rss", "other.example")),
              HasSubstr("<link>http://other.example/</link>"));
  for (const char* bad : {"evil.example\"><x", "a b", "host:99999x", "", ".x", "h/p", "h@q"}) {
    EXPECT_THAT(Body(GetWithHost("/robots.txt", bad)),
                HasSubstr("Sitemap: http://127.0.0.1/sitemap.xml"))
        << bad;
  }
}

TEST_F(FeedsTest, SitemapIndexNamesEveryFile) {
  const auto a = InsertAt(0, "첫 기사", kAugustFirst);
  store::NewArticle edited = MakeArticle(sections_[1].id, "둘째 & 기사", kAugustFirst + kHour);
  edited.modified_at = kAugustFirst + 2 * kHour;
  const auto b = Insert(edited);
  InsertAt(0, "예약 기사", kNow + kHour);  // not public yet

  const http::Response index = Get("/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "application/xml; charset=utf-8");
  const std::string xml = Body(index);
  EXPECT_THAT(xml, HasSubstr("<loc>https://news.example.com/sitemaps/sections.xml</loc>"));
  EXPECT_THAT(xml, HasSubstr("<loc>https://news.example.com/sitemaps/reporters.xml</loc>"));
  EXPECT_THAT(xml, HasSubstr("<sitemap><loc>https://news.example.com/sitemaps/articles-1.xml</loc>"
                             "<lastmod>2017-08-01T15:13:00+09:00</lastmod></sitemap>"));
  EXPECT_THAT(xml, Not(HasSubstr("articles-2.xml")));

  const std::string articles = GetBody("/sitemaps/articles-1.xml");
  EXPECT_EQ(Count(articles, "<url>"), 2);
  EXPECT_LT(Find(articles, "/article/" + std::to_string(a) + "<"),
            Find(articles, "/article/" + std::to_string(b) + "<"));
  EXPECT_THAT(articles, HasSubstr("<lastmod>2017-08-01T15:13:00+09:00</lastmod>"));
  EXPECT_EQ(Get("/sitemaps/articles-2.xml").status, 404);
  EXPECT_EQ(Get("/sitemaps/articles-0.xml").status, 404);
  EXPECT_EQ(Get("/sitemaps/other.xml").status, 404);
  EXPECT_EQ(Count(GetBody("/sitemaps/sections.xml"), "<url>"), 4);  // front + 3 sections
  EXPECT_EQ(Count(GetBody("/sitemaps/reporters.xml"), "<url>"),
            static_cast<int>(reporters_.size()));
}

TEST_F(FeedsTest, ALargeSitemapFileIsTheSameFromTheCache) {
  std::vector<store::NewArticle> articles;
  for (int i = 0; i < 4000; ++i) {  // about 360 KB of XML: kept in its gzip form
    articles.push_back(MakeArticle(sections_[i % 3].id, "기사 " + std::to_string(i),
                                   kAugustFirst + i * 60, {reporters_[0]}));
  }
  ASSERT_TRUE(store_->InsertArticles(articles));
  const std::string rendered = GetBody("/sitemaps/articles-1.xml");
  EXPECT_EQ(Count(rendered, "<url>"), 4000);
  const http::Response cached = Get("/sitemaps/articles-1.xml");
  EXPECT_EQ(cached.status, 200);
  EXPECT_EQ(cached.content_type, "application/xml; charset=utf-8");
  EXPECT_EQ(Body(cached), rendered);
}

TEST_F(FeedsTest, NewsSitemapHasTheLastTwoDays) {
  InsertAt(0, "사흘 전", kNow - 72 * kHour);
  const auto recent = InsertAt(0, kNasty, kNow - kHour);
  const std::string xml = GetBody("/news-sitemap.xml");
  EXPECT_EQ(Count(xml, "<url>"), 1);
  EXPECT_THAT(xml, HasSubstr("/article/" + std::to_string(recent) + "</loc>"));
  EXPECT_THAT(xml, HasSubstr("<news:name>한밭일보</news:name><news:language>ko</news:language>"));
  EXPECT_THAT(xml, HasSubstr("<news:publication_date>2024-05-03T11:00:00+09:00<"));
  EXPECT_THAT(xml, HasSubstr("<news:title>&lt;/script&gt;"));
}

TEST_F(FeedsTest, RobotsTxtNamesBothSitemaps) {
  const http::Response robots = Get("/robots.txt");
  EXPECT_EQ(robots.content_type, "text/plain; charset=utf-8");
  EXPECT_THAT(Body(robots), HasSubstr("Sitemap: https://news.example.com/sitemap.xml\n"
                                      "Sitemap: https://news.example.com/news-sitemap.xml\n"));
}

}  // namespace
}  // namespace sinmun::site
