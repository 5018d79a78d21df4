#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::MakeArticle;
using ::testing::HasSubstr;
using ::testing::Not;

// Section index 0 = politics (정치), 1 = economy (경제), 2 = society (사회).
store::NewArticle Article(const std::vector<store::Section>& sections, int section,
                          const std::string& headline, Timestamp at,
                          std::vector<store::ReporterId> reporters = {}, std::int64_t views = 0) {
  return MakeArticle(sections.at(section).id, headline, at, std::move(reporters), views);
}

TEST_F(SiteTest, ArticleShowsItsPartsInOrderWithKstTimes) {
  const auto id = Insert(Article(sections_, 0, "대전시, 4차 산업혁명 위원회 출범", kAugustFirst,
                                 {reporters_[0], reporters_[1]}));
  const http::Response response = Get("/article/" + std::to_string(id));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  const std::string html = Body(response);

  const size_t section =
      Find(html, "<p class=\"article-section\"><a href=\"/section/politics\">정치</a>");
  const size_t headline =
      Find(html, "<h1 class=\"headline\">대전시, 4차 산업혁명 위원회 출범</h1>");
  const size_t subheadline = Find(html, "<li>위원 20명으로 구성</li>");
  const size_t byline =
      Find(html, "href=\"/reporter/" + std::to_string(reporters_[0]) + "\">기자1 기자</a>");
  const size_t mailto = Find(html, "href=\"mailto:reporter1@sinmun.example\"");
  const size_t second_byline = Find(html, ">기자2 기자</a>");
  const size_t registered =
      Find(html, "입력 <time datetime=\"2017-08-01T13:13:00+09:00\">2017-08-01 13:13</time>");
  const size_t body = Find(html, "<div class=\"article-body\">");
  const size_t recommend = Find(html, "action=\"/article/" + std::to_string(id) + "/recommend\"");
  const size_t email = Find(html, "href=\"/article/" + std::to_string(id) + "/email\"");
  const size_t print = Find(html, "href=\"/article/" + std::to_string(id) + "/print\"");
  const size_t list = Find(html, ">목록으로</a>");
  const size_t most_viewed = Find(html, "많이 본 뉴스");
  for (size_t pos : {section, headline, subheadline, byline, mailto, second_byline, registered,
                     body, recommend, email, print, list}) {
    ASSERT_NE(pos, std::string::npos) << html;
  }
  EXPECT_LT(section, headline);
  EXPECT_LT(headline, subheadline);
  EXPECT_LT(subheadline, byline);
  EXPECT_LT(byline, mailto);
  EXPECT_LT(mailto, second_byline);
  EXPECT_LT(second_byline, registered);
  EXPECT_LT(registered, body);
  EXPECT_LT(body, recommend);
  EXPECT_LT(recommend, email);
  EXPECT_LT(email, print);
  EXPECT_LT(print, list);
  EXPECT_NE(most_viewed, std::string::npos);
  EXPECT_THAT(html, Not(HasSubstr("수정 <time"))) << "never edited";
  EXPECT_EQ(Count(html, "<h1"), 1);
  EXPECT_THAT(html, HasSubstr("<span class=\"count\">0</span>"));
  // Banner slots without a campaign (here: banners off) leave nothing, not even their marker.
  EXPECT_THAT(html, Not(HasSubstr("sinmun-ad")));
  EXPECT_THAT(html, Not(HasSubstr("ad-slot")));
}

TEST_F(SiteTest, ArticleShowsModifiedTimeWhenEdited) {
  store::NewArticle article = Article(sections_, 0, "수정된 기사", kAugustFirst);
  article.modified_at = 1501632000;  // 2017-08-02 09:00 KST
  const auto id = Insert(article);
  const std::string html = GetBody("/article/" + std::to_string(id));
  const size_t registered =
      Find(html, "입력 <time datetime=\"2017-08-01T13:13:00+09:00\">2017-08-01 13:13</time>");
  const size_t modified =
      Find(html, "수정 <time datetime=\"2017-08-02T09:00:00+09:00\">2017-08-02 09:00</time>");
  ASSERT_NE(registered, std::string::npos) << html;
  ASSERT_NE(modified, std::string::npos) << html;
  EXPECT_LT(registered, modified);
}

