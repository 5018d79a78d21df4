// What the newsroom's desk changes on the public site: an unpublished article leaves the
// cached pages, the article page shows the lead photo, the correction note and tags, and
// staff get a 기사수정 link without readers losing the cached page (issue #3).

#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::Must;
using ::testing::HasSubstr;
using ::testing::Not;

store::ArticleContent Content(const std::vector<store::Section>& sections,
                              const std::vector<store::ReporterId>& reporters,
                              std::string headline) {
  store::ArticleContent content;
  content.section_id = sections[0].id;
  content.headline = std::move(headline);
  content.body_markdown = "본문 첫 문단.";
  content.reporter_ids = {reporters[0]};
  return content;
}

// A 1600 x 1067 JPEG uploaded as DIR/uploads/<name>-{400,800,1600}.jpg.
store::PhotoId InsertPhoto(store::Store& store, const std::string& name) {
  return Must(store.InsertPhoto(store::Photo{.id = 0,
                                             .name = name,
                                             .format = "jpeg",
                                             .width = 1600,
                                             .height = 1067,
                                             .widths = {400, 800, 1600},
                                             .uploaded_by = 1,
                                             .uploaded_at = kNow}));
}

TEST_F(SiteTest, AnUnpublishedArticleLeavesTheCachedPages) {
  const store::ArticleId id =
      Must(store_->CreateDraft(Content(sections_, reporters_, "곧 내려갈 기사"), 1, kNow - 60));
  ASSERT_TRUE(store_->PublishArticle(id, kNow - 30).has_value());
  const std::string path = "/article/" + std::to_string(id);
  ASSERT_EQ(Get(path).status, 200);
  EXPECT_THAT(GetBody("/"), HasSubstr("곧 내려갈 기사"));

  ASSERT_TRUE(store_->UnpublishArticle(id, kNow - 10).has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the cache's change check
  EXPECT_EQ(Get(path).status, 404);
  EXPECT_THAT(GetBody("/"), Not(HasSubstr("곧 내려갈 기사")));
}

TEST_F(SiteTest, TheArticleShowsItsLeadPhotoCorrectionAndTags) {
  const store::PhotoId photo = InsertPhoto(*store_, "2024/05/abc");
  store::ArticleContent content = Content(sections_, reporters_, "사진이 있는 기사");
  content.photo_id = photo;
  content.photo_caption = "갑천 야경";
  content.photo_credit = "한밭일보 사진부";
  content.correction = "어제 보도의 날짜를 바로잡습니다.";
  content.tags = {"대전", "야경"};
  const store::ArticleId id = Must(store_->CreateDraft(content, 1, kNow - 60));
  ASSERT_TRUE(store_->PublishArticle(id, kNow - 30).has_value());

  const std::string html = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(html, HasSubstr("<img src=\"/uploads/2024/05/abc-800.jpg\" srcset=\""
                              "/uploads/2024/05/abc-400.jpg 400w, /uploads/2024/05/abc-800.jpg "
                              "800w, /uploads/2024/05/abc-1600.jpg 1600w\""));
  EXPECT_THAT(html, HasSubstr("<figcaption>갑천 야경 <span class=\"credit\">한밭일보 사진부"
                              "</span></figcaption>"));
  EXPECT_THAT(html, HasSubstr("<h2>바로잡습니다</h2>\n<p>어제 보도의 날짜를 바로잡습니다.</p>"));
  EXPECT_THAT(html, HasSubstr("<li>#대전</li><li>#야경</li>"));
  // The print view shows them too (the same partial).
  EXPECT_THAT(GetBody("/article/" + std::to_string(id) + "/print"), HasSubstr("바로잡습니다"));
}

// Feeds carry the lead photo as an enclosure, and link previews and search engines get it as
// the article's image (issue #6).
TEST_F(SiteTest, ALeadPhotoReachesTheFeedAndTheStructuredData) {
  const store::PhotoId photo = InsertPhoto(*store_, "2024/05/night");
  store::ArticleContent content = Content(sections_, reporters_, "야경 사진 기사");
  content.photo_id = photo;
  const store::ArticleId with_photo = Must(store_->CreateDraft(content, 1, kNow - 60));
  ASSERT_TRUE(store_->PublishArticle(with_photo, kNow - 30).has_value());
  const store::ArticleId without =
      Must(store_->CreateDraft(Content(sections_, reporters_, "사진 없는 기사"), 1, kNow - 50));
  ASSERT_TRUE(store_->PublishArticle(without, kNow - 20).has_value());

  const std::string rss = GetBody("/rss");
  EXPECT_EQ(Count(rss, "<enclosure "), 1);
  EXPECT_THAT(rss, HasSubstr("<enclosure url=\"https://news.example.com/uploads/2024/05/"
                             "night-800.jpg\" length=\"0\" type=\"image/jpeg\"/>"));

  const std::string large = "https://news.example.com/uploads/2024/05/night-1600.jpg";
  const std::string html = GetBody("/article/" + std::to_string(with_photo));
  EXPECT_THAT(html, HasSubstr("\"image\":[{\"@type\":\"ImageObject\",\"height\":1067,\"url\":\"" +
                              large + "\",\"width\":1600}]"));
  EXPECT_THAT(html, HasSubstr("<meta property=\"og:image\" content=\"" + large + "\">"));
  EXPECT_THAT(html, HasSubstr("content=\"summary_large_image\""));
  const std::string plain = GetBody("/article/" + std::to_string(without));
  EXPECT_THAT(plain, Not(HasSubstr("og:image")));
  EXPECT_THAT(plain, Not(HasSubstr("\"image\"")));
}

TEST_F(SiteTest, StaffGetAnEditLinkAndReadersKeepTheCachedPage) {
  int asked = 0;
  staff_edit_url_ = [&asked](const http::Request& request,
                             store::ArticleId id) -> std::optional<std::string> {
    ++asked;
    if (request.Cookie("sinmun_session") != "editor") return std::nullopt;
    return "/newsroom/articles/" + std::to_string(id);
  };
  MakeSite();
  const store::ArticleId id =
      Insert(sinmun::testing::MakeArticle(sections_[0].id, "편집할 기사", kAugustFirst));
  const std::string path = "/article/" + std::to_string(id);

  const http::Response reader = Get(path);
  EXPECT_THAT(Body(reader), Not(HasSubstr("기사수정")));
  const http::Response staff = Get(path, "sinmun_session=editor");
  EXPECT_THAT(Body(staff),
              HasSubstr("<a href=\"/newsroom/articles/" + std::to_string(id) + "\">기사수정</a>"));
  EXPECT_EQ(staff.cache_control, "private, no-store");
  const http::Response again = Get(path);
  EXPECT_THAT(Body(again), Not(HasSubstr("기사수정")));
  EXPECT_EQ(again.body.bytes, reader.body.bytes) << "readers still get the cached bytes";
  EXPECT_EQ(asked, 3);
}

}  // namespace
}  // namespace sinmun::site
