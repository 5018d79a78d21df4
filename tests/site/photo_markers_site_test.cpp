// Photo markers (issue #19) are the article page's: a line "[사진 N]" places photo N there.
// Every other text a reader gets from the body (list snippets, the meta and og:description,
// the feed, search snippets, the JSON APIs) shows no photos and so no "[사진 2]" either; and a
// search for 사진 does not find an article whose text never says it.

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kText[] = "대전시가 갑천 야경을 공개했다. 불꽃놀이는 밤 9시에 시작한다.";

class PhotoMarkersSiteTest : public SearchSiteTest {
 protected:
  void SetUp() override {
    SearchSiteTest::SetUp();
    const store::PhotoId lead = sinmun::testing::InsertWidePhoto(*store_, "2024/05/lead", kNow);
    const store::PhotoId second = sinmun::testing::InsertWidePhoto(*store_, "2024/05/night", kNow);
    store::NewArticle article = sinmun::testing::MakeArticle(sections_[0].id, "갑천 불꽃 축제",
                                                             kNow - kHour, {reporters_[0]});
    article.body_markdown =
        "대전시가 갑천 야경을 공개했다.\n\n[사진 2]\n\n불꽃놀이는 밤 9시에 시작한다.\n\n[사진 1]\n";
    article.photo =
        store::NewArticlePhoto{.photo_id = lead, .caption = "축제 개막", .credit = "ⓒ 한밭"};
    article.photos = {{.photo_id = second, .caption = "갑천 야경", .credit = "ⓒ 한밭"}};
    id_ = Insert(article);
    ASSERT_TRUE(searcher_owned_->CatchUp().has_value());
  }

  std::string Path(const std::string& tail = "") const {
    return "/article/" + std::to_string(id_) + tail;
  }

  store::ArticleId id_ = 0;
};

TEST_F(PhotoMarkersSiteTest, TheArticlePagePlacesThePhotosAndDescribesItsTextAlone) {
  const std::string html = GetBody(Path());
  EXPECT_THAT(html, HasSubstr("/uploads/2024/05/night-800.jpg"));
  EXPECT_THAT(html, Not(HasSubstr("[사진")));
  EXPECT_THAT(html,
              HasSubstr("<meta name=\"description\" content=\"" + std::string(kText) + "\">"));
  EXPECT_THAT(html,
              HasSubstr("property=\"og:description\" content=\"" + std::string(kText) + "\""));
  EXPECT_THAT(html, Not(HasSubstr("사진 2")));
  EXPECT_THAT(GetBody(Path("/print")),
              HasSubstr("<meta name=\"description\" content=\"" + std::string(kText) + "\">"));
}

TEST_F(PhotoMarkersSiteTest, ListsTheFeedAndTheApisShowTheTextWithoutMarkers) {
  for (const std::string target : {"/section/politics", "/", "/rss"}) {
    const std::string body = GetBody(target);
    EXPECT_THAT(body, HasSubstr(kText)) << target;
    EXPECT_THAT(body, Not(HasSubstr("사진 2"))) << target;
    EXPECT_THAT(body, Not(HasSubstr("사진 1"))) << target;
  }
  const nlohmann::json list = nlohmann::json::parse(GetBody("/api/v1/articles"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["snippet"], kText);
  const nlohmann::json article =
      nlohmann::json::parse(GetBody("/api/v1/articles/" + std::to_string(id_)));
  EXPECT_EQ(article["body_html"],
            "<p>대전시가 갑천 야경을 공개했다.</p>\n<p>불꽃놀이는 밤 9시에 시작한다.</p>\n");
}

TEST_F(PhotoMarkersSiteTest, SearchSnippetsLeaveMarkersOutAndMarkersAreNotSearched) {
  const nlohmann::json found =
      nlohmann::json::parse(GetBody("/api/v1/search?q=%EB%B6%88%EA%BD%83%EB%86%80%EC%9D%B4"));
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["snippet"], kText);
  EXPECT_THAT(GetBody("/search?q=%EB%B6%88%EA%BD%83%EB%86%80%EC%9D%B4"), Not(HasSubstr("사진 2")));
  EXPECT_EQ(nlohmann::json::parse(GetBody("/api/v1/search?q=%EC%82%AC%EC%A7%84"))["items"].size(),
            0u);
}

}  // namespace
}  // namespace sinmun::site
