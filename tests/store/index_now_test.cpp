// The IndexNow queue through the Store: which article changes become pings, once each however
// often the change log is followed, and the pings' claims, retries and outcomes.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::kNow;
using testing::Must;

const std::vector<std::string> kIndexNowEndpoints = {"http://127.0.0.1:1/indexnow",
                                                     "http://127.0.0.1:2/indexnow"};

class StoreIndexNowTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);

  // The queue follows from its first call on: the sections seeded before are not its business.
  void SetUp() override {
    ASSERT_EQ(Must(store_->QueueIndexNowChanges(kIndexNowEndpoints, 100, kNow)), 0);
    ASSERT_TRUE(Must(store_->ClaimDueIndexNow(kNow, 100, kNow)).empty());
  }

  ArticleId Draft(std::string headline, ArticleKind kind = ArticleKind::kOwn) {
    ArticleContent content{
        .section_id = sections_[0].id, .headline = std::move(headline), .body_markdown = "본문."};
    content.kind = kind;
    return Must(store_->CreateDraft(content, 1, kNow - 600));
  }

  // Follows the change log to its end and returns the article ids queued, one per ping.
  std::vector<ArticleId> Follow() {
    while (Must(store_->QueueIndexNowChanges(kIndexNowEndpoints, 2, kNow)) > 0) {
    }
    std::vector<ArticleId> queued;
    for (const IndexNowPing& ping : Must(store_->ClaimDueIndexNow(kNow, 100, kNow + 600))) {
      queued.push_back(ping.article_id);
    }
    return queued;
  }
};

TEST_P(StoreIndexNowTest, PublishUpdateAndUnpublishQueueOnePingPerEndpointEach) {
  const ArticleId id = Draft("대전시 예산안 확정");
  ASSERT_TRUE(store_->SubmitArticle(id, kNow - 500).has_value());
  EXPECT_TRUE(Follow().empty()) << "a draft is no news to a search engine";

  ASSERT_TRUE(store_->PublishArticle(id, kNow - 400).has_value());
  EXPECT_EQ(Follow(), (std::vector<ArticleId>{id, id}));

  DeskArticle article = Must(store_->DeskArticleById(id));
  article.content.headline = "대전시 예산안 확정, 시의회 통과";
  ASSERT_TRUE(
      store_->SaveArticle(id, article.content, article.revision, 1, kNow - 300).has_value());
  EXPECT_EQ(Follow(), (std::vector<ArticleId>{id, id}));

  ASSERT_TRUE(store_->UnpublishArticle(id, kNow - 200).has_value());
  EXPECT_EQ(Follow(), (std::vector<ArticleId>{id, id}));

  // Edits of the unpublished article are nobody's business but the desk's.
  article = Must(store_->DeskArticleById(id));
  article.content.body_markdown = "고친 본문.";
  ASSERT_TRUE(
      store_->SaveArticle(id, article.content, article.revision, 1, kNow - 100).has_value());
  EXPECT_TRUE(Follow().empty());
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 6);
}

TEST_P(StoreIndexNowTest, AScheduledArticleIsQueuedWhenItGoesLive) {
  const ArticleId id = Draft("내일 아침 발표");
  ASSERT_TRUE(store_->ScheduleArticle(id, kNow + 3600, kNow - 60).has_value());
  EXPECT_TRUE(Follow().empty());

  EXPECT_EQ(Must(store_->PublishDue(kNow + 3600)), (std::vector<ArticleId>{id}));
  EXPECT_EQ(Follow(), (std::vector<ArticleId>{id, id}));
}

TEST_P(StoreIndexNowTest, PaidArticlesAreLeftOutAndPressReleasesAnnounced) {
  const ArticleId ad = Draft("신제품 출시 기념 할인", ArticleKind::kAdvertisement);
  const ArticleId sponsored = Draft("협찬 기획", ArticleKind::kSponsored);
  const ArticleId release = Draft("시청 보도자료", ArticleKind::kPressRelease);
  for (ArticleId id : {ad, sponsored, release}) {
    ASSERT_TRUE(store_->PublishArticle(id, kNow - 60).has_value());
  }
  EXPECT_EQ(Follow(), (std::vector<ArticleId>{release, release}));
}

