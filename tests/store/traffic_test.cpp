// The newsroom's traffic reads (issue #20) on every backend: views per 5-minute slot by
// source, views per hour filtered, and the top articles with what the dashboard shows.
#include <gtest/gtest.h>

#include <map>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

using testing::kNow;
constexpr std::int64_t kHour = kNow / 3600;
constexpr std::int64_t kSlot = kNow / 300;

class StoreTrafficTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 2);

  ArticleId Insert(int section, const std::string& headline, ReporterId reporter) {
    return testing::InsertArticle(
        *store_, MakeArticle(sections_[section].id, headline, kNow - 86400 * 3, {reporter}));
  }
};

TEST_P(StoreTrafficTest, SlotViewsAddUpPerSourceAndSlot) {
  ASSERT_TRUE(store_->AddSlotViews({{kSlot, "naver", true, 3}, {kSlot, "direct", false, 2}}));
  ASSERT_TRUE(store_->AddSlotViews({{kSlot, "naver", true, 4},
                                    {kSlot + 1, "google", false, 1},
                                    {kSlot + 1, "kakao", false, 0}}));
  const std::vector<SlotViews> rows = store_->SlotViewsSince(kSlot).value();
  ASSERT_EQ(rows.size(), 3u);  // the empty count is not stored
  EXPECT_EQ(rows[0].referrer, "direct");
  EXPECT_EQ(rows[0].views, 2);
  EXPECT_FALSE(rows[0].mobile);
  EXPECT_EQ(rows[1].referrer, "naver");
  EXPECT_TRUE(rows[1].mobile);
  EXPECT_EQ(rows[1].views, 7);
  EXPECT_EQ(rows[2].slot, kSlot + 1);
  EXPECT_EQ(store_->SlotViewsSince(kSlot + 1).value().size(), 1u);
  // An unknown class is refused whole.
  EXPECT_EQ(testing::ErrorCodeOf(store_->AddSlotViews(
                {{kSlot + 2, "direct", false, 1}, {kSlot + 2, "example.com", false, 1}})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->SlotViewsSince(kSlot + 2).value().size(), 0u);
}

TEST_P(StoreTrafficTest, ViewsByHourAreFilteredBySectionReporterAndArticle) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[1]);
  ASSERT_TRUE(store_->AddViews(kHour - 1, {{a, 3}, {b, 5}}));
  ASSERT_TRUE(store_->AddViews(kHour, {{a, 2}}));

  const std::vector<HourTotal> all = store_->ViewsByHour(kHour - 1, {}).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].hour, kHour - 1);
  EXPECT_EQ(all[0].views, 8);
  EXPECT_EQ(all[1].views, 2);

  const std::vector<HourTotal> section =
      store_->ViewsByHour(kHour - 1, {.section = sections_[1].id}).value();
  ASSERT_EQ(section.size(), 1u);
  EXPECT_EQ(section[0].views, 5);
  const std::vector<HourTotal> reporter =
      store_->ViewsByHour(kHour - 1, {.reporter = reporters_[0]}).value();
  ASSERT_EQ(reporter.size(), 2u);
  EXPECT_EQ(reporter[0].views, 3);
  const std::vector<HourTotal> article = store_->ViewsByHour(kHour, {.article = b}).value();
  EXPECT_TRUE(article.empty());
}

