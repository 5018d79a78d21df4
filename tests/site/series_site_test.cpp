// Series (연재, issue #18) on the site: the series page lists the published episodes in order,
// and an episode's page carries "[연재] 제목 ⑤" and links to the episodes before and after it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::MakeArticle;
using ::testing::HasSubstr;
using ::testing::Not;

class SeriesSiteTest : public SiteTest {
 protected:
  store::ArticleId EpisodeAt(store::SeriesId series, int episode, const std::string& headline,
                             Timestamp at) {
    const store::ArticleId id = Insert(MakeArticle(sections_[0].id, headline, at));
    EXPECT_TRUE(store_->SetArticleSeries(id, store::SeriesPlace{series, episode}, at).has_value());
    return id;
  }
};

TEST_F(SeriesSiteTest, TheSeriesPageListsPublishedEpisodesInOrder) {
  const store::SeriesId series =
      store_
          ->CreateSeries(
              {.title = "대전의 골목 <탐방>", .description = "골목을 걷는다", .created_at = kNow})
          .value();
  EpisodeAt(series, 2, "둘째 회 선화동", kNow - 2 * kHour);
  EpisodeAt(series, 1, "첫 회 은행동", kNow - 3 * kHour);
  EpisodeAt(series, 3, "셋째 회 예약", kNow + kHour);  // not published yet

  const http::Response page = Get("/series/" + std::to_string(series));
  ASSERT_EQ(page.status, 200);
  const std::string html = Body(page);
  EXPECT_THAT(html, HasSubstr("[연재] 대전의 골목 &lt;탐방&gt;</h1>"));
  EXPECT_THAT(html, HasSubstr("골목을 걷는다"));
  const size_t first = html.find("①</span> 첫 회 은행동");
  const size_t second = html.find("②</span> 둘째 회 선화동");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_THAT(html, Not(HasSubstr("셋째 회 예약")));

  EXPECT_EQ(Get("/series/999").status, 404);
  const int bad = Get("/series/abc").status;
  EXPECT_TRUE(bad == 400 || bad == 404) << bad;
}

TEST_F(SeriesSiteTest, AnEpisodeCarriesItsLabelAndLinksToItsNeighbours) {
  const store::SeriesId series =
      store_->CreateSeries({.title = "대전의 골목", .created_at = kNow}).value();
  const store::ArticleId first = EpisodeAt(series, 4, "넷째 회", kNow - 3 * kHour);
  const store::ArticleId middle = EpisodeAt(series, 5, "다섯째 회", kNow - 2 * kHour);
  const store::ArticleId last = EpisodeAt(series, 6, "여섯째 회", kNow - kHour);
  const store::ArticleId alone =
      Insert(MakeArticle(sections_[0].id, "연재 아닌 기사", kNow - kHour));

  const std::string html = GetBody("/article/" + std::to_string(middle));
  EXPECT_THAT(html, HasSubstr("<a href=\"/series/" + std::to_string(series) +
                              "\">[연재] 대전의 골목 ⑤</a>"));
  EXPECT_THAT(html, HasSubstr("href=\"/article/" + std::to_string(first) +
                              "\"><span class=\"label\">이전 회</span> ④ 넷째 회</a>"));
  EXPECT_THAT(html, HasSubstr("href=\"/article/" + std::to_string(last) +
                              "\"><span class=\"label\">다음 회</span> ⑥ 여섯째 회</a>"));
  // Search engines read the same: the episode is part of its series, at its place.
  const nlohmann::json data = nlohmann::json::parse(JsonLdText(html));
  EXPECT_EQ(data["isPartOf"]["@type"], "CreativeWorkSeries");
  EXPECT_EQ(data["isPartOf"]["name"], "대전의 골목");
  EXPECT_THAT(data["isPartOf"]["url"].get<std::string>(),
              ::testing::EndsWith("/series/" + std::to_string(series)));
  EXPECT_EQ(data["position"], 5);
  // No series box; the episodes its most-viewed box lists carry their mark there.
  const std::string other = GetBody("/article/" + std::to_string(alone));
  EXPECT_FALSE(nlohmann::json::parse(JsonLdText(other)).contains("isPartOf"));
  EXPECT_THAT(other, Not(HasSubstr("series-label")));
  EXPECT_THAT(other, Not(HasSubstr("series-neighbors")));
}

