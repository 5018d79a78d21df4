// 영상뉴스 (issue #19) on every backend: the video an editor saves is what every read hands
// out (the desk, its revisions, the published article, list rows), and the video list holds
// only the published articles that carry one, newest first, page by page.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::Must;

using testing::kNow;
constexpr UserId kVideoEditor = 9;

class StoreVideoTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);

  ArticleId Draft(std::string headline, std::string video, Timestamp at) {
    return Must(store_->CreateDraft({.section_id = sections_[0].id,
                                     .headline = std::move(headline),
                                     .body_markdown = "본문",
                                     .reporter_ids = {reporters_[0]},
                                     .video = std::move(video)},
                                    kVideoEditor, at - 60));
  }
  ArticleId Published(std::string headline, std::string video, Timestamp at) {
    const ArticleId id = Draft(std::move(headline), std::move(video), at);
    if (!store_->PublishArticle(id, at)) ADD_FAILURE() << "publish";
    return id;
  }
};

TEST_P(StoreVideoTest, TheSavedVideoIsWhatEveryReadHandsOut) {
  const ArticleId id = Published("영상 기사", "youtube:abcdefghijk", kNow - 100);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.video, "youtube:abcdefghijk");
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).video, "youtube:abcdefghijk");
  EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).items.at(0).video,
            "youtube:abcdefghijk");
  EXPECT_EQ(Must(store_->SummariesByIds({id}, kNow)).at(0).video, "youtube:abcdefghijk");

  DeskArticle desk = Must(store_->DeskArticleById(id));
  desk.content.video = "navertv:12345";
  Must(store_->SaveArticle(id, desk.content, desk.revision, kVideoEditor, kNow));
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).video, "navertv:12345");
  EXPECT_EQ(Must(store_->RevisionOf(id, 1)).content.video, "youtube:abcdefghijk");
  EXPECT_EQ(Must(store_->RevisionOf(id, 2)).content.video, "navertv:12345");

  // Removing it is a save like any other, and an article loaded in bulk may carry one too.
  desk = Must(store_->DeskArticleById(id));
  desk.content.video.clear();
  Must(store_->SaveArticle(id, desk.content, desk.revision, kVideoEditor, kNow));
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).video, "");
  NewArticle loaded = testing::MakeArticle(sections_[0].id, "데모 영상", kNow - 50);
  loaded.video = "youtube:sinmunDemo1";
  const ArticleId demo = testing::InsertArticle(*store_, loaded);
  EXPECT_EQ(Must(store_->PublishedArticle(demo, kNow)).video, "youtube:sinmunDemo1");
}

TEST_P(StoreVideoTest, TheVideoListHoldsOnlyPublishedArticlesWithAVideo) {
  const ArticleId old_video = Published("오래된 영상", "youtube:aaaaaaaaaaa", kNow - 300);
  Published("글 기사", "", kNow - 250);
  const ArticleId new_video = Published("새 영상", "navertv:777", kNow - 200);
  Draft("초안 영상", "youtube:bbbbbbbbbbb", kNow - 150);
  const ArticleId gone = Published("내린 영상", "youtube:ccccccccccc", kNow - 100);
  ASSERT_TRUE(store_->UnpublishArticle(gone, kNow - 10));
  Published("예약된 미래 영상", "youtube:ddddddddddd", kNow + 1000);  // registered in the future

  ArticleFilter videos;
  videos.video_only = true;
  const ArticleList list = Must(store_->LatestArticles(videos, Page{1, 10}, kNow));
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.total, 2);
  EXPECT_EQ(list.items[0].id, new_video);
  EXPECT_EQ(list.items[1].id, old_video);

  // Page by page through the keyset reads, as the site pages the list.
  const ListPages pages = Must(store_->ListPageStarts(videos, 1, kNow));
  EXPECT_EQ(pages.total, 2);
  ASSERT_EQ(pages.starts.size(), 2u);
  const std::vector<ArticleSummary> second =
      Must(store_->LatestArticlesFrom(videos, pages.starts[1], 1, kNow));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, old_video);

  // With a section: the filters add up.
  videos.section_id = sections_[1].id;
  EXPECT_EQ(Must(store_->LatestArticles(videos, Page{1, 10}, kNow)).total, 0);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreVideoTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
