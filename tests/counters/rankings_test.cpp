// Sliding hourly windows, overall and per section, read as a top-k.
#include "counters/rankings.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_store.hpp"

namespace sinmun::counters {
namespace {

using testing::kNow;
constexpr std::int64_t kHour = kNow / 3600;

std::vector<store::ArticleId> Ids(const std::vector<RankedView>& top) {
  std::vector<store::ArticleId> ids;
  for (const RankedView& entry : top) ids.push_back(entry.id);
  return ids;
}

TEST(RankingsTest, WindowsSlideByTheHour) {
  Rankings rankings;
  rankings.Reset({}, kNow);
  // Article 1 viewed 10 times now; article 2 5 times 23 hours later.
  rankings.Add({{1, 100, kHour, 10}}, kNow);
  rankings.Add({{2, 100, kHour + 23, 5}}, kNow + 23 * 3600);
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, std::nullopt, 7)),
            (std::vector<store::ArticleId>{1, 2}));

  // One more hour: article 1's hour leaves the 24-hour window, not the 7-day one.
  rankings.Advance(kNow + 24 * 3600);
  const std::vector<RankedView> day = rankings.Top(Window::k24Hours, std::nullopt, 7);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].id, 2);
  EXPECT_EQ(day[0].views, 5);
  EXPECT_EQ(Ids(rankings.Top(Window::k7Days, std::nullopt, 7)),
            (std::vector<store::ArticleId>{1, 2}));

  rankings.Advance(kNow + 7 * 86400);
  EXPECT_EQ(Ids(rankings.Top(Window::k7Days, std::nullopt, 7)), (std::vector<store::ArticleId>{2}));
  EXPECT_EQ(Ids(rankings.Top(Window::k30Days, std::nullopt, 7)),
            (std::vector<store::ArticleId>{1, 2}));
  rankings.Advance(kNow + 30 * 86400 + 23 * 3600);
  EXPECT_TRUE(rankings.Top(Window::k30Days, std::nullopt, 7).empty());
  // Time going back changes nothing.
  rankings.Advance(kNow);
  EXPECT_TRUE(rankings.Top(Window::k24Hours, std::nullopt, 7).empty());
}

// Rankings loaded at start (Reset) order ties as views counted since do: the newer first.
TEST(RankingsTest, LoadedRankingsOrderEqualViewsNewerFirstInEachSection) {
  Rankings rankings;
  rankings.Reset({{5, 100, kHour, 2},
                  {9, 200, kHour, 2},
                  {6, 100, kHour, 2},
                  {7, 100, kHour, 8},
                  {8, 200, kHour - 3, 1}},
                 kNow);
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, std::nullopt, 7)),
            (std::vector<store::ArticleId>{7, 9, 6, 5, 8}));
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, 100, 7)), (std::vector<store::ArticleId>{7, 6, 5}));
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, 200, 7)), (std::vector<store::ArticleId>{9, 8}));
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, 200, 1)), (std::vector<store::ArticleId>{9}));
}

TEST(RankingsTest, TopIsOrderedByViewsThenNewerIdAndPerSection) {
  Rankings rankings;
  rankings.Reset(
      {{1, 100, kHour, 3}, {2, 200, kHour, 9}, {3, 100, kHour - 1, 3}, {4, 200, kHour, 1}}, kNow);
  rankings.Add({{1, 100, kHour, 1}}, kNow);  // 1 now has 4
  const std::vector<RankedView> top = rankings.Top(Window::k24Hours, std::nullopt, 3);
  EXPECT_EQ(Ids(top), (std::vector<store::ArticleId>{2, 1, 3}));
  EXPECT_EQ(top[1].views, 4);
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, 100, 7)), (std::vector<store::ArticleId>{1, 3}));
  EXPECT_EQ(Ids(rankings.Top(Window::k24Hours, 200, 7)), (std::vector<store::ArticleId>{2, 4}));
  EXPECT_TRUE(rankings.Top(Window::k24Hours, 300, 7).empty());
  EXPECT_TRUE(rankings.Top(Window::k24Hours, std::nullopt, 0).empty());
}

TEST(RankingsTest, ResetIgnoresBucketsOlderThan30Days) {
  Rankings rankings;
  rankings.Reset({{1, 100, kHour - 30 * 24, 50}, {2, 100, kHour - 30 * 24 + 1, 2}}, kNow);
  EXPECT_EQ(Ids(rankings.Top(Window::k30Days, std::nullopt, 7)),
            (std::vector<store::ArticleId>{2}));
}