TEST_F(SiteTest, ArticleLinksPreviousAndNextInItsSection) {
  const auto oldest = Insert(Article(sections_, 0, "첫째 기사", kAugustFirst));
  Insert(Article(sections_, 1, "다른 섹션 기사", kAugustFirst + kHour / 2));
  const auto middle = Insert(Article(sections_, 0, "둘째 기사", kAugustFirst + kHour));
  const auto newest = Insert(Article(sections_, 0, "셋째 기사", kAugustFirst + 2 * kHour));

  const std::string html = GetBody("/article/" + std::to_string(middle));
  EXPECT_THAT(html, HasSubstr("<a rel=\"prev\" href=\"/article/" + std::to_string(oldest) +
                              "\"><span class=\"label\">이전 기사</span> 첫째 기사</a>"));
  EXPECT_THAT(html, HasSubstr("<a rel=\"next\" href=\"/article/" + std::to_string(newest) +
                              "\"><span class=\"label\">다음 기사</span> 셋째 기사</a>"));

  const std::string first = GetBody("/article/" + std::to_string(oldest));
  EXPECT_THAT(first, Not(HasSubstr("rel=\"prev\"")));
  EXPECT_THAT(first, HasSubstr("rel=\"next\" href=\"/article/" + std::to_string(middle)));
}

TEST_F(SiteTest, BackToListLinksThePageThatHoldsTheArticle) {
  std::vector<store::NewArticle> articles;
  for (int i = 0; i < 45; ++i) {
    articles.push_back(
        Article(sections_, 0, "기사 " + std::to_string(i), kAugustFirst + i * kHour));
  }
  const std::vector<store::ArticleId> ids = sinmun::testing::Must(store_->InsertArticles(articles));
  // The article links "목록으로" to a redirect that finds the list page holding it.
  const auto back_to_list = [this](store::ArticleId id) {
    const std::string link = "/article/" + std::to_string(id) + "/list";
    EXPECT_THAT(GetBody("/article/" + std::to_string(id)),
                HasSubstr("href=\"" + link + "\">목록으로</a>"));
    const http::Response response = Get(link);
    EXPECT_EQ(response.status, 302);
    for (const auto& [name, value] : response.headers) {
      if (name == "Location") return value;
    }
    return std::string("(no Location)");
  };
  // The oldest is 45th newest: position 44, page 3. The newest is on page 1.
  EXPECT_EQ(back_to_list(ids.front()), "/section/politics?page=3");
  EXPECT_EQ(back_to_list(ids[25]), "/section/politics") << "position 19 is the last of page 1";
  EXPECT_EQ(back_to_list(ids[24]), "/section/politics?page=2");
  EXPECT_EQ(back_to_list(ids.back()), "/section/politics");
  EXPECT_EQ(Get("/article/abc/list").status, 400);
  EXPECT_EQ(Get("/article/999999/list").status, 404);
}

TEST_F(SiteTest, BadArticleIdsAre400AndUnknownIs404) {
  for (const char* target :
       {"/article/abc", "/article/0", "/article/-1", "/article/1e3", "/article/9007199254740993",
        "/article/99999999999999999999999", "/article/abc/print", "/api/v1/articles/abc"}) {
    EXPECT_EQ(Get(target).status, 400) << target;
  }
  EXPECT_EQ(Get("/article/424242").status, 404);
  EXPECT_EQ(Get("/article/9007199254740992").status, 404);
  EXPECT_EQ(Get("/article/424242/print").status, 404);
}

TEST_F(SiteTest, ArticleNotYetPublishedIs404) {
  const auto id = Insert(Article(sections_, 0, "예약 기사", kNow + kHour));
  EXPECT_EQ(Get("/article/" + std::to_string(id)).status, 404);
}

