// /search and /api/v1/search over a real store and a temporary index.
#include <nlohmann/json.hpp>

#include "search/searcher.hpp"
#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using SearchPageTest = SearchSiteTest;

TEST_F(SearchPageTest, EmptyQueryShowsTheForm) {
  const http::Response response = Get("/search");
  EXPECT_EQ(response.status, 200);
  const std::string html = Body(response);
  EXPECT_NE(Find(html, "id=\"search-page-q\""), std::string::npos);
  EXPECT_EQ(Find(html, "search-count"), std::string::npos);
}

TEST_F(SearchPageTest, ResultsAreCountedHighlightedAndPaged) {
  for (int i = 0; i < 12; ++i)
    Add("산업혁명 기사 " + std::to_string(i), "본문에 4차 산업혁명이 나온다.");
  const std::string html = GetBody("/search?q=4%EC%B0%A8%EC%82%B0%EC%97%85%ED%98%81%EB%AA%85");
  EXPECT_NE(Find(html, "검색 결과 12건"), std::string::npos);
  EXPECT_EQ(Count(html, "<li>\n<h2 class=\"item-title\">"), 10);
  EXPECT_NE(Find(html, "<mark>4차 산업혁명</mark>"), std::string::npos);
  EXPECT_NE(Find(html, "page=2"), std::string::npos);
  const std::string second = GetBody("/search?q=%EC%82%B0%EC%97%85%ED%98%81%EB%AA%85&page=2");
  EXPECT_EQ(Count(second, "<li>\n<h2 class=\"item-title\">"), 2);
  EXPECT_EQ(Get("/search?q=%EC%82%B0%EC%97%85%ED%98%81%EB%AA%85&page=9").status, 404);
}

// Search pages are cached (issue #14); an article indexed since the last answer shows at
// once, without waiting for the cache's next look at the change sequence.
TEST_F(SearchPageTest, AskedAgainShowsWhatWasIndexedSince) {
  Add("세종시 예산안 통과", "세종시 의회가 예산안을 통과시켰다.");
  const std::string query = "/search?q=%EC%84%B8%EC%A2%85%EC%8B%9C";  // 세종시
  EXPECT_NE(Find(GetBody(query), "검색 결과 1건"), std::string::npos);
  Add("세종시 새 청사 개청", "세종시가 새 청사를 열었다.");
  const std::string again = GetBody(query);
  EXPECT_NE(Find(again, "검색 결과 2건"), std::string::npos);
  EXPECT_NE(Find(again, "<mark>세종시</mark> 새 청사 개청"), std::string::npos);
}

TEST_F(SearchPageTest, QueriesAndContentAreEscaped) {
  Add("<script>alert(1)</script> 보도", "<script>x</script> 보도 자료");
  const std::string html = GetBody("/search?q=%3Cscript%3E%22%20%EB%B3%B4%EB%8F%84");
  EXPECT_EQ(Find(html, "<script>alert"), std::string::npos);
  EXPECT_EQ(Find(html, "<script>x"), std::string::npos);
  EXPECT_NE(Find(html, "&lt;script&gt;"), std::string::npos);
  EXPECT_NE(Find(html, "<mark>보도</mark>"), std::string::npos);
}

// The echo of the query must not carry a backtick: a template literal or an old browser's
// attribute parsing would take it as syntax.
TEST_F(SearchPageTest, EchoedQueryHasNoBacktick) {
  const std::string html = GetBody("/search?q=%60%3Balert(1)%3B%2F%2F%24%7Balert(1)%7D");
  EXPECT_EQ(Find(html, "`"), std::string::npos);
  EXPECT_NE(Find(html, "&#96;;alert(1);//${alert(1)}"), std::string::npos);
}

TEST_F(SearchPageTest, FiltersKeepTheQuery) {
  Add("예산 정치", "예산", kNow - 100, 0);
  Add("예산 경제", "예산", kNow - 50, 1);
  const std::string html =
      GetBody("/search?q=%EC%98%88%EC%82%B0&section=" + sections_[1].slug + "&sort=newest");
  EXPECT_NE(Find(html, "검색 결과 1건"), std::string::npos);
  EXPECT_NE(Find(html, "<mark>예산</mark> 경제"), std::string::npos);
  EXPECT_NE(Find(html, "/search?q=%EC%98%88%EC%82%B0&amp;section=" + sections_[1].slug),
            std::string::npos);
}

TEST_F(SearchPageTest, ApiAnswersJson) {
  const store::ArticleId id = Add("대전시의회 개원", "대전시의회가 문을 열었다.");
  Add("대전시 소식", "대전시는 오늘 발표했다. 지방 의회는 조용했다.");
  const http::Response response =
      Get("/api/v1/search?q=%EB%8C%80%EC%A0%84%EC%8B%9C%EC%9D%98%ED%9A%8C");
  ASSERT_EQ(response.status, 200);
  const nlohmann::json body = nlohmann::json::parse(Body(response));
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(body["items"][0]["id"], id);
}

TEST_F(SearchPageTest, DisabledSearchSaysSo) {
  searcher_ = nullptr;
  MakeSite();
  EXPECT_NE(Find(GetBody("/search?q=a"), "검색을 사용할 수 없습니다"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/search?q=a").status, 503);
}

}  // namespace
}  // namespace sinmun::site