// The per-reporter rollup gives a reporter's chart the same figures as the reporter's
// articles' own rows (read per section, which still sums them), across hours, days, sections
// and a shared byline.
TEST_P(StoreTrafficTest, AReportersRollupAgreesWithTheirArticlesRows) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[1]);
  const ArticleId shared = testing::InsertArticle(
      *store_,
      MakeArticle(sections_[1].id, "다", kNow - 86400 * 3, {reporters_[1], reporters_[0]}));
  ASSERT_TRUE(store_->AddViews(kHour - 24 * 40, {{a, 9}, {shared, 4}}));
  ASSERT_TRUE(store_->AddViews(kHour - 30, {{a, 3}, {b, 5}, {shared, 1}}));
  ASSERT_TRUE(store_->AddViews(kHour - 30, {{shared, 2}}));  // a second flush of that hour
  ASSERT_TRUE(store_->AddViews(kHour, {{a, 2}, {b, 7}}));

  for (const ReporterId reporter : reporters_) {
    std::map<std::int64_t, std::int64_t> by_sections;
    for (const Section& section : sections_) {
      const std::vector<HourTotal> totals =
          store_->ViewsByHour(kHour - 24 * 90, {.section = section.id, .reporter = reporter})
              .value();
      for (const HourTotal& total : totals) by_sections[total.hour] += total.views;
    }
    std::map<std::int64_t, std::int64_t> rollup;
    const std::vector<HourTotal> totals =
        store_->ViewsByHour(kHour - 24 * 90, {.reporter = reporter}).value();
    for (const HourTotal& total : totals) rollup[total.hour] = total.views;
    EXPECT_EQ(rollup, by_sections) << "reporter " << reporter;
  }
  const std::vector<HourTotal> mine =
      store_->ViewsByHour(kHour - 24 * 90, {.reporter = reporters_[0]}).value();
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].views, 13);  // a's 9 and the shared article's 4, 40 days ago
  EXPECT_EQ(mine[1].views, 6);
  EXPECT_EQ(mine[2].views, 2);
  EXPECT_EQ(store_->ViewsByHour(kHour, {.reporter = reporters_[1]}).value().size(), 1u);
}

TEST_P(StoreTrafficTest, AReportersArticlesAmongIdsKeepTheOrderGiven) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[1]);
  const ArticleId c = Insert(1, "다", reporters_[0]);
  EXPECT_EQ(store_->ReporterArticlesAmong(reporters_[0], {c, b, 999'999, a}).value(),
            (std::vector<ArticleId>{c, a}));
  EXPECT_EQ(store_->ReporterArticlesAmong(reporters_[1], {c, b}).value(),
            (std::vector<ArticleId>{b}));
  EXPECT_TRUE(store_->ReporterArticlesAmong(reporters_[1], {}).value().empty());
  EXPECT_EQ(store_->BylineCount(reporters_[0]).value(), 2);
  EXPECT_EQ(store_->BylineCount(reporters_[1]).value(), 1);
  EXPECT_EQ(store_->BylineCount(999'999).value(), 0);
}

TEST_P(StoreTrafficTest, TopArticlesCarryThisHourEarlierHoursAndReaderActions) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[1]);
  ASSERT_TRUE(store_->AddViews(kHour - 30, {{b, 100}}));  // outside every window asked below
  ASSERT_TRUE(store_->AddViews(kHour - 2, {{a, 4}, {b, 10}}));
  ASSERT_TRUE(store_->AddViews(kHour, {{a, 20}, {b, 1}}));
  ASSERT_TRUE(store_->Recommend(a, "c1", kNow));
  ASSERT_TRUE(store_->EnqueueMail({.article_id = a,
                                   .client = "c1",
                                   .sender_email = "s@example.com",
                                   .created_at = kNow,
                                   .recipients = {{"x@example.com", "m"}, {"y@example.com", "m"}}},
                                  {}));

  const std::vector<ArticleTraffic> now = store_->TopArticles(kHour, kHour, {}, 10).value();
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[0].id, a);
  EXPECT_EQ(now[0].headline, "가");
  EXPECT_EQ(now[0].section, sections_[0].name);
  EXPECT_EQ(now[0].views, 20);
  EXPECT_EQ(now[0].this_hour, 20);
  EXPECT_EQ(now[0].earlier, 4);
  EXPECT_EQ(now[0].first_hour, kHour - 2);
  EXPECT_EQ(now[0].recommends, 1);
  EXPECT_EQ(now[0].emails, 2);
  EXPECT_EQ(now[0].comments, 0);

  const std::vector<ArticleTraffic> day = store_->TopArticles(kHour - 23, kHour, {}, 10).value();
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(day[0].id, a);  // 24 against b's 11
  EXPECT_EQ(day[1].views, 11);
  const std::vector<ArticleTraffic> week = store_->TopArticles(kHour - 167, kHour, {}, 1).value();
  ASSERT_EQ(week.size(), 1u);
  EXPECT_EQ(week[0].id, b);
  EXPECT_EQ(week[0].views, 111);
  const std::vector<ArticleTraffic> section =
      store_->TopArticles(kHour - 167, kHour, {.section = sections_[0].id}, 10).value();
  ASSERT_EQ(section.size(), 1u);
  EXPECT_EQ(section[0].id, a);
}