// The masthead and its section bar are rendered once per change and kept (issue #14), one
// for each entry they highlight: every page still marks its own.
TEST_F(SiteTest, SectionBarMarksEachPagesOwnSectionThoughTheBarIsKept) {
  const auto politics = Insert(Article(sections_, 0, "정치 기사", kAugustFirst));
  const auto economy = Insert(Article(sections_, 1, "경제 기사", kAugustFirst));
  const std::string politics_current =
      "<a href=\"/section/politics\" aria-current=\"page\">정치</a>";
  const std::string economy_current = "<a href=\"/section/economy\" aria-current=\"page\">경제</a>";
  const std::string home_current = "<a href=\"/\" aria-current=\"page\">";

  const std::string first = GetBody("/article/" + std::to_string(politics));
  EXPECT_THAT(first, HasSubstr(politics_current));
  EXPECT_THAT(first, Not(HasSubstr(economy_current)));
  const std::string second = GetBody("/article/" + std::to_string(economy));
  EXPECT_THAT(second, HasSubstr(economy_current));
  EXPECT_THAT(second, Not(HasSubstr(politics_current)));
  EXPECT_THAT(second, HasSubstr("<a href=\"/section/politics\">정치</a>"));
  const std::string front = GetBody("/");
  EXPECT_THAT(front, HasSubstr(home_current));
  EXPECT_THAT(front, Not(HasSubstr(politics_current)));
  EXPECT_THAT(front, Not(HasSubstr(economy_current)));
  EXPECT_THAT(GetBody("/section/economy"), HasSubstr(economy_current));
}

TEST_F(SiteTest, SectionListIsPaginatedNewestFirst) {
  std::vector<store::NewArticle> articles;
  for (int i = 0; i < 45; ++i) {
    articles.push_back(
        Article(sections_, 0, "정치 기사 " + std::to_string(i), kAugustFirst + i * kHour));
  }
  sinmun::testing::Must(store_->InsertArticles(articles));

  const http::Response first = Get("/section/politics");
  ASSERT_EQ(first.status, 200);
  const std::string html = Body(first);
  EXPECT_EQ(Count(html, "<h2 class=\"item-title\">"), 20);
  EXPECT_LT(Find(html, "정치 기사 44"), Find(html, "정치 기사 43"));
  EXPECT_THAT(html, HasSubstr("<h1 class=\"page-title\">정치</h1>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"current\" aria-current=\"page\">1</span>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"/section/politics?page=3\">3</a>"));
  EXPECT_THAT(html, HasSubstr("rel=\"next\" href=\"/section/politics?page=2\""));
  EXPECT_THAT(html, Not(HasSubstr("rel=\"prev\"")));
  EXPECT_THAT(html, HasSubstr("<a href=\"/section/politics\" aria-current=\"page\">정치</a>"));

  const std::string third = GetBody("/section/politics?page=3");
  EXPECT_EQ(Count(third, "<h2 class=\"item-title\">"), 5);
  EXPECT_THAT(third, HasSubstr("rel=\"prev\" href=\"/section/politics?page=2\""));
  EXPECT_THAT(third, HasSubstr("정치 기사 0<"));
  EXPECT_THAT(GetBody("/section/politics?page=2"),
              HasSubstr("rel=\"prev\" href=\"/section/politics\""));

  EXPECT_EQ(Get("/section/politics?page=4").status, 404);
  for (const char* bad : {"abc", "0", "-1", "", "1.5", "99999999999", "99999999999999999999999"}) {
    EXPECT_EQ(Get(std::string("/section/politics?page=") + bad).status, 400) << bad;
  }
  EXPECT_EQ(Get("/section/nope").status, 404);
}

