// 영상뉴스 (issue #19) as readers and crawlers see it: the article page shows a placeholder
// (the lead photo or a box drawn by the page) with a play link to the video's own page and
// the player's address kept for the script, no frame and nothing from the video's host until
// a click; lists mark such articles 영상; /video lists only them; JSON-LD carries a
// VideoObject, and the page's policy lets only the two hosts be framed.

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kVideoLabel[] = "<span class=\"video-label\">영상</span> ";

class VideoSiteTest : public SiteTest {
 protected:
  store::ArticleId AddArticle(const std::string& headline, const std::string& video, Timestamp ago,
                              bool with_photo = false) {
    store::NewArticle article =
        sinmun::testing::MakeArticle(sections_[0].id, headline, kNow - ago, {reporters_[0]});
    article.video = video;
    if (with_photo) {
      article.photo = store::NewArticlePhoto{
          .photo_id = sinmun::testing::InsertWidePhoto(*store_, "2024/05/poster", kNow),
          .caption = "포스터 <설명>",
          .credit = "ⓒ 한밭일보"};
    }
    return Insert(article);
  }
};

TEST_F(VideoSiteTest, TheArticlePageShowsAPlaceholderAndNoFrameBeforeAClick) {
  const store::ArticleId id = AddArticle("하천 정비 현장", "youtube:abcDEF123_-", 600);
  const http::Response response = Get("/article/" + std::to_string(id));
  const std::string page = Body(response);
  EXPECT_THAT(page, HasSubstr("<div class=\"video-frame\" data-player=\"https://"
                              "www.youtube-nocookie.com/embed/abcDEF123_-?autoplay=1\" "
                              "data-title=\"하천 정비 현장\">"));
  EXPECT_THAT(page, HasSubstr("<a class=\"video-play\" href=\"https://www.youtube.com/watch?v="
                              "abcDEF123_-\">"));
  EXPECT_THAT(page, HasSubstr(">영상 재생</span></a>"));
  // Nothing on the page asks the host for anything: no frame, no thumbnail from i.ytimg.com.
  EXPECT_THAT(page, Not(HasSubstr("<iframe")));
  EXPECT_THAT(page, Not(HasSubstr("ytimg")));
  EXPECT_THAT(page, Not(HasSubstr("<img src=\"https://")));
  EXPECT_THAT(page, HasSubstr("<span class=\"video-host\">YouTube</span>"));

  EXPECT_THAT(page, HasSubstr("\"video\":{\"@type\":\"VideoObject\""));
  EXPECT_THAT(page, HasSubstr("\"embedUrl\":\"https://www.youtube-nocookie.com/embed/"
                              "abcDEF123_-\""));
  EXPECT_THAT(page, HasSubstr("\"uploadDate\":\""));
  // The whole JSON-LD parses, and without a lead photo the video's thumbnail is the logo.
  const nlohmann::json ld = nlohmann::json::parse(JsonLdText(page), nullptr, false);
  ASSERT_FALSE(ld.is_discarded()) << JsonLdText(page);
  EXPECT_EQ(ld["video"]["name"], "하천 정비 현장");
  EXPECT_EQ(ld["video"]["url"], "https://www.youtube.com/watch?v=abcDEF123_-");
  EXPECT_EQ(ld["video"]["thumbnailUrl"], ld["publisher"]["logo"]["url"]);
}

TEST_F(VideoSiteTest, TheLeadPhotoIsThePosterAndNaverTvIsFramedFromItsEmbedAddress) {
  const store::ArticleId id = AddArticle("시장 기자회견", "navertv:31415926", 600, true);
  const std::string page = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(page, HasSubstr("data-player=\"https://tv.naver.com/embed/31415926?autoPlay=true\""));
  EXPECT_THAT(page, HasSubstr("href=\"https://tv.naver.com/v/31415926\""));
  EXPECT_THAT(page, HasSubstr("<span class=\"video-host\">네이버TV</span>"));
  // The photo is shown once, inside the placeholder, with its caption escaped.
  const size_t frame = page.find("<div class=\"video-frame\"");
  const size_t photo = page.find("/uploads/2024/05/poster-800.jpg");
  ASSERT_NE(frame, std::string::npos);
  ASSERT_NE(photo, std::string::npos);
  EXPECT_LT(frame, photo);
  EXPECT_THAT(page, Not(HasSubstr("class=\"lead-photo\"")));
  EXPECT_THAT(page, HasSubstr("포스터 &lt;설명&gt; <span class=\"credit\">ⓒ 한밭일보</span>"));
  // The thumbnail of the structured data is the photo, never the host's picture.
  EXPECT_THAT(page, HasSubstr("\"thumbnailUrl\":\"http"));
  EXPECT_THAT(page, HasSubstr("poster-1600.jpg\",\"uploadDate\""));
}

TEST_F(VideoSiteTest, AnArticleWithoutAVideoHasNoPlaceholder) {
  const store::ArticleId id = AddArticle("예산 심의", "", 600, true);
  const std::string page = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(page, Not(HasSubstr("video-frame")));
  EXPECT_THAT(page, Not(HasSubstr("VideoObject")));
  EXPECT_THAT(page, HasSubstr("<figure class=\"lead-photo\">"));
}

TEST_F(VideoSiteTest, ListsMarkVideoArticlesAndTheVideoPageListsOnlyThem) {
  const store::ArticleId video = AddArticle("축제 현장 영상", "youtube:aaaaaaaaaaa", 600);
  const store::ArticleId text = AddArticle("글로만 쓴 기사", "", 500);

  const std::string section = GetBody("/section/" + sections_[0].slug);
  EXPECT_THAT(section, HasSubstr(std::string(kVideoLabel) + "<a href=\"/article/" +
                                 std::to_string(video) + "\">축제 현장 영상</a>"));
  EXPECT_THAT(section, HasSubstr("<h2 class=\"item-title\"><a href=\"/article/" +
                                 std::to_string(text) + "\">글로만 쓴 기사</a>"));

  const http::Response response = Get("/video");
  EXPECT_EQ(response.status, 200);
  const std::string page = Body(response);
  EXPECT_THAT(page, HasSubstr("<a href=\"/video\" aria-current=\"page\">영상뉴스</a>"));
  // The list itself: the rail's most-viewed box lists every kind of article.
  const size_t main = page.find("<main");
  ASSERT_NE(main, std::string::npos);
  const std::string list = page.substr(main, page.find("</main>") - main);
  EXPECT_THAT(list, HasSubstr("<h1 class=\"page-title\">영상뉴스</h1>"));
  EXPECT_THAT(list, HasSubstr("\">축제 현장 영상</a>"));
  EXPECT_THAT(list, Not(HasSubstr("글로만 쓴 기사")));
  EXPECT_EQ(Get("/video?page=2").status, 404);
  EXPECT_EQ(Get("/video?page=x").status, 400);
}

TEST_F(VideoSiteTest, AnEmptyVideoPageSaysSo) {
  AddArticle("글 기사", "", 500);
  const http::Response response = Get("/video");
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(Body(response), HasSubstr("class=\"empty\""));
}

}  // namespace
}  // namespace sinmun::site
