// /uploads/ (issue #17): the files of a photo in a published story are cached for a year; a
// draft's photo, or one taken out of its story, is served "private, no-cache", so no CDN keeps
// handing it out.

#include <filesystem>
#include <fstream>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::Must;

constexpr char kYear[] = "public, max-age=31536000, immutable";
constexpr char kAskAgain[] = "private, no-cache";

class UploadsSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    uploads_dir_ = uploads_.path();
    std::filesystem::create_directories(uploads_.path() / "2026/12");
    for (const char* file : {"2026/12/lead-400.jpg", "2026/12/lead-og.jpg"}) {
      std::ofstream(uploads_.path() / file) << "\xFF\xD8\xFF photo bytes";
    }
    photo_ = sinmun::testing::InsertWidePhoto(*store_, "2026/12/lead", kNow);
    MakeSite();
  }

  store::ArticleId Draft() {
    store::ArticleContent content{.section_id = sections_[0].id,
                                  .headline = "사진 기사",
                                  .body_markdown = "본문",
                                  .reporter_ids = {reporters_[0]},
                                  .photo_id = photo_};
    return Must(store_->CreateDraft(content, 1, kNow - 600));
  }

  sinmun::testing::TempDir uploads_;
  store::PhotoId photo_ = 0;
};

TEST_F(UploadsSiteTest, ADraftsPhotoIsCachedForAYearOnlyOnceItsStoryIsPublished) {
  const store::ArticleId id = Draft();
  const http::Response draft = Get("/uploads/2026/12/lead-400.jpg");
  EXPECT_EQ(draft.status, 200);  // the newsroom's preview shows it
  EXPECT_EQ(Body(draft), "\xFF\xD8\xFF photo bytes");
  EXPECT_EQ(draft.cache_control, kAskAgain);

  ASSERT_TRUE(store_->PublishArticle(id, kNow - 300).has_value());
  for (const char* file : {"/uploads/2026/12/lead-400.jpg", "/uploads/2026/12/lead-og.jpg"}) {
    const http::Response reader = Get(file);
    EXPECT_EQ(reader.status, 200) << file;
    EXPECT_EQ(reader.cache_control, kYear) << file;
  }
  EXPECT_EQ(Get("/uploads/2026/12/lead-800.jpg").status, 404);  // no such file
}

TEST_F(UploadsSiteTest, APhotoTakenOutOfItsStoryIsNoLongerCachedForAYear) {
  const store::ArticleId id = Draft();
  ASSERT_TRUE(store_->PublishArticle(id, kNow - 300).has_value());
  ASSERT_EQ(Get("/uploads/2026/12/lead-400.jpg").cache_control, kYear);

  store::DeskArticle desk = Must(store_->DeskArticleById(id));
  desk.content.photo_id = std::nullopt;
  Must(store_->SaveArticle(id, desk.content, desk.revision, 1, kNow - 200));
  EXPECT_EQ(Get("/uploads/2026/12/lead-400.jpg").cache_control, kAskAgain);
  EXPECT_EQ(Get("/uploads/2026/12/lead-og.jpg").cache_control, kAskAgain);
}

}  // namespace
}  // namespace sinmun::site