// Pages are read by keyset from where each begins (issue #14); a publish moves every page's
// start, and the pages follow it (here with no page cache, so each request sees the change).
TEST_F(SiteTest, SectionPagesFollowAPublish) {
  MakeSite("ko", 0);
  std::vector<store::NewArticle> articles;
  for (int i = 0; i < 40; ++i) {
    articles.push_back(
        Article(sections_, 0, "정치 기사 " + std::to_string(i), kAugustFirst + i * kHour));
  }
  sinmun::testing::Must(store_->InsertArticles(articles));
  EXPECT_EQ(Count(GetBody("/section/politics?page=2"), "<h2 class=\"item-title\">"), 20);
  EXPECT_EQ(Get("/section/politics?page=3").status, 404);

  Insert(Article(sections_, 0, "새 정치 기사", kAugustFirst + 50 * kHour));
  const std::string first = GetBody("/section/politics");
  EXPECT_LT(Find(first, "새 정치 기사"), Find(first, "정치 기사 39"));
  EXPECT_THAT(first, Not(HasSubstr("정치 기사 20<")));
  const std::string second = GetBody("/section/politics?page=2");
  EXPECT_THAT(second, HasSubstr("정치 기사 20<"));
  EXPECT_THAT(second, Not(HasSubstr("정치 기사 0<")));
  const std::string third = GetBody("/section/politics?page=3");
  EXPECT_EQ(Count(third, "<h2 class=\"item-title\">"), 1);
  EXPECT_THAT(third, HasSubstr("정치 기사 0<"));
  EXPECT_THAT(GetBody("/api/v1/articles?section=politics&page=3"), HasSubstr("정치 기사 0"));
  EXPECT_THAT(GetBody("/api/v1/articles?page=4"), HasSubstr("\"items\":[]"));
}

TEST_F(SiteTest, EmptySectionShowsAMessage) {
  const http::Response response = Get("/section/society");
  ASSERT_EQ(response.status, 200);
  EXPECT_THAT(Body(response), HasSubstr("아직 기사가 없습니다."));
  EXPECT_EQ(Get("/section/society?page=2").status, 404);
}

TEST_F(SiteTest, FrontPageHasTopStorySectionsAndMostViewed) {
  Insert(Article(sections_, 1, "경제 기사", kAugustFirst, {reporters_[0]}, 500));
  Insert(Article(sections_, 0, "정치 기사", kAugustFirst + kHour, {reporters_[0]}, 10));
  Insert(
      Article(sections_, 2, "가장 새로운 사회 기사", kAugustFirst + 2 * kHour, {reporters_[1]}, 3));
  const http::Response response = Get("/");
  ASSERT_EQ(response.status, 200);
  const std::string html = Body(response);
  const size_t top = Find(html, "<section class=\"top-story\"");
  ASSERT_NE(top, std::string::npos) << html;
  // The body's first mention (the <head> names it too, in the JSON-LD list).
  const size_t newest = html.find("가장 새로운 사회 기사", Find(html, "<body"));
  EXPECT_LT(top, newest);
  EXPECT_LT(newest, Find(html, "section-box-politics"));
  EXPECT_THAT(html, HasSubstr("<li>스마트시티가 첫 과제</li>")) << "subheadlines";
  EXPECT_LT(Find(html, "section-box-politics"), Find(html, "section-box-economy"));
  EXPECT_LT(Find(html, "section-box-economy"), Find(html, "section-box-society"));
  const size_t box = Find(html, "most-viewed-box-title");
  ASSERT_NE(box, std::string::npos);
  EXPECT_LT(html.find("경제 기사", box), html.find("정치 기사", box)) << "most views first";
  EXPECT_EQ(Count(html, "<h1"), 1);
}

TEST_F(SiteTest, LegacyArticleUrlRedirectsPermanently) {
  const http::Response response = Get("/news/articleView.html?idxno=123");
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(Header(response, "Location"), "/article/123");
  EXPECT_EQ(Get("/news/articleView.html?idxno=abc").status, 400);
  EXPECT_EQ(Get("/news/articleView.html?idxno=0").status, 400);
  EXPECT_EQ(Get("/news/articleView.html").status, 400);
}

