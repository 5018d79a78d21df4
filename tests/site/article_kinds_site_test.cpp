// Article kinds (issue #18) as readers and crawlers see them: 광고 and 협찬 are labelled beside
// the headline and in lists, say so in their JSON-LD and feeds, and stay out of the news
// sitemap; other kinds go everywhere as before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ArticleKindsSiteTest : public SiteTest {
 protected:
  store::ArticleId Add(const std::string& headline, store::ArticleKind kind) {
    store::NewArticle article =
        sinmun::testing::MakeArticle(sections_[0].id, headline, kNow - 3600, {reporters_[0]});
    article.kind = kind;
    return Insert(article);
  }
};

TEST_F(ArticleKindsSiteTest, PaidArticlesAreLabelledOnTheirPageAndInLists) {
  const store::ArticleId ad = Add("신제품 출시 안내", store::ArticleKind::kAdvertisement);
  const store::ArticleId sponsored = Add("지역 축제 소개", store::ArticleKind::kSponsored);
  const store::ArticleId own = Add("시의회 예산 심의", store::ArticleKind::kOwn);

  EXPECT_THAT(GetBody("/article/" + std::to_string(ad)),
              HasSubstr("<h1 class=\"headline\"><span class=\"kind-label\">광고</span> 신제품 출시 "
                        "안내</h1>"));
  EXPECT_THAT(GetBody("/article/" + std::to_string(sponsored)),
              HasSubstr("<span class=\"kind-label\">협찬</span> 지역 축제 소개</h1>"));
  EXPECT_THAT(GetBody("/article/" + std::to_string(own)),
              HasSubstr("<h1 class=\"headline\">시의회 예산 심의</h1>"));

  const std::string list = GetBody("/section/" + sections_[0].slug);
  EXPECT_THAT(list, HasSubstr("<span class=\"kind-label\">광고</span> <a href=\"/article/" +
                              std::to_string(ad) + "\">신제품 출시 안내</a>"));
  EXPECT_THAT(list, HasSubstr("<span class=\"kind-label\">협찬</span> <a href=\"/article/" +
                              std::to_string(sponsored) + "\">"));
  EXPECT_THAT(list, HasSubstr("<h2 class=\"item-title\"><a href=\"/article/" + std::to_string(own) +
                              "\">시의회 예산 심의</a>"));
}

TEST_F(ArticleKindsSiteTest, JsonLdAndFeedsSayAnArticleIsPaid) {
  const store::ArticleId ad = Add("신제품 출시 안내", store::ArticleKind::kAdvertisement);
  const store::ArticleId own = Add("시의회 예산 심의", store::ArticleKind::kOwn);
  EXPECT_THAT(GetBody("/article/" + std::to_string(ad)),
              HasSubstr("\"@type\":\"AdvertiserContentArticle\""));
  EXPECT_THAT(GetBody("/article/" + std::to_string(own)), HasSubstr("\"@type\":\"NewsArticle\""));

  const std::string rss = GetBody("/rss");
  EXPECT_THAT(rss, HasSubstr("<title>[광고] 신제품 출시 안내</title>"));
  EXPECT_THAT(rss, HasSubstr("<category>광고</category>"));
  EXPECT_THAT(rss, HasSubstr("<title>시의회 예산 심의</title>"));
}

TEST_F(ArticleKindsSiteTest, TheJsonApiGivesEachArticlesTypeAndWhetherItIsPaid) {
  const store::ArticleId ad = Add("신제품 출시 안내", store::ArticleKind::kAdvertisement);
  const store::ArticleId wire = Add("통신 기사", store::ArticleKind::kWire);
  const nlohmann::json article =
      nlohmann::json::parse(GetBody("/api/v1/articles/" + std::to_string(ad)));
  EXPECT_EQ(article["type"], "advertisement");
  EXPECT_EQ(article["paid"], true);
  const nlohmann::json list = nlohmann::json::parse(GetBody("/api/v1/articles"));
  int seen = 0;
  for (const nlohmann::json& item : list["items"]) {
    if (item["id"] == ad) {
      EXPECT_EQ(item["type"], "advertisement");
      EXPECT_EQ(item["paid"], true);
      ++seen;
    }
    if (item["id"] == wire) {
      EXPECT_EQ(item["type"], "wire");
      EXPECT_EQ(item["paid"], false);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

TEST_F(ArticleKindsSiteTest, TheNewsSitemapLeavesOutPaidArticles) {
  const store::ArticleId ad = Add("신제품 출시 안내", store::ArticleKind::kAdvertisement);
  const store::ArticleId sponsored = Add("지역 축제 소개", store::ArticleKind::kSponsored);
  const store::ArticleId release = Add("도청 보도자료", store::ArticleKind::kPressRelease);
  const std::string xml = GetBody("/news-sitemap.xml");
  EXPECT_EQ(Count(xml, "<url>"), 1);
  EXPECT_THAT(xml, HasSubstr("/article/" + std::to_string(release) + "</loc>"));
  EXPECT_THAT(xml, Not(HasSubstr("/article/" + std::to_string(ad) + "<")));
  EXPECT_THAT(xml, Not(HasSubstr("/article/" + std::to_string(sponsored) + "<")));
}

}  // namespace
}  // namespace sinmun::site
