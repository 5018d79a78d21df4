// Reads that walk every published article in (registered_at, id) order: sitemap stamps and
// their batches, and the registered-between batches of the portal export.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::MakeArticle;

using testing::kNow;

class StoreStampsTest : public testing::TestWithParam<Backend> {
 protected:
  ArticleId Insert(Timestamp registered_at, std::optional<Timestamp> modified_at = {}) {
    NewArticle article = MakeArticle(sections_[0].id, "기사 " + std::to_string(++inserted_),
                                     registered_at, {reporters_[0]});
    article.modified_at = modified_at;
    return testing::InsertArticle(*store_, article);
  }

  std::vector<ArticleId> StampIds(std::int64_t offset, int limit) const {
    std::vector<ArticleId> ids;
    const std::vector<ArticleStamp> stamps = store_->ArticleStamps(offset, limit, kNow).value();
    for (const ArticleStamp& stamp : stamps) {
      ids.push_back(stamp.id);
    }
    return ids;
  }

  std::vector<ArticleId> BetweenIds(Timestamp from, Timestamp to, ArticleKey after,
                                    int limit) const {
    std::vector<ArticleId> ids;
    const std::vector<ArticleSummary> items =
        store_->ArticlesRegisteredBetween(from, to, after, limit, kNow).value();
    for (const ArticleSummary& item : items) {
      ids.push_back(item.id);
    }
    return ids;
  }

  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 1);
  int inserted_ = 0;
};

using Ids = std::vector<ArticleId>;

TEST_P(StoreStampsTest, StampsRunOldestFirstWithTiesByIdAndSkipFutureArticles) {
  const ArticleId b = Insert(kNow - 100);
  const ArticleId a = Insert(kNow - 200, kNow - 50);
  const ArticleId c = Insert(kNow - 100);  // same second as b: id decides
  Insert(kNow + 100);                      // scheduled: not public yet

  EXPECT_EQ(StampIds(0, 10), (Ids{a, b, c}));
  EXPECT_EQ(StampIds(1, 1), (Ids{b}));
  EXPECT_EQ(StampIds(3, 10), Ids{});
  const std::vector<ArticleStamp> stamps = store_->ArticleStamps(0, 1, kNow).value();
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].registered_at, kNow - 200);
  EXPECT_EQ(stamps[0].modified_at, kNow - 50);
  EXPECT_EQ(ErrorCodeOf(store_->ArticleStamps(-1, 10, kNow)), ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->ArticleStamps(0, 0, kNow)), ErrorCode::kInvalidInput);
}

TEST_P(StoreStampsTest, BatchesAgreeWithStampPages) {
  EXPECT_TRUE(store_->ArticleStampBatches(2, kNow).value().empty());
  Insert(kNow - 500);
  Insert(kNow - 400, kNow - 10);  // edited late: the first batch's lastmod
  Insert(kNow - 300);
  Insert(kNow - 200);
  Insert(kNow - 100);
  Insert(kNow + 100);  // not public

  const std::vector<StampBatch> batches = store_->ArticleStampBatches(2, kNow).value();
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].count, 2);
  EXPECT_EQ(batches[0].last_modified, kNow - 10);
  EXPECT_EQ(batches[1].count, 2);
  EXPECT_EQ(batches[1].last_modified, kNow - 200);
  EXPECT_EQ(batches[2].count, 1);
  EXPECT_EQ(batches[2].last_modified, kNow - 100);
  EXPECT_EQ(StampIds(4, 2).size(), 1u);
  EXPECT_EQ(ErrorCodeOf(store_->ArticleStampBatches(0, kNow)), ErrorCode::kInvalidInput);
}

TEST_P(StoreStampsTest, RegisteredBetweenIsHalfOpenAndPagesByKey) {
  const ArticleId before = Insert(kNow - 1000);
  const ArticleId first = Insert(kNow - 900);
  const ArticleId second = Insert(kNow - 900);
  const ArticleId third = Insert(kNow - 800);
  const ArticleId at_end = Insert(kNow - 700);
  (void)before;
  (void)at_end;

  EXPECT_EQ(BetweenIds(kNow - 900, kNow - 700, {kNow - 900, 0}, 10), (Ids{first, second, third}));
  // Two at a time, continuing after the last key received.
  EXPECT_EQ(BetweenIds(kNow - 900, kNow - 700, {kNow - 900, 0}, 2), (Ids{first, second}));
  EXPECT_EQ(BetweenIds(kNow - 900, kNow - 700, {kNow - 900, second}, 2), (Ids{third}));
  EXPECT_EQ(BetweenIds(kNow - 900, kNow - 700, {kNow - 800, third}, 2), Ids{});

  const std::vector<ArticleSummary> items =
      store_->ArticlesRegisteredBetween(kNow - 900, kNow - 899, {kNow - 900, 0}, 1, kNow).value();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].headline, "기사 2");
  EXPECT_EQ(items[0].section.slug, "politics");
  EXPECT_EQ(items[0].reporter_name, "기자1");
  EXPECT_EQ(items[0].registered_at, kNow - 900);
  EXPECT_EQ(ErrorCodeOf(store_->ArticlesRegisteredBetween(0, kNow, {}, 0, kNow)),
            ErrorCode::kInvalidInput);
}

TEST_P(StoreStampsTest, RegisteredBetweenHidesScheduledArticles) {
  Insert(kNow + 10);
  EXPECT_EQ(BetweenIds(kNow - 100, kNow + 100, {kNow - 100, 0}, 10), Ids{});
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreStampsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