// The JSON APIs (issue #18's caveat): a listed episode and an article name their series, its
// episode and where it is; the article also its published neighbours in the series. The
// headline stays the headline: a client shows the marks its own way.
TEST_F(SeriesSiteTest, TheJsonApisNameAnEpisodesSeries) {
  const store::SeriesId series =
      store_->CreateSeries({.title = "대전의 골목", .created_at = kNow}).value();
  const store::ArticleId first = EpisodeAt(series, 1, "첫 회", kNow - 3 * kHour);
  const store::ArticleId second = EpisodeAt(series, 2, "둘째 회", kNow - 2 * kHour);
  EpisodeAt(series, 3, "셋째 회 예약", kNow + kHour);  // not published yet
  const store::ArticleId alone =
      Insert(MakeArticle(sections_[0].id, "연재 아닌 기사", kNow - kHour));
  const std::string url = "https://news.example.com/series/" + std::to_string(series);

  const nlohmann::json list = nlohmann::json::parse(GetBody("/api/v1/articles"));
  ASSERT_EQ(list["items"].size(), 3u);
  EXPECT_EQ(list["items"][0]["id"], alone);
  EXPECT_TRUE(list["items"][0]["series"].is_null());
  EXPECT_EQ(list["items"][1]["headline"], "둘째 회");
  EXPECT_EQ(
      list["items"][1]["series"],
      nlohmann::json({{"id", series}, {"title", "대전의 골목"}, {"episode", 2}, {"url", url}}));
  EXPECT_EQ(list["items"][2]["series"]["episode"], 1);

  const nlohmann::json article =
      nlohmann::json::parse(GetBody("/api/v1/articles/" + std::to_string(second)));
  EXPECT_EQ(article["headline"], "둘째 회");
  EXPECT_EQ(article["series"], nlohmann::json({{"id", series},
                                               {"title", "대전의 골목"},
                                               {"episode", 2},
                                               {"url", url},
                                               {"prev_id", first},
                                               {"next_id", nullptr}}));
  EXPECT_TRUE(nlohmann::json::parse(GetBody("/api/v1/articles/" + std::to_string(alone)))["series"]
                  .is_null());

  // The most-viewed API ranks views counted in its window: a reader reads both articles.
  CountReaders();
  MakeSite("ko", 0);
  for (const store::ArticleId id : {second, alone}) {
    Send(http::Method::kGet, "/article/" + std::to_string(id),
         {{"user-agent", kChrome}, {"cookie", "sinmun_v=" + std::string(32, 'a')}});
  }
  ASSERT_TRUE(counters_->Flush().has_value());
  const nlohmann::json ranked = nlohmann::json::parse(GetBody("/api/v1/most-viewed"));
  int named = 0;
  for (const nlohmann::json& item : ranked["items"]) {
    if (item["id"] == second) {
      EXPECT_EQ(item["series"]["title"], "대전의 골목");
      ++named;
    }
    if (item["id"] == alone) EXPECT_TRUE(item["series"].is_null());
  }
  EXPECT_EQ(named, 1) << ranked.dump();
  EXPECT_EQ(ranked["items"].size(), 2u) << ranked.dump();
}

// The news sitemap titles an episode as the feeds do; the series pages with a published
// episode are in the sitemap, each last modified when its latest episode came out, and a
// paper without one has no series file (a urlset must hold a <url>).
TEST_F(SeriesSiteTest, SitemapsNameEpisodesAndListTheSeriesPages) {
  EXPECT_THAT(GetBody("/sitemap.xml"), Not(HasSubstr("series.xml")));
  EXPECT_EQ(Get("/sitemaps/series.xml").status, 404);
  MakeSite();  // a new page cache: the sitemaps follow the store's changes below at once

  const store::SeriesId series =
      store_->CreateSeries({.title = "대전의 골목", .created_at = kNow}).value();
  const store::SeriesId unpublished =
      store_->CreateSeries({.title = "예고된 연재", .created_at = kNow}).value();
  EpisodeAt(series, 1, "첫 회", kNow - 3 * kHour);
  EpisodeAt(series, 2, "둘째 회", kNow - 2 * kHour);
  EpisodeAt(unpublished, 1, "예약된 첫 회", kNow + kHour);

  const std::string news = GetBody("/news-sitemap.xml");
  EXPECT_THAT(news, HasSubstr("<news:title>[연재] 둘째 회 ②</news:title>"));
  EXPECT_THAT(GetBody("/sitemap.xml"),
              HasSubstr("<loc>https://news.example.com/sitemaps/series.xml</loc>"));
  const std::string file = GetBody("/sitemaps/series.xml");
  EXPECT_THAT(
      file, HasSubstr("<url><loc>https://news.example.com/series/" + std::to_string(series) +
                      "</loc><lastmod>" + FormatIso8601Kst(kNow - 2 * kHour) + "</lastmod></url>"));
  EXPECT_EQ(Count(file, "<url>"), 1);
}

// Wherever a list names an article (issue #18), an episode is "[연재] 제목 ⑤": the section
// list, the front page, the most-viewed box, search results and the RSS feed; circled up to
// ⑳, then "(21)". An article in no series keeps its bare headline.
class SeriesListsTest : public SearchSiteTest {};

TEST_F(SeriesListsTest, ListsFeedsAndSearchResultsNameAnEpisodeWithItsMark) {
  const store::SeriesId series =
      store_->CreateSeries({.title = "대전의 골목", .created_at = kNow}).value();
  const store::ArticleId fifth = Add("골목의 밤", "으능정이 골목을 걷는다.", kNow - 2 * kHour);
  const store::ArticleId later = Add("스물한째 골목", "선화동 골목.", kNow - 3 * kHour);
  const store::ArticleId alone = Add("연재 아닌 기사", "다른 이야기.", kNow - 4 * kHour);
  ASSERT_TRUE(store_->SetArticleSeries(fifth, store::SeriesPlace{series, 5}, kNow));
  ASSERT_TRUE(store_->SetArticleSeries(later, store::SeriesPlace{series, 21}, kNow));

  const std::string listed = "[연재] 골목의 밤 ⑤";
  const std::string section = GetBody("/section/" + sections_[0].slug);
  EXPECT_THAT(section, HasSubstr(listed));
  EXPECT_THAT(section, HasSubstr("[연재] 스물한째 골목 (21)"));
  EXPECT_THAT(section, HasSubstr(">연재 아닌 기사<"));
  EXPECT_THAT(GetBody("/"), HasSubstr(listed));
  // The most-viewed box of another article's page: its only list naming the episode.
  EXPECT_THAT(GetBody("/article/" + std::to_string(alone)), HasSubstr(listed));
  EXPECT_THAT(GetBody("/rss"), HasSubstr("<title>" + listed + "</title>"));
  EXPECT_THAT(GetBody("/rss"), HasSubstr("<title>연재 아닌 기사</title>"));

  // 으능정이: a word of the body only, so the headline has no marked words.
  const std::string found = GetBody("/search?q=%EC%9C%BC%EB%8A%A5%EC%A0%95%EC%9D%B4");
  EXPECT_THAT(found, HasSubstr(listed + "</a></h2>"));
}

}  // namespace
}  // namespace sinmun::site
