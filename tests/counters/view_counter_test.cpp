// In-memory view counting: once per visitor per article per 30 minutes.
#include "counters/view_counter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace sinmun::counters {
namespace {

constexpr Timestamp kNow = 1'700'000'000;

std::int64_t ViewsOf(const std::vector<store::ViewDelta>& deltas, store::ArticleId id) {
  std::int64_t views = 0;
  for (const store::ViewDelta& delta : deltas) {
    if (delta.article_id == id) views += delta.views;
  }
  return views;
}

TEST(ViewCounterTest, AVisitorCountsOncePerArticleIn30Minutes) {
  ViewCounter counter;
  EXPECT_TRUE(counter.Record(1, 42, kNow));
  EXPECT_FALSE(counter.Record(1, 42, kNow + 60));
  EXPECT_FALSE(counter.Record(1, 42, kNow + kViewDedupSeconds - 1));
  EXPECT_TRUE(counter.Record(2, 42, kNow + 60));  // another article
  EXPECT_TRUE(counter.Record(1, 43, kNow + 60));  // another visitor
  EXPECT_TRUE(counter.Record(1, 42, kNow + kViewDedupSeconds));  // 30 minutes later

  const std::vector<store::ViewDelta> pending = counter.TakePending(kNow + kViewDedupSeconds);
  EXPECT_EQ(ViewsOf(pending, 1), 3);
  EXPECT_EQ(ViewsOf(pending, 2), 1);
  EXPECT_TRUE(counter.TakePending(kNow + kViewDedupSeconds).empty());
}

TEST(ViewCounterTest, DedupSurvivesAFlushAndExpiresAfterIt) {
  ViewCounter counter;
  EXPECT_TRUE(counter.Record(7, 1, kNow));
  counter.TakePending(kNow + 120);  // purges only what is 30 minutes old
  EXPECT_FALSE(counter.Record(7, 1, kNow + 600));
  counter.TakePending(kNow + kViewDedupSeconds + 120);
  EXPECT_TRUE(counter.Record(7, 1, kNow + kViewDedupSeconds + 120));
}

TEST(ViewCounterTest, GivenBackCountsComeOutAgain) {
  ViewCounter counter;
  counter.Record(5, 1, kNow);
  counter.Record(5, 2, kNow);
  std::vector<store::ViewDelta> taken = counter.TakePending(kNow);
  counter.GiveBack(taken);
  counter.Record(5, 3, kNow);
  EXPECT_EQ(ViewsOf(counter.TakePending(kNow), 5), 3);
}

TEST(ViewCounterTest, ConcurrentRecordsAreAllCounted) {
  ViewCounter counter;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&counter, t] {
      for (int i = 0; i < kPerThread; ++i) {
        counter.Record(1 + i % 100, static_cast<std::uint64_t>(t) * kPerThread + i + 1, kNow);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<store::ViewDelta> pending = counter.TakePending(kNow);
  std::int64_t total = 0;
  for (const store::ViewDelta& delta : pending) total += delta.views;
  EXPECT_EQ(total, kThreads * kPerThread);
  EXPECT_EQ(pending.size(), 100u);
}

}  // namespace
}  // namespace sinmun::counters