TEST_F(SiteTest, ViewModeSwitchSetsCookieAndRedirectsOnlyWithinTheSite) {
  const http::Response response = Get("/view-mode?m=mobile&return=%2Farticle%2F7%3Fa%3D1");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(Header(response, "Location"), "/article/7?a=1");
  EXPECT_EQ(Header(response, "Set-Cookie"), "view=mobile; Path=/; Max-Age=31536000; SameSite=Lax");
  EXPECT_EQ(Header(Get("/view-mode?m=pc&return=/"), "Set-Cookie"),
            "view=pc; Path=/; Max-Age=31536000; SameSite=Lax");

  for (const char* evil : {"//evil.example/", "https://evil.example/", "/\\evil.example",
                           "%2F%2Fevil.example", "evil", "/ok%0D%0ASet-Cookie:x=1"}) {
    const http::Response refused = Get(std::string("/view-mode?m=mobile&return=") + evil);
    EXPECT_EQ(refused.status, 303) << evil;
    EXPECT_EQ(Header(refused, "Location"), "/") << evil;
  }
  EXPECT_EQ(Header(Get("/view-mode?m=pc"), "Location"), "/");
  EXPECT_EQ(Get("/view-mode?m=tablet&return=/").status, 400);
}

TEST_F(SiteTest, ViewCookieSelectsTheLayoutAndIsPartOfTheCacheKey) {
  const std::string plain = GetBody("/");
  const std::string mobile = GetBody("/", "view=mobile");
  const std::string pc = GetBody("/", "theme=dark; view=pc");
  const std::string plain_again = GetBody("/");
  EXPECT_THAT(plain, HasSubstr("<body class=\"\">"));
  EXPECT_THAT(mobile, HasSubstr("<body class=\"mobile\">"));
  EXPECT_THAT(pc, HasSubstr("<body class=\"pc\">"));
  EXPECT_EQ(plain, plain_again);
  EXPECT_THAT(plain, HasSubstr("href=\"/view-mode?m=mobile&amp;return=%2F\""));
  EXPECT_EQ(Header(Get("/"), "Vary"), "Cookie");
}

TEST_F(SiteTest, SwitchLinksReturnToTheCanonicalPage) {
  Insert(Article(sections_, 0, "기사", kAugustFirst));
  // (?page=1 itself is a 301 to the address without it: canonical_address_test.cpp.)
  const std::string html = GetBody("/section/politics?utm=x");
  EXPECT_THAT(html, HasSubstr("href=\"/view-mode?m=pc&amp;return=%2Fsection%2Fpolitics\"")) << html;
}

TEST_F(SiteTest, HeadlinesAndBodiesAreEscaped) {
  store::NewArticle article =
      Article(sections_, 0, "<script>alert(1)</script> R&D \"따옴표\"", kAugustFirst);
  article.body_markdown = "본문 <script>alert(2)</script>\n\n<img src=x onerror=alert(3)>";
  article.subheadlines = {"<b>굵게</b>"};
  const auto id = Insert(article);
  const std::string html = GetBody("/article/" + std::to_string(id));
  // The script elements are the page's own: its JSON-LD, the reader script (sharing,
  // font size, recommend) and the comments' (posting and paging in place).
  EXPECT_EQ(Count(html, "<script"), 3);
  EXPECT_EQ(Count(html, "<script type=\"application/ld+json\">"), 1);
  EXPECT_EQ(Count(html, "<script src=\"/static/js/reader"), 1);
  EXPECT_EQ(Count(html, "<script src=\"/static/js/comments"), 1);
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html,
              HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D &quot;따옴표&quot;</h1>"))
      << html;
  EXPECT_THAT(GetBody("/"), HasSubstr("&lt;script&gt;alert(1)"));
  EXPECT_EQ(Count(GetBody("/"), "<script"), 1);
}

