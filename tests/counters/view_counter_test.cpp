// In-memory view counting: once per visitor per article per 30 minutes.
#include "counters/view_counter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "support/test_store.hpp"

namespace sinmun::counters {
namespace {

using testing::kNow;

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
  EXPECT_TRUE(counter.Record(2, 42, kNow + 60));                 // another article
  EXPECT_TRUE(counter.Record(1, 43, kNow + 60));                 // another visitor
  EXPECT_TRUE(counter.Record(1, 42, kNow + kViewDedupSeconds));  // 30 minutes later

  const std::vector<store::ViewDelta> pending = counter.TakePending();
  EXPECT_EQ(ViewsOf(pending, 1), 3);
  EXPECT_EQ(ViewsOf(pending, 2), 1);
  EXPECT_TRUE(counter.TakePending().empty());
}

TEST(ViewCounterTest, DedupSurvivesAFlushAndExpiresAfterIt) {
  ViewCounter counter;
  EXPECT_TRUE(counter.Record(7, 1, kNow));
  counter.TakePending();
  EXPECT_FALSE(counter.Record(7, 1, kNow + 600));
  counter.TakePending();
  EXPECT_TRUE(counter.Record(7, 1, kNow + kViewDedupSeconds + 120));
}

TEST(ViewCounterTest, MemoryHoldsOnlyTheLast30Minutes) {
  ViewCounter counter;
  for (std::uint64_t visitor = 1; visitor <= 50'000; ++visitor) counter.Record(1, visitor, kNow);
  EXPECT_EQ(counter.DedupEntries(), 50'000u);
  // An hour later, 200,000 other pairs: the old ones make room instead of being kept.
  for (std::uint64_t visitor = 1; visitor <= 200'000; ++visitor) {
    counter.Record(2, visitor, kNow + 3600);
  }
  EXPECT_LT(counter.DedupEntries(), 250'000u);
  EXPECT_GE(counter.DedupEntries(), 200'000u);
  // The new ones are all still remembered.
  EXPECT_FALSE(counter.Record(2, 123, kNow + 3700));
}

TEST(ViewCounterTest, AFloodOfNewPairsShortensTheWindowInsteadOfGrowingTheMemory) {
  // Room for 256 pairs a shard after a drop (a table sized for four times as many), so at
  // most 512 a shard between drops.
  constexpr std::size_t kBytes = 64 * 4 * sizeof(std::uint64_t) * 256;
  ViewCounter counter(kBytes);
  // 2,000 new readers a second for 100 seconds: 200,000 pairs, far more than fit.
  std::uint64_t visitor = 0;
  for (int second = 0; second < 100; ++second) {
    for (int i = 0; i < 2'000; ++i) counter.Record(1, ++visitor, kNow + second);
  }
  EXPECT_LE(counter.DedupEntries(), 64u * 512);
  // The newest pairs are remembered: the last reader's reload is no second view.
  EXPECT_FALSE(counter.Record(1, visitor, kNow + 99));
  // The first reader's pair went with the oldest seconds, 99 s into its 30 minutes.
  EXPECT_TRUE(counter.Record(1, 1, kNow + 99));
}

TEST(ViewCounterTest, GivenBackCountsComeOutAgain) {
  ViewCounter counter;
  counter.Record(5, 1, kNow);
  counter.Record(5, 2, kNow);
  std::vector<store::ViewDelta> taken = counter.TakePending();
  counter.GiveBack(taken);
  counter.Record(5, 3, kNow);
  EXPECT_EQ(ViewsOf(counter.TakePending(), 5), 3);
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
  const std::vector<store::ViewDelta> pending = counter.TakePending();
  std::int64_t total = 0;
  for (const store::ViewDelta& delta : pending) total += delta.views;
  EXPECT_EQ(total, kThreads * kPerThread);
  EXPECT_EQ(pending.size(), 100u);
}

}  // namespace
}  // namespace sinmun::counters

namespace sinmun::counters {
namespace {

// Flushes running while requests count: no view is lost or counted twice, and the last
// flush after the writers stop takes every remaining one (what a graceful stop relies on).
TEST(PendingViewsTest, TakesRacingAddsLoseNothing) {
  PendingViews pending;
  constexpr int kWriters = 3;
  constexpr int kPerWriter = 200'000;
  std::atomic<bool> writing{true};
  std::int64_t taken = 0;
  std::thread flusher([&] {
    while (writing.load()) {
      for (const store::ViewDelta& delta : pending.Take()) taken += delta.views;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&pending, w] {
      for (int i = 0; i < kPerWriter; ++i) pending.Add(1 + (i * 7 + w) % 300'000, 1);
    });
  }
  for (std::thread& writer : writers) writer.join();
  writing.store(false);
  flusher.join();
  for (const store::ViewDelta& delta : pending.Take()) taken += delta.views;
  EXPECT_EQ(taken, std::int64_t{kWriters} * kPerWriter);
  EXPECT_TRUE(pending.Take().empty());
}

TEST(PendingViewsTest, LargeIdsAreCountedToo) {
  PendingViews pending;
  pending.Add(std::int64_t{1} << 40, 2);
  pending.Add(65'536, 1);
  pending.Add(65'536, 1);
  std::vector<store::ViewDelta> deltas = pending.Take();
  std::sort(deltas.begin(), deltas.end(), [](const store::ViewDelta& a, const store::ViewDelta& b) {
    return a.article_id < b.article_id;
  });
  ASSERT_EQ(deltas.size(), 2u);
  EXPECT_EQ(deltas[0].article_id, 65'536);
  EXPECT_EQ(deltas[0].views, 2);
  EXPECT_EQ(deltas[1].article_id, std::int64_t{1} << 40);
  EXPECT_EQ(deltas[1].views, 2);
}

}  // namespace
}  // namespace sinmun::counters
