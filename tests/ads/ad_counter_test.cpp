// Impressions and clicks counted in memory and written in batches (issue #7).
#include "ads/ad_counter.hpp"

#include <gtest/gtest.h>

#include "ads/slots.hpp"
#include "counters/manual_clock.hpp"
#include "support/test_store.hpp"

namespace sinmun::ads {
namespace {

constexpr Timestamp kNow = 1'714'705'200;  // 2024-05-03 12:00 KST

class AdCounterTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> store_ = testing::OpenTestStore(testing::Backend::kSqlite);
  counters::ManualClock clock_{kNow};
  AdCounter counter_{store_.get(), &clock_, std::chrono::hours(1)};
  store::AdCampaignId campaign_ = store_
                                      ->InsertAdCampaign({.advertiser = "광고주",
                                                          .title = "세일",
                                                          .slots = {"top", "right_1"},
                                                          .target_url = "https://example.com/",
                                                          .starts_at = kNow - 60,
                                                          .ends_at = kNow + 86400,
                                                          .weight = 1})
                                      .value();
  const std::size_t top_ = *SlotIndex("top");
  const std::size_t right_ = *SlotIndex("right_1");
};

TEST_F(AdCounterTest, OneImpressionPerVisitorPerSlotPerMinute) {
  EXPECT_TRUE(counter_.CountImpression(campaign_, top_, 1));
  EXPECT_FALSE(counter_.CountImpression(campaign_, top_, 1));   // same minute
  EXPECT_TRUE(counter_.CountImpression(campaign_, right_, 1));  // another slot
  EXPECT_TRUE(counter_.CountImpression(campaign_, top_, 2));    // another visitor
  clock_.Advance(59);
  EXPECT_FALSE(counter_.CountImpression(campaign_, top_, 1));
  clock_.Advance(1);
  EXPECT_TRUE(counter_.CountImpression(campaign_, top_, 1));  // a minute later
  EXPECT_TRUE(counter_.CountClick(campaign_, top_, 1));
  EXPECT_FALSE(counter_.CountClick(campaign_, top_, 1));

  ASSERT_TRUE(counter_.Flush().has_value());
  EXPECT_EQ(store_->AdCountsByDay(campaign_).value(),
            (std::vector<store::AdDayCounts>{{KstDay(kNow), 4, 1}}));
  ASSERT_TRUE(counter_.Flush().has_value());  // nothing pending: nothing added twice
  EXPECT_EQ(store_->AdCountsByDay(campaign_).value().front().impressions, 4);
}

TEST_F(AdCounterTest, AFloodOfNewVisitorsShortensTheMinuteInsteadOfGrowingTheMemory) {
  // Room for 256 visitor-slot pairs a shard after a drop: about 4 seconds of this flood.
  AdCounter counter(store_.get(), &clock_, std::chrono::hours(1),
                    16 * 4 * sizeof(std::uint64_t) * 256);
  std::uint64_t visitor = 0;
  for (int second = 0; second < 30; ++second) {
    if (second > 0) clock_.Advance(1);
    for (int i = 0; i < 1'000; ++i) counter.CountImpression(campaign_, top_, ++visitor);
  }
  EXPECT_FALSE(counter.CountImpression(campaign_, top_, visitor));  // the newest are kept
  EXPECT_TRUE(counter.CountImpression(campaign_, top_, 1));  // 29 s old: the minute shortened
}

TEST_F(AdCounterTest, APageViewsImpressionsCountPerSlot) {
  const AdCounter::Shown page[] = {{campaign_, top_}, {campaign_, right_}};
  EXPECT_EQ(counter_.CountImpressions(page, 9), 2);
  EXPECT_EQ(counter_.CountImpressions(page, 9), 0);  // the same page again within the minute
  const AdCounter::Shown other_page[] = {{campaign_, top_}, {campaign_, *SlotIndex("in_list")}};
  EXPECT_EQ(counter_.CountImpressions(other_page, 9), 1);  // only the slot not yet seen
  ASSERT_TRUE(counter_.Flush().has_value());
  EXPECT_EQ(store_->AdCountsByDay(campaign_).value().at(0).impressions, 3);
}

TEST_F(AdCounterTest, CountsAreFiledUnderTheKstDay) {
  // 2024-05-03 23:59:30 KST, then 30 s later the next KST day (still May 3rd in UTC).
  clock_.Set(KstDayStart(KstDay(kNow) + 1) - 30);
  counter_.CountImpression(campaign_, top_, 1);
  clock_.Advance(60);
  counter_.CountImpression(campaign_, top_, 1);
  ASSERT_TRUE(counter_.Flush().has_value());
  EXPECT_EQ(store_->AdCountsByDay(campaign_).value(),
            (std::vector<store::AdDayCounts>{{KstDay(kNow), 1, 0}, {KstDay(kNow) + 1, 1, 0}}));
}

TEST_F(AdCounterTest, StopFlushingWritesTheLastBatch) {
  counter_.StartFlushing();
  counter_.CountImpression(campaign_, top_, 5);
  counter_.StopFlushing();
  EXPECT_EQ(store_->AdCountsByDay(campaign_).value().at(0).impressions, 1);
}

}  // namespace
}  // namespace sinmun::ads
