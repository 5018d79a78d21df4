// The counters over a real store: batches written, rankings kept current and rebuilt.
#include "counters/counters.hpp"

#include <gtest/gtest.h>

#include "counters/manual_clock.hpp"
#include "support/test_store.hpp"

namespace sinmun::counters {
namespace {

using testing::kNow;

constexpr std::string_view kChromeAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0";

class CountersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sections_ = testing::SeedSections(*store_);
    a_ = testing::InsertArticle(*store_, testing::MakeArticle(sections_[0].id, "가", kNow - 7200));
    b_ = testing::InsertArticle(*store_, testing::MakeArticle(sections_[1].id, "나", kNow - 7200));
  }
  std::unique_ptr<Counters> Open(CountersOptions options = {}) {
    auto counters = Counters::Open(store_.get(), &clock_, options);
    if (!counters) throw std::runtime_error(counters.error().detail);
    return std::move(*counters);
  }
  std::int64_t StoredViews(store::ArticleId id) {
    return store_->PublishedArticle(id, clock_.Now()).value().views;
  }

  testing::TestDatabase database_{testing::Backend::kSqlite};
  std::unique_ptr<store::Store> store_ = database_.Open();
  std::vector<store::Section> sections_;
  store::ArticleId a_ = 0, b_ = 0;
  ManualClock clock_{kNow};
};

TEST_F(CountersTest, AFlushWritesTheBatchAndUpdatesTheRankings) {
  auto counters = Open();
  for (std::uint64_t visitor = 1; visitor <= 5; ++visitor) counters->CountView(a_, visitor);
  counters->CountView(a_, 1);  // a repeat within 30 minutes
  counters->CountView(b_, 1);
  EXPECT_EQ(StoredViews(a_), 0);  // nothing written before the flush
  EXPECT_TRUE(counters->Top(Window::k24Hours, std::nullopt, 7).empty());

  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(StoredViews(a_), 5);
  EXPECT_EQ(StoredViews(b_), 1);
  const std::vector<RankedView> top = counters->Top(Window::k24Hours, std::nullopt, 7);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].id, a_);
  EXPECT_EQ(top[0].views, 5);
  ASSERT_EQ(counters->Top(Window::k24Hours, sections_[1].id, 7).size(), 1u);

  // 31 minutes later the same visitor counts again.
  clock_.Advance(31 * 60);
  EXPECT_TRUE(counters->CountView(a_, 1));
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(StoredViews(a_), 6);
}

TEST_F(CountersTest, AFlushFilesCountedViewsUnderTheirSourceInTheCurrentSlot) {
  auto counters = Open();
  const auto visitor = [&](std::uint64_t key) {
    return counters->visitors().Identify(std::string(32, static_cast<char>('a' + key)),
                                         "203.0.113.7", "Mozilla/5.0", clock_.Now());
  };
  const TrafficSource naver_phone{Referrer::kNaver, true};
  ASSERT_FALSE(visitor(1).hashed);
  EXPECT_TRUE(counters->CountView(a_, visitor(1), naver_phone));
  EXPECT_TRUE(counters->CountView(a_, visitor(2), naver_phone));
  EXPECT_FALSE(counters->CountView(a_, visitor(2), naver_phone));  // a repeat: not a source
  EXPECT_TRUE(counters->CountView(b_, visitor(2), {Referrer::kDirect, false}));
  ASSERT_TRUE(counters->Flush().has_value());

  const std::vector<store::SlotViews> slots = store_->SlotViewsSince(kNow / 300).value();
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].slot, kNow / 300);
  EXPECT_EQ(slots[0].referrer, "direct");
  EXPECT_EQ(slots[0].views, 1);
  EXPECT_EQ(slots[1].referrer, "naver");
  EXPECT_TRUE(slots[1].mobile);
  EXPECT_EQ(slots[1].views, 2);

  // Five minutes on, the next flush fills the next slot.
  clock_.Advance(300);
  EXPECT_TRUE(counters->CountView(b_, visitor(3), {Referrer::kSocial, false}));
  ASSERT_TRUE(counters->Flush().has_value());
  const std::vector<store::SlotViews> next = store_->SlotViewsSince(kNow / 300 + 1).value();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].referrer, "social");
}