TEST_P(StoreTrafficTest, ArticlesTrafficReadsTheListedArticlesMostViewedFirst) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[1]);
  const ArticleId quiet = Insert(1, "다", reporters_[1]);
  ASSERT_TRUE(store_->AddViews(kHour - 3, {{a, 2}, {b, 6}, {quiet, 1}}));
  ASSERT_TRUE(store_->AddViews(kHour, {{a, 5}}));

  // The order of the list does not matter; an article without views since the window's first
  // hour, an unknown id and a repeated one are left out.
  const std::vector<ArticleTraffic> day =
      store_->ArticlesTraffic({quiet, a, 999'999, b, a}, kHour - 23, kHour).value();
  ASSERT_EQ(day.size(), 3u);
  EXPECT_EQ(day[0].id, a);
  EXPECT_EQ(day[0].views, 7);
  EXPECT_EQ(day[0].this_hour, 5);
  EXPECT_EQ(day[0].earlier, 2);
  EXPECT_EQ(day[0].first_hour, kHour - 3);
  EXPECT_EQ(day[0].section, sections_[0].name);
  EXPECT_EQ(day[1].id, b);
  EXPECT_EQ(day[2].id, quiet);
  const std::vector<ArticleTraffic> now =
      store_->ArticlesTraffic({quiet, a, b}, kHour, kHour).value();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].id, a);
  EXPECT_TRUE(store_->ArticlesTraffic({}, kHour, kHour).value().empty());
}

TEST_P(StoreTrafficTest, ReporterAndArticleFiltersOfTopArticlesApplyTogether) {
  const ArticleId a = Insert(0, "가", reporters_[0]);
  const ArticleId b = Insert(1, "나", reporters_[0]);
  const ArticleId c = Insert(1, "다", reporters_[1]);
  ASSERT_TRUE(store_->AddViews(kHour, {{a, 2}, {b, 6}, {c, 9}}));
  const auto ids = [&](const TrafficFilter& filter) {
    const std::vector<ArticleTraffic> top = store_->TopArticles(kHour, kHour, filter, 10).value();
    std::vector<ArticleId> found;
    for (const ArticleTraffic& article : top) found.push_back(article.id);
    return found;
  };
  EXPECT_EQ(ids({.reporter = reporters_[0]}), (std::vector<ArticleId>{b, a}));
  EXPECT_EQ(ids({.section = sections_[1].id, .reporter = reporters_[0]}),
            (std::vector<ArticleId>{b}));
  EXPECT_EQ(ids({.article = c}), (std::vector<ArticleId>{c}));
  EXPECT_TRUE(ids({.reporter = reporters_[0], .article = c}).empty());
  EXPECT_EQ(ids({.section = sections_[1].id}), (std::vector<ArticleId>{c, b}));
}

TEST_P(StoreTrafficTest, OldSlotsAreDropped) {
  ASSERT_TRUE(store_->AddSlotViews({{kSlot - 600, "naver", false, 1}, {kSlot, "daum", true, 2}}));
  ASSERT_TRUE(store_->DropSlotViewsBefore(kSlot - 1));
  const std::vector<SlotViews> rows = store_->SlotViewsSince(0).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].slot, kSlot);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreTrafficTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
