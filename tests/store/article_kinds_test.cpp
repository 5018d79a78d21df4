// Article kinds (issue #18) on every backend: the kind an editor saves is what every read
// hands out (the desk, its revisions, the published article, lists and rankings), and the
// month's count by kind.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::Must;

using testing::kNow;
constexpr UserId kEditor = 8;

class StoreArticleKindsTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);

  ArticleId Published(std::string headline, ArticleKind kind, Timestamp at) {
    const ArticleId id = Must(store_->CreateDraft({.section_id = sections_[0].id,
                                                   .headline = std::move(headline),
                                                   .body_markdown = "본문",
                                                   .reporter_ids = {reporters_[0]},
                                                   .kind = kind},
                                                  kEditor, at - 60));
    if (!store_->PublishArticle(id, at)) ADD_FAILURE() << "publish";
    return id;
  }
};

TEST_P(StoreArticleKindsTest, TheSavedKindIsWhatEveryReadHandsOut) {
  const ArticleId ad = Published("광고 기사", ArticleKind::kAdvertisement, kNow - 100);
  EXPECT_EQ(Must(store_->DeskArticleById(ad)).content.kind, ArticleKind::kAdvertisement);
  EXPECT_EQ(Must(store_->PublishedArticle(ad, kNow)).kind, ArticleKind::kAdvertisement);
  const ArticleList list = Must(store_->LatestArticles({}, Page{1, 10}, kNow));
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].kind, ArticleKind::kAdvertisement);
  EXPECT_EQ(Must(store_->SummariesByIds({ad}, kNow)).at(0).kind, ArticleKind::kAdvertisement);

  DeskArticle desk = Must(store_->DeskArticleById(ad));
  desk.content.kind = ArticleKind::kSponsored;
  Must(store_->SaveArticle(ad, desk.content, desk.revision, kEditor, kNow));
  EXPECT_EQ(Must(store_->PublishedArticle(ad, kNow)).kind, ArticleKind::kSponsored);
  EXPECT_EQ(Must(store_->RevisionOf(ad, 1)).content.kind, ArticleKind::kAdvertisement);
  EXPECT_EQ(Must(store_->RevisionOf(ad, 2)).content.kind, ArticleKind::kSponsored);

  // Articles loaded in bulk (the demo, imports) are the paper's own unless said otherwise.
  NewArticle wire = testing::MakeArticle(sections_[0].id, "통신 기사", kNow - 50);
  wire.kind = ArticleKind::kWire;
  const ArticleId loaded = testing::InsertArticle(*store_, wire);
  const ArticleId own =
      testing::InsertArticle(*store_, testing::MakeArticle(sections_[0].id, "자체", kNow - 40));
  EXPECT_EQ(Must(store_->PublishedArticle(loaded, kNow)).kind, ArticleKind::kWire);
  EXPECT_EQ(Must(store_->PublishedArticle(own, kNow)).kind, ArticleKind::kOwn);
}

TEST_P(StoreArticleKindsTest, PublishedKindsCountsAMonthByKind) {
  Published("자체 1", ArticleKind::kOwn, kNow - 300);
  Published("자체 2", ArticleKind::kOwn, kNow - 200);
  Published("보도자료", ArticleKind::kPressRelease, kNow - 100);
  Published("지난달", ArticleKind::kOwn, kNow - 40 * 86'400);
  const ArticleId gone = Published("내린 기사", ArticleKind::kOwn, kNow - 50);
  ASSERT_TRUE(store_->UnpublishArticle(gone, kNow - 10));

  const auto kinds = Must(store_->PublishedKinds(kNow - 30 * 86'400, kNow));
  EXPECT_EQ(kinds, (std::vector<std::pair<ArticleKind, std::int64_t>>{
                       {ArticleKind::kOwn, 2}, {ArticleKind::kPressRelease, 1}}));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreArticleKindsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