TEST_F(CountersTest, AFlushDeletesSlotsOlderThanTwoDaysAndKeepsRecentOnes) {
  // Rows written two days and five minutes ago, and a day ago (the 통계 page reads 24 hours).
  const std::int64_t slot = kNow / kSlotSeconds;
  const std::int64_t old_slot = slot - kSlotsKeptSeconds / kSlotSeconds - 1;
  const std::int64_t day_ago = slot - 86400 / kSlotSeconds;
  ASSERT_TRUE(store_->AddSlotViews({{old_slot, "naver", false, 4}, {day_ago, "daum", true, 2}}));
  auto counters = Open();
  ASSERT_TRUE(counters->Flush().has_value());  // nothing counted: it prunes all the same

  const std::vector<store::SlotViews> kept = store_->SlotViewsSince(old_slot).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].slot, day_ago);
  EXPECT_EQ(kept[0].referrer, "daum");

  // Once an hour: a row that grows old within the hour waits for the next one.
  ASSERT_TRUE(store_->AddSlotViews({{old_slot, "google", false, 1}}));
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(store_->SlotViewsSince(old_slot).value().size(), 2u);
  clock_.Advance(3600);
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(store_->SlotViewsSince(old_slot).value().size(), 1u);
}

TEST_F(CountersTest, ANewReaderCountsOnceUnderTheAddressAndThenTheCookie) {
  auto counters = Open();
  // The first view has no cookie: the reader is the address's hash and is given a cookie.
  const Visitor first =
      counters->visitors().Identify(std::nullopt, "203.0.113.7", "Mozilla/5.0", clock_.Now());
  ASSERT_TRUE(first.hashed);
  ASSERT_FALSE(first.new_cookie.empty());
  EXPECT_TRUE(counters->CountView(a_, first));
  // The next views bring the cookie: the same reader, not counted again on that article.
  clock_.Advance(60);
  const Visitor returning =
      counters->visitors().Identify(first.new_cookie, "203.0.113.7", "Mozilla/5.0", clock_.Now());
  EXPECT_FALSE(returning.hashed);
  EXPECT_FALSE(counters->CountView(a_, returning));
  EXPECT_TRUE(counters->CountView(b_, returning));  // another article counts
  // Refusing the cookie keeps the reader on the hash: still once.
  EXPECT_FALSE(counters->CountView(
      a_, counters->visitors().Identify(std::nullopt, "203.0.113.7", "Mozilla/5.0", clock_.Now())));
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(StoredViews(a_), 1);
  EXPECT_EQ(StoredViews(b_), 1);
}

// A client that never sends the cookie back (a script with a browser's user agent) is one
// reader on the address's hash, and its requests do not each leave a dedup entry behind for
// 30 minutes: the fresh cookie of every response is marked only with a counted view.
TEST_F(CountersTest, AClientRefusingTheCookieKeepsTwoDedupEntriesNotOnePerRequest) {
  auto counters = Open();
  for (int request = 0; request < 10'000; ++request) {
    const Visitor visitor =
        counters->visitors().Identify(std::nullopt, "203.0.113.7", kChromeAgent, clock_.Now());
    ASSERT_FALSE(visitor.new_cookie.empty());
    counters->CountView(a_, visitor);
  }
  const CountersStats stats = counters->Stats();
  EXPECT_EQ(stats.views_counted, 1u);
  EXPECT_EQ(stats.dedup_entries, 2u);  // the address's hash and the first cookie's key
}

// Two readers behind one address with the same browser: the second one's first view looks
// like the first reader's repeat, but once its own cookie comes back it is a reader of its own.
TEST_F(CountersTest, ASecondReaderBehindTheSameAddressCountsOnceItsCookieComesBack) {
  auto counters = Open();
  auto identify = [&](std::optional<std::string> cookie) {
    return counters->visitors().Identify(std::move(cookie), "203.0.113.7", kChromeAgent,
                                         clock_.Now());
  };
  const Visitor first = identify(std::nullopt);
  EXPECT_TRUE(counters->CountView(a_, first));
  const Visitor second = identify(std::nullopt);
  EXPECT_FALSE(counters->CountView(a_, second));
  clock_.Advance(60);
  EXPECT_TRUE(counters->CountView(a_, identify(second.new_cookie)));
  EXPECT_FALSE(counters->CountView(a_, identify(first.new_cookie)));
  EXPECT_FALSE(counters->CountView(a_, identify(second.new_cookie)));
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(StoredViews(a_), 2);
}

