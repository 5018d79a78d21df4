// 포토뉴스 and the further photos of an article (issue #19) on every backend: the photos an
// editor saves, in their order with captions and credits, are what the desk, the revisions and
// the published article hand out; the 포토뉴스 list holds only published galleries.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::Must;

using testing::kNow;
constexpr UserId kPhotoEditor = 11;

class StoreGalleryTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);

  PhotoId StorePhoto(std::string name) {
    return Must(store_->InsertPhoto(Photo{.id = 0,
                                          .name = std::move(name),
                                          .format = "jpeg",
                                          .width = 1600,
                                          .height = 900,
                                          .widths = {400, 800, 1600},
                                          .webp = true,
                                          .uploaded_by = kPhotoEditor,
                                          .uploaded_at = kNow}));
  }
  ArticleContent Content(std::string headline, std::vector<PhotoPlacement> photos,
                         bool gallery) const {
    return ArticleContent{.section_id = sections_[0].id,
                          .headline = std::move(headline),
                          .body_markdown = "본문",
                          .reporter_ids = {reporters_[0]},
                          .photos = std::move(photos),
                          .gallery = gallery};
  }
  ArticleId Published(const ArticleContent& content, Timestamp at) {
    const ArticleId id = Must(store_->CreateDraft(content, kPhotoEditor, at - 60));
    if (!store_->PublishArticle(id, at)) ADD_FAILURE() << "publish";
    return id;
  }
};

TEST_P(StoreGalleryTest, ThePhotosInTheirOrderAreWhatEveryReadHandsOut) {
  const PhotoId first = StorePhoto("2026/12/first");
  const PhotoId second = StorePhoto("2026/12/second");
  const ArticleContent content = Content(
      "갑천 야경 포토뉴스",
      {{.photo_id = second, .caption = "둘째: 엑스포다리", .credit = "ⓒ 한밭일보 홍길동 기자"},
       {.photo_id = first, .caption = "셋째 <b>\"따옴표\"</b>", .credit = "사진=대전시 제공"}},
      true);
  const ArticleId id = Published(content, kNow - 100);

  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, content);
  const Article article = Must(store_->PublishedArticle(id, kNow));
  EXPECT_TRUE(article.gallery);
  ASSERT_EQ(article.photos.size(), 2u);
  EXPECT_EQ(article.photos[0].name, "2026/12/second");
  EXPECT_EQ(article.photos[0].caption, "둘째: 엑스포다리");
  EXPECT_EQ(article.photos[0].credit, "ⓒ 한밭일보 홍길동 기자");
  EXPECT_EQ(article.photos[0].widths, (std::vector<int>{400, 800, 1600}));
  EXPECT_TRUE(article.photos[0].webp);
  EXPECT_EQ(article.photos[1].name, "2026/12/first");
  EXPECT_EQ(article.photos[1].caption, "셋째 <b>\"따옴표\"</b>");

  // Reordered and one removed: a save like any other, each revision keeping its own list.
  DeskArticle desk = Must(store_->DeskArticleById(id));
  desk.content.photos = {content.photos[1]};
  desk.content.gallery = false;
  Must(store_->SaveArticle(id, desk.content, desk.revision, kPhotoEditor, kNow));
  const Article saved = Must(store_->PublishedArticle(id, kNow));
  EXPECT_FALSE(saved.gallery);
  ASSERT_EQ(saved.photos.size(), 1u);
  EXPECT_EQ(saved.photos[0].name, "2026/12/first");
  EXPECT_EQ(Must(store_->RevisionOf(id, 1)).content, content);
  EXPECT_EQ(Must(store_->RevisionOf(id, 2)).content.photos, desk.content.photos);
  EXPECT_FALSE(Must(store_->RevisionOf(id, 2)).content.gallery);
}

TEST_P(StoreGalleryTest, AnUnknownPhotoOrACaptionOfTwoLinesIsRefusedAndNothingWritten) {
  const PhotoId photo = StorePhoto("2026/12/only");
  const ArticleId id = Published(Content("사진 기사", {{.photo_id = photo}}, true), kNow - 100);
  DeskArticle desk = Must(store_->DeskArticleById(id));
  ArticleContent unknown = desk.content;
  unknown.photos.push_back({.photo_id = photo + 1000});
  EXPECT_EQ(ErrorCodeOf(store_->SaveArticle(id, unknown, desk.revision, kPhotoEditor, kNow)),
            ErrorCode::kInvalidInput);
  ArticleContent two_lines = desk.content;
  two_lines.photos[0].caption = "첫 줄\n둘째 줄";
  EXPECT_EQ(ErrorCodeOf(store_->SaveArticle(id, two_lines, desk.revision, kPhotoEditor, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, desk.content);
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).photos.size(), 1u);
}

TEST_P(StoreGalleryTest, TheGalleryListHoldsOnlyPublishedGalleries) {
  const PhotoId photo = StorePhoto("2026/12/list");
  const ArticleId old_gallery =
      Published(Content("오래된 포토뉴스", {{.photo_id = photo}}, true), kNow - 300);
  Published(Content("사진 넣은 글 기사", {{.photo_id = photo}}, false), kNow - 250);
  const ArticleId new_gallery = Published(Content("새 포토뉴스", {}, true), kNow - 200);
  const ArticleId gone = Published(Content("내린 포토뉴스", {}, true), kNow - 100);
  ASSERT_TRUE(store_->UnpublishArticle(gone, kNow - 10));

  ArticleFilter galleries;
  galleries.gallery_only = true;
  const ArticleList list = Must(store_->LatestArticles(galleries, Page{1, 10}, kNow));
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.total, 2);
  EXPECT_EQ(list.items[0].id, new_gallery);
  EXPECT_EQ(list.items[1].id, old_gallery);

  const ListPages pages = Must(store_->ListPageStarts(galleries, 1, kNow));
  ASSERT_EQ(pages.starts.size(), 2u);
  const std::vector<ArticleSummary> second =
      Must(store_->LatestArticlesFrom(galleries, pages.starts[1], 1, kNow));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, old_gallery);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreGalleryTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