TEST(RankingsTest, TheHoursTopSumsTheCurrentHoursFlushesPerArticle) {
  Rankings rankings;
  rankings.Reset({{1, 100, kHour - 1, 50}, {2, 200, kHour, 3}}, kNow);
  // Two flushes of this hour add to article 3; article 1's views of the hour before do not
  // count now.
  rankings.Add({{3, 100, kHour, 2}, {1, 100, kHour, 1}}, kNow);
  rankings.Add({{3, 100, kHour, 2}, {4, 200, kHour, 3}}, kNow + 60);
  const std::vector<RankedView> now = rankings.TopOfHour(std::nullopt, 3);
  ASSERT_EQ(now.size(), 3u);
  EXPECT_EQ(now[0].id, 3);
  EXPECT_EQ(now[0].views, 4);
  EXPECT_EQ(Ids(now), (std::vector<store::ArticleId>{3, 4, 2}));  // ties: newer id first
  EXPECT_EQ(Ids(rankings.TopOfHour(100, 7)), (std::vector<store::ArticleId>{3, 1}));
  EXPECT_TRUE(rankings.TopOfHour(std::nullopt, 0).empty());
  // The next hour starts empty.
  rankings.Advance(kNow + 3600);
  EXPECT_TRUE(rankings.TopOfHour(std::nullopt, 7).empty());
}

// A flush of thousands of articles is applied, and slid out of the windows, a slice at a time
// (the lock let go between slices): the result is the same as one at a time, and a reader
// reading meanwhile always gets a ranking in order.
TEST(RankingsTest, AFlushOfThousandsOfArticlesRanksAndSlidesOutWhileReadersRead) {
  constexpr int kArticles = 5000;
  Rankings rankings;
  rankings.Reset({}, kNow);
  std::vector<store::HourlyViews> flush;
  for (int id = 1; id <= kArticles; ++id) flush.push_back({id, 100 + id % 3, kHour, id % 97 + 1});
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> out_of_order{0};
  std::thread reader([&] {
    while (!done.load()) {
      const std::vector<RankedView> top = rankings.Top(Window::k24Hours, 101, 50);
      for (std::size_t i = 1; i < top.size(); ++i) {
        if (top[i - 1].views < top[i].views ||
            (top[i - 1].views == top[i].views && top[i - 1].id < top[i].id)) {
          ++out_of_order;
        }
      }
      ++reads;
    }
  });
  rankings.Add(flush, kNow);
  rankings.Add(flush, kNow + 60);  // every article again: its views doubled
  const std::vector<RankedView> top = rankings.Top(Window::k24Hours, std::nullopt, 3);
  // 97 views a flush for the ids of 96 modulo 97 (96, 193, ...), the newest first.
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].views, 2 * 97);
  EXPECT_EQ(Ids(top), (std::vector<store::ArticleId>{4946, 4849, 4752}));
  EXPECT_EQ(rankings.Top(Window::k30Days, 102, kArticles).size(), 1667u);  // 2, 5, ..., 4999

  rankings.Advance(kNow + 24 * 3600);  // out of the day, still in the week and the month
  EXPECT_TRUE(rankings.Top(Window::k24Hours, std::nullopt, 7).empty());
  EXPECT_EQ(Ids(rankings.Top(Window::k7Days, std::nullopt, 3)),
            (std::vector<store::ArticleId>{4946, 4849, 4752}));
  rankings.Advance(kNow + 30 * 86400);
  EXPECT_TRUE(rankings.Top(Window::k30Days, std::nullopt, 7).empty());
  // A new view after all that starts from nothing, not from what slid out.
  rankings.Add({{7, 101, kHour + 30 * 24, 1}}, kNow + 30 * 86400);
  const std::vector<RankedView> fresh = rankings.Top(Window::k30Days, std::nullopt, 7);
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].views, 1);
  done = true;
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(out_of_order.load(), 0);
}

TEST(RankingsTest, WindowNamesRoundTrip) {
  for (const char* name : {"24h", "7d", "30d"}) {
    ASSERT_TRUE(ParseWindow(name).has_value()) << name;
    EXPECT_STREQ(WindowName(*ParseWindow(name)), name);
  }
  EXPECT_FALSE(ParseWindow("1y").has_value());
  EXPECT_FALSE(ParseWindow("").has_value());
}

}  // namespace
}  // namespace sinmun::counters