TEST_F(SiteTest, ApiArticleHasTheDocumentedFields) {
  const auto older = Insert(Article(sections_, 0, "이전", kAugustFirst - kHour));
  store::NewArticle article =
      Article(sections_, 0, "가운데 & <기사>", kAugustFirst, {reporters_[1], reporters_[0]});
  article.modified_at = 1501632000;
  const auto id = Insert(article);
  const http::Response response = Get("/api/v1/articles/" + std::to_string(id));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  const nlohmann::json json = nlohmann::json::parse(Body(response));
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"body_html", "headline", "id", "modified_at", "next_id",
                                      "paid", "prev_id", "registered_at", "reporter", "reporters",
                                      "section", "series", "subheadlines", "type", "url"}));
  EXPECT_EQ(json["id"], id);
  EXPECT_EQ(json["section"], (nlohmann::json{{"slug", "politics"}, {"name", "정치"}}));
  EXPECT_EQ(json["headline"], "가운데 & <기사>");
  EXPECT_EQ(json["subheadlines"], (nlohmann::json{"위원 20명으로 구성", "스마트시티가 첫 과제"}));
  EXPECT_EQ(json["reporter"], "기자2");
  ASSERT_EQ(json["reporters"].size(), 2u);
  EXPECT_EQ(json["reporters"][1]["name"], "기자1");
  EXPECT_EQ(json["reporters"][1]["email"], "reporter1@sinmun.example");
  EXPECT_EQ(json["registered_at"], "2017-08-01T13:13:00+09:00");
  EXPECT_EQ(json["modified_at"], "2017-08-02T09:00:00+09:00");
  EXPECT_EQ(json["url"], "https://news.example.com/article/" + std::to_string(id));
  EXPECT_EQ(json["prev_id"], older);
  EXPECT_TRUE(json["next_id"].is_null());
  EXPECT_TRUE(json["series"].is_null());
  EXPECT_NE(json["body_html"].get<std::string>().find("<p>"), std::string::npos);

  const nlohmann::json first =
      nlohmann::json::parse(GetBody("/api/v1/articles/" + std::to_string(older)));
  EXPECT_TRUE(first["prev_id"].is_null());
  EXPECT_EQ(first["next_id"], id);
  EXPECT_TRUE(first["modified_at"].is_null());
}

TEST_F(SiteTest, ApiListAndErrors) {
  Insert(Article(sections_, 0, "정치 1", kAugustFirst, {reporters_[0]}));
  Insert(Article(sections_, 1, "경제 1", kAugustFirst + kHour));
  const nlohmann::json all = nlohmann::json::parse(GetBody("/api/v1/articles"));
  EXPECT_EQ(all["total"], 2);
  EXPECT_EQ(all["page"], 1);
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["headline"], "경제 1");
  const nlohmann::json& item = all["items"][1];
  EXPECT_EQ(item["section"]["slug"], "politics");
  EXPECT_EQ(item["reporter"], "기자1");
  EXPECT_EQ(item["registered_at"], "2017-08-01T13:13:00+09:00");
  EXPECT_TRUE(item.contains("snippet"));
  EXPECT_EQ(item["url"],
            "https://news.example.com/article/" + std::to_string(item["id"].get<int>()));

  const nlohmann::json politics =
      nlohmann::json::parse(GetBody("/api/v1/articles?section=politics"));
  EXPECT_EQ(politics["total"], 1);
  EXPECT_EQ(nlohmann::json::parse(GetBody("/api/v1/articles?page=2"))["items"].size(), 0u);

  const http::Response bad = Get("/api/v1/articles?page=abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(Body(bad))["error"]["status"], 400);
  EXPECT_EQ(Get("/api/v1/articles?section=nope").status, 404);
  const http::Response missing = Get("/api/v1/articles/777777");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(Body(missing))["error"]["status"], 404);
}

TEST_F(SiteTest, NewArticleShowsAfterTheChangeCheckInterval) {
  Insert(Article(sections_, 0, "먼저 나온 기사", kAugustFirst));
  EXPECT_THAT(GetBody("/"), HasSubstr("먼저 나온 기사"));
  Insert(Article(sections_, 0, "방금 들어온 속보", kAugustFirst + kHour));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string html = GetBody("/");
  EXPECT_THAT(html, HasSubstr("방금 들어온 속보"));
}