TEST_F(CountersTest, StatsCountViewsPendingAndFlushed) {
  auto counters = Open();
  for (std::uint64_t visitor = 1; visitor <= 3; ++visitor) counters->CountView(a_, visitor);
  CountersStats stats = counters->Stats();
  EXPECT_EQ(stats.views_counted, 3u);
  EXPECT_EQ(stats.views_pending, 3u);
  EXPECT_EQ(stats.flushes, 0u);
  ASSERT_TRUE(counters->Flush().has_value());
  counters->CountView(b_, 1);
  stats = counters->Stats();
  EXPECT_EQ(stats.views_counted, 4u);
  EXPECT_EQ(stats.views_pending, 1u);
  EXPECT_EQ(stats.flushes, 1u);
  EXPECT_EQ(stats.flush_failures, 0u);
  EXPECT_FALSE(stats.redis);
}

TEST_F(CountersTest, StoppingFlushesAndARestartRebuildsTheRankings) {
  {
    CountersOptions options;
    options.flush_interval = std::chrono::hours(1);  // only the stop flushes
    auto counters = Open(options);
    counters->StartFlushing();
    for (std::uint64_t visitor = 1; visitor <= 40; ++visitor) counters->CountView(b_, visitor);
    counters->StopFlushing();
  }
  EXPECT_EQ(StoredViews(b_), 40);
  store_.reset();
  store_ = database_.Open();
  auto reopened = Open();
  const std::vector<RankedView> top = reopened->Top(Window::k7Days, std::nullopt, 7);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].id, b_);
  EXPECT_EQ(top[0].views, 40);
  // A day later the 24-hour window no longer has them; the 7-day window does.
  clock_.Advance(25 * 3600);
  EXPECT_TRUE(reopened->Top(Window::k24Hours, std::nullopt, 7).empty());
  EXPECT_EQ(reopened->Top(Window::k7Days, std::nullopt, 7).size(), 1u);
}

TEST_F(CountersTest, RankingsLeftToTheFirstFlushHoldTheStoredViewsAndThoseCountedMeanwhile) {
  {
    auto counters = Open();
    for (std::uint64_t visitor = 1; visitor <= 3; ++visitor) counters->CountView(a_, visitor);
    ASSERT_TRUE(counters->Flush().has_value());
  }
  // A server's start: Open does not read the store's hours; views counted before the first
  // flush wait in memory, and that flush loads the rankings, then adds them.
  CountersOptions options;
  options.load_rankings_at_open = false;
  auto counters = Open(options);
  EXPECT_FALSE(counters->rankings_loaded());
  EXPECT_TRUE(counters->Top(Window::k24Hours, std::nullopt, 7).empty());
  for (std::uint64_t visitor = 10; visitor <= 14; ++visitor) counters->CountView(b_, visitor);
  counters->CountView(a_, 10);
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_TRUE(counters->rankings_loaded());
  const std::vector<RankedView> top = counters->Top(Window::k24Hours, std::nullopt, 7);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].id, b_);
  EXPECT_EQ(top[0].views, 5);
  EXPECT_EQ(top[1].id, a_);
  EXPECT_EQ(top[1].views, 4);
  EXPECT_EQ(StoredViews(a_), 4);
}

TEST_F(CountersTest, TheFlusherThreadLoadsTheRankingsAtOnce) {
  ASSERT_TRUE(store_->AddViews(kNow / 3600, {{a_, 7}}));
  CountersOptions options;
  options.load_rankings_at_open = false;
  options.flush_interval = std::chrono::hours(1);  // the load does not wait for an interval
  auto counters = Open(options);
  counters->StartFlushing();
  for (int i = 0; i < 500 && !counters->rankings_loaded(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(counters->rankings_loaded());
  const std::vector<RankedView> top = counters->Top(Window::k30Days, std::nullopt, 7);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].views, 7);
  counters->StopFlushing();
}

TEST_F(CountersTest, TheBackgroundThreadFlushesEveryInterval) {
  CountersOptions options;
  options.flush_interval = std::chrono::milliseconds(50);
  auto counters = Open(options);
  counters->StartFlushing();
  counters->CountView(a_, 9);
  for (int i = 0; i < 200 && StoredViews(a_) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(StoredViews(a_), 1);
  counters->StopFlushing();
}

TEST_F(CountersTest, CountingCanBeTurnedOff) {
  CountersOptions options;
  options.count_views = false;
  auto counters = Open(options);
  EXPECT_FALSE(counters->CountView(a_, 1));
  ASSERT_TRUE(counters->Flush().has_value());
  EXPECT_EQ(StoredViews(a_), 0);
}

}  // namespace
}  // namespace sinmun::counters
