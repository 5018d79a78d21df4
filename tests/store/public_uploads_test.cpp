// Which files of the uploads folder readers may fetch (issue #17), on every backend: a photo's
// sizes while a published article, a banner or a reporter shows it; nothing of a draft, of a
// photo taken out of its story or of an unpublished article.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::Must;

using testing::kNow;
constexpr UserId kUploader = 11;

class StorePublicUploadsTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);

  PhotoId StorePhoto(std::string name) {
    return testing::InsertWidePhoto(*store_, std::move(name), kNow, kUploader);
  }
  ArticleContent Content(std::optional<PhotoId> lead, std::vector<PhotoPlacement> photos) const {
    return ArticleContent{.section_id = sections_[0].id,
                          .headline = "사진 기사",
                          .body_markdown = "본문",
                          .reporter_ids = {reporters_[0]},
                          .photo_id = lead,
                          .photos = std::move(photos)};
  }
  bool Public(std::string_view file) const { return Must(store_->IsUploadPublic(file, kNow)); }
};

TEST_P(StorePublicUploadsTest, APhotoIsPublicWhileAPublishedArticleShowsIt) {
  StorePhoto("2026/12/a-b_c");  // '-' and '_' may be part of a name
  const PhotoId lead = StorePhoto("2026/12/lead");
  const PhotoId body = StorePhoto("2026/12/body");
  const ArticleContent content = Content(lead, {{.photo_id = body, .caption = "둘째"}});
  const ArticleId id = Must(store_->CreateDraft(content, kUploader, kNow - 600));

  // A draft's photos are not yet shown to readers.
  EXPECT_FALSE(Public("2026/12/lead-400.jpg"));
  EXPECT_FALSE(Public("2026/12/body-400.webp"));

  ASSERT_TRUE(store_->PublishArticle(id, kNow - 300).has_value());
  EXPECT_TRUE(Public("2026/12/lead-400.jpg"));
  EXPECT_TRUE(Public("2026/12/lead-og.jpg"));
  EXPECT_TRUE(Public("2026/12/body-800.webp"));
  EXPECT_FALSE(Public("2026/12/a-b_c-400.jpg"));  // stored, but in no article
  EXPECT_FALSE(Public("2026/12/nothing-400.jpg"));
  EXPECT_FALSE(Public("2026/12/lead"));

  // Taken out of the story: no longer public, while the one kept stays so.
  DeskArticle desk = Must(store_->DeskArticleById(id));
  desk.content.photo_id = std::nullopt;
  Must(store_->SaveArticle(id, desk.content, desk.revision, kUploader, kNow - 200));
  EXPECT_FALSE(Public("2026/12/lead-400.jpg"));
  EXPECT_TRUE(Public("2026/12/body-400.jpg"));

  // Unpublished: none of its photos.
  ASSERT_TRUE(store_->UnpublishArticle(id, kNow - 100).has_value());
  EXPECT_FALSE(Public("2026/12/body-400.jpg"));
}

TEST_P(StorePublicUploadsTest, ABannerAndAReportersPhotoArePublic) {
  const PhotoId banner = StorePhoto("2026/12/banner");
  EXPECT_FALSE(Public("2026/12/banner-400.jpg"));
  Must(store_->InsertAdCampaign(AdCampaign{.advertiser = "대전상회",
                                           .title = "가을 세일",
                                           .slots = {"top"},
                                           .photo_id = banner,
                                           .target_url = "https://shop.example.com/",
                                           .starts_at = kNow - 3600,
                                           .ends_at = kNow + 3600,
                                           .created_at = kNow,
                                           .updated_at = kNow}));
  EXPECT_TRUE(Public("2026/12/banner-1600.webp"));

  StorePhoto("2026/12/profile");
  ASSERT_TRUE(store_->SetReporterPhoto(reporters_[0], "2026/12/profile-400.jpg").has_value());
  EXPECT_TRUE(Public("2026/12/profile-400.jpg"));  // the one file a profile shows
  ASSERT_TRUE(store_->SetReporterPhoto(reporters_[0], "").has_value());
  EXPECT_FALSE(Public("2026/12/profile-400.jpg"));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StorePublicUploadsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