TEST_F(SiteTest, PagesAreServedFromTheCache) {
  const auto id = Insert(Article(sections_, 0, "캐시 기사", kAugustFirst));
  const http::Response first = Get("/article/" + std::to_string(id));
  const http::Response second = Get("/article/" + std::to_string(id));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body.bytes, second.body.bytes) << "the same shared bytes";
  EXPECT_FALSE(first.body.etag.empty());
}

TEST_F(SiteTest, EnglishLabelsWithLanguageEn) {
  MakeSite("en");
  const auto id = Insert(Article(sections_, 0, "Council launched", kAugustFirst));
  const std::string html = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("Posted <time datetime=\"2017-08-01T13:13:00+09:00\">"));
  EXPECT_THAT(html, HasSubstr(">Most viewed</h2>"));
  EXPECT_THAT(html, HasSubstr(">Back to list</a>"));
  EXPECT_THAT(html, Not(HasSubstr("입력")));
  const http::Response missing = Get("/nowhere");
  EXPECT_THAT(Body(missing), HasSubstr("Page not found"));
}

TEST_F(SiteTest, ErrorPagesAreStyledWithTheirStatus) {
  const http::Response missing = Get("/no/such/page");
  EXPECT_EQ(missing.status, 404);
  const std::string html = Body(missing);
  EXPECT_THAT(html, HasSubstr("<html lang=\"ko\">"));
  EXPECT_THAT(html, HasSubstr("페이지를 찾을 수 없습니다"));
  EXPECT_THAT(html, HasSubstr("한밭일보"));
  EXPECT_THAT(html, HasSubstr("href=\"/section/politics\"")) << "section bar";
  EXPECT_EQ(Count(html, "<h1"), 1);

  for (int status : {400, 405, 413, 431, 500, 503}) {
    const http::Response page = site_->ErrorPage(status);
    EXPECT_EQ(page.status, status);
    EXPECT_THAT(Body(page),
                HasSubstr("<p class=\"error-status\">" + std::to_string(status) + "</p>"));
  }
  EXPECT_THAT(Body(site_->ErrorPage(500)), HasSubstr("서버 오류가 발생했습니다"));
}

TEST_F(SiteTest, PagesHaveTheDocumentBasicsAndLegalFooter) {
  const auto id = Insert(Article(sections_, 0, "기사", kAugustFirst, {reporters_[0]}));
  for (const std::string& target : std::vector<std::string>{
           "/", "/section/politics", "/article/" + std::to_string(id),
           "/reporter/" + std::to_string(reporters_[0]), "/most-viewed", "/nope"}) {
    const std::string html = GetBody(target);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"ko\">", 0), 0u) << target;
    EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">")) << target;
    EXPECT_THAT(html, HasSubstr("<meta name=\"viewport\"")) << target;
    EXPECT_THAT(html, HasSubstr("<link rel=\"icon\" href=\"/static/img/favicon.")) << target;
    EXPECT_THAT(html, HasSubstr("<link rel=\"stylesheet\" href=\"/static/css/site.")) << target;
    EXPECT_THAT(html, HasSubstr("<a class=\"skip-link\" href=\"#main\">")) << target;
    EXPECT_THAT(html, HasSubstr("<main id=\"main\"")) << target;
    EXPECT_EQ(Count(html, "<h1"), 1) << target;
    EXPECT_THAT(html, HasSubstr("<meta name=\"description\" content=\"")) << target;
    EXPECT_THAT(html, HasSubstr("<dt>등록번호</dt><dd>대전 아00000</dd>")) << target;
    EXPECT_THAT(html, HasSubstr("<dt>청소년보호책임자</dt><dd>김영희</dd>")) << target;
    EXPECT_THAT(html, HasSubstr(">모바일 버전</a>")) << target;
  }
}