TEST_P(StoreIndexNowTest, FollowingAgainQueuesNothingTwiceAndNoEndpointsPassOver) {
  const ArticleId first = Draft("첫 기사");
  ASSERT_TRUE(store_->PublishArticle(first, kNow - 60).has_value());
  // A paper without endpoints passes the change over: configuring them later announces only
  // what changes from then on.
  EXPECT_EQ(Must(store_->QueueIndexNowChanges({}, 100, kNow)), 2);
  EXPECT_EQ(Must(store_->QueueIndexNowChanges(kIndexNowEndpoints, 100, kNow)), 0);

  const ArticleId second = Draft("둘째 기사");
  ASSERT_TRUE(store_->PublishArticle(second, kNow - 30).has_value());
  // Two stores over one database are two nodes: the second finds nothing left to queue.
  std::unique_ptr<Store> other = database_.Open();
  EXPECT_EQ(Must(store_->QueueIndexNowChanges(kIndexNowEndpoints, 100, kNow)), 2);
  EXPECT_EQ(Must(other->QueueIndexNowChanges(kIndexNowEndpoints, 100, kNow)), 0);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 2);
}

TEST_P(StoreIndexNowTest, ClaimedPingsWaitForTheirOutcomeAndRetriesComeBackLater) {
  const ArticleId id = Draft("속보 기사");
  ASSERT_TRUE(store_->PublishArticle(id, kNow - 60).has_value());
  ASSERT_EQ(Must(store_->QueueIndexNowChanges(kIndexNowEndpoints, 100, kNow)), 2);

  const std::vector<IndexNowPing> claimed = Must(store_->ClaimDueIndexNow(kNow, 100, kNow + 600));
  ASSERT_EQ(claimed.size(), 2U);
  EXPECT_EQ(claimed[0].endpoint, kIndexNowEndpoints[0]);
  EXPECT_EQ(claimed[1].endpoint, kIndexNowEndpoints[1]);
  EXPECT_EQ(claimed[0].attempts, 0);
  // Another sender asking meanwhile gets none of them.
  EXPECT_TRUE(Must(store_->ClaimDueIndexNow(kNow + 1, 100, kNow + 601)).empty());

  ASSERT_TRUE(store_->MarkIndexNowSent({claimed[0].id}, kNow + 2).has_value());
  ASSERT_TRUE(store_->MarkIndexNowRetry({claimed[1].id}, kNow + 60, "HTTP 503").has_value());
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 1);
  EXPECT_TRUE(Must(store_->ClaimDueIndexNow(kNow + 59, 100, kNow + 700)).empty());

  const std::vector<IndexNowPing> again =
      Must(store_->ClaimDueIndexNow(kNow + 60, 100, kNow + 700));
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].id, claimed[1].id);
  EXPECT_EQ(again[0].attempts, 1);
  ASSERT_TRUE(store_->MarkIndexNowRejected({again[0].id}, "HTTP 422").has_value());
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 0);
  EXPECT_TRUE(Must(store_->ClaimDueIndexNow(kNow + 7200, 100, kNow + 9000)).empty());
}

// The key a node makes on its first start is kept only when none is set yet (issue #18): the
// second node to write gets the first one's back, an empty value counts as none, and a write
// moves the change sequence so that every node's cached settings see the key.
TEST_P(StoreIndexNowTest, AKeyIsSetOnlyWhenNoneIsAndTheFirstWriterWins) {
  const std::int64_t before = Must(store_->ChangeSequence());
  EXPECT_EQ(Must(store_->PutSiteSettingIfUnset("indexnow.key", "aaaa")), "aaaa");
  EXPECT_GT(Must(store_->ChangeSequence()), before);
  const std::unique_ptr<Store> other = database_.Open();
  EXPECT_EQ(Must(other->PutSiteSettingIfUnset("indexnow.key", "bbbb")), "aaaa");
  ASSERT_TRUE(store_->PutSiteSettings({{"indexnow.key", ""}}).has_value());
  EXPECT_EQ(Must(other->PutSiteSettingIfUnset("indexnow.key", "cccc")), "cccc");
  EXPECT_EQ(testing::ErrorCodeOf(store_->PutSiteSettingIfUnset("indexnow.key", "")),
            ErrorCode::kInvalidInput);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreIndexNowTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