TEST_F(SiteTest, StylesheetIsServed) {
  const std::string html = GetBody("/");
  const size_t start = Find(html, "href=\"/static/css/site.");
  ASSERT_NE(start, std::string::npos);
  const size_t from = start + 6;
  const std::string url = html.substr(from, html.find('"', from) - from);
  const http::Response css = Get(url);
  EXPECT_EQ(css.status, 200) << url;
  EXPECT_THAT(Body(css), HasSubstr("word-break: keep-all"));
}

TEST_F(SiteTest, PrintViewHasTheArticleAndNoNavigation) {
  const auto id = Insert(Article(sections_, 0, "인쇄할 기사", kAugustFirst, {reporters_[0]}));
  const http::Response response = Get("/article/" + std::to_string(id) + "/print");
  ASSERT_EQ(response.status, 200);
  const std::string html = Body(response);
  EXPECT_THAT(html, HasSubstr("<body class=\"print-view\">"));
  EXPECT_THAT(html, HasSubstr("<p class=\"print-brand\">한밭일보</p>"));
  EXPECT_THAT(html, HasSubstr("<h1 class=\"headline\">인쇄할 기사</h1>"));
  EXPECT_THAT(html, HasSubstr("2017-08-01 13:13"));
  EXPECT_THAT(html, Not(HasSubstr("class=\"sections\"")));
  EXPECT_THAT(html, Not(HasSubstr("ad-slot")));
  EXPECT_THAT(html, Not(HasSubstr("sinmun-ad")));
  EXPECT_THAT(html, Not(HasSubstr("recommend")));
}

TEST_F(SiteTest, ReporterPageShowsProfileAndArticles) {
  Insert(Article(sections_, 0, "기자1의 기사", kAugustFirst, {reporters_[0]}));
  Insert(Article(sections_, 1, "기자2의 기사", kAugustFirst, {reporters_[1]}));
  const http::Response response = Get("/reporter/" + std::to_string(reporters_[0]));
  ASSERT_EQ(response.status, 200);
  const std::string html = Body(response);
  EXPECT_THAT(html, HasSubstr("<h1 id=\"reporter-name\" class=\"page-title\">기자1 기자</h1>"));
  EXPECT_THAT(html, HasSubstr("mailto:reporter1@sinmun.example"));
  EXPECT_THAT(html, HasSubstr("사회부 기자"));
  EXPECT_THAT(html, HasSubstr("기자1의 기사"));
  EXPECT_THAT(html, Not(HasSubstr("기자2의 기사")));
  EXPECT_EQ(Get("/reporter/abc").status, 400);
  EXPECT_EQ(Get("/reporter/" + std::to_string(reporters_[0]) + "?page=0").status, 400);
  EXPECT_EQ(Get("/reporter/" + std::to_string(reporters_[0]) + "?page=2").status, 404);
  EXPECT_EQ(Get("/reporter/98765").status, 404);
}

TEST_F(SiteTest, MostViewedRanksByViewsWithSectionTabs) {
  Insert(Article(sections_, 0, "조회 적은 정치", kAugustFirst, {}, 5));
  Insert(Article(sections_, 1, "조회 많은 경제", kAugustFirst, {}, 900));
  Insert(Article(sections_, 0, "조회 중간 정치", kAugustFirst, {}, 50));
  const std::string html = GetBody("/most-viewed");
  EXPECT_LT(Find(html, "조회 많은 경제"), Find(html, "조회 중간 정치"));
  EXPECT_LT(Find(html, "조회 중간 정치"), Find(html, "조회 적은 정치"));
  EXPECT_THAT(html, HasSubstr("<a href=\"/most-viewed\" aria-current=\"page\">전체</a>"));

  const std::string politics = GetBody("/most-viewed?section=politics");
  EXPECT_THAT(politics, Not(HasSubstr("조회 많은 경제")));
  EXPECT_THAT(
      politics,
      HasSubstr("<a href=\"/most-viewed?section=politics\" aria-current=\"page\">정치</a>"));
  EXPECT_EQ(Get("/most-viewed?section=nope").status, 404);
}

}  // namespace
}  // namespace sinmun::site
