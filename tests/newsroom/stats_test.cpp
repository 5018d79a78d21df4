// The 통계 page (issue #20): what an editor sees after known views from known sources, its
// CSV tables and filters, and that it is the desk's only.

#include <fmt/format.h>
#include <gmock/gmock.h>

#include "counters/counters.hpp"
#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class StatsTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    AddUser("editor@example.com", store::Role::kEditor);
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
    rising_ = sinmun::testing::InsertArticle(
        *store_, sinmun::testing::MakeArticle(sections_[0].id, "급등 기사", kStart - 86400,
                                              {reporters_[0]}));
    steady_ = sinmun::testing::InsertArticle(
        *store_, sinmun::testing::MakeArticle(sections_[1].id, "꾸준한 기사", kStart - 86400,
                                              {reporters_[1]}));
    const std::int64_t hour = kStart / 3600;
    // rising_: 2 views two hours ago, 12 this hour; steady_: 20 thirty hours ago, 3 this hour.
    store_->AddViews(hour - 30, {{steady_, 20}}).value();
    store_->AddViews(hour - 2, {{rising_, 2}}).value();
    store_->AddViews(hour, {{rising_, 12}, {steady_, 3}}).value();
    const std::int64_t slot = kStart / 300;
    ASSERT_TRUE(store_->AddSlotViews(
        {{slot, "naver", true, 9}, {slot, "direct", false, 2}, {slot - 1, "google", false, 4}}));
  }

  Browser editor_;
  store::ArticleId rising_ = 0, steady_ = 0;
};

TEST_F(StatsTest, AnEditorSeesViewsSourcesAndRisingStories) {
  const http::Response page = Get(editor_, "/newsroom/stats");
  ASSERT_EQ(page.status, 200);
  const std::string html = Body(page);
  // Sources of the last 24 hours: 9 + 2 + 4 = 15 views, 9 of them on phones.
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">네이버</th><td>9</td>"));
  EXPECT_THAT(html, HasSubstr("60.0%"));  // 네이버, and the mobile share
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">구글</th><td>4</td>"));
  EXPECT_THAT(html, HasSubstr("<strong class=\"nr-mobile-share\">60.0%</strong>"));
  // The 5-minute chart: its table has the slot of 12:00 KST with 11 views.
  EXPECT_THAT(html, HasSubstr("<tr><td>12:00</td><td>11</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<svg class=\"nr-chart\""));
  // Top articles: 급등 기사 is rising (12 this hour against 2 in the two hours before).
  EXPECT_THAT(html, HasSubstr("급등 기사</a> <span class=\"nr-note\">정치</span> <strong "
                              "class=\"nr-rising\">급상승</strong>"));
  EXPECT_THAT(html, Not(HasSubstr("꾸준한 기사</a> <span class=\"nr-note\">경제</span> <strong")));
  // The nav links the page for the desk.
  EXPECT_THAT(html, HasSubstr("href=\"/newsroom/stats\""));
}

TEST_F(StatsTest, EveryTableIsCsv) {
  const http::Response sources = Get(editor_, "/newsroom/stats?format=csv&table=sources");
  ASSERT_EQ(sources.status, 200);
  EXPECT_THAT(sources.content_type, HasSubstr("text/csv"));
  EXPECT_THAT(Body(sources), HasSubstr("source,views,percent\r\nnaver,9,60.0\r\n"));
  EXPECT_THAT(Body(sources), HasSubstr("mobile,9,60.0\r\n"));

  const std::string today = Body(Get(editor_, "/newsroom/stats?format=csv&table=today"));
  EXPECT_THAT(today, HasSubstr(fmt::format("1,{},급등 기사,정치,14,12,1,0,0,0\r\n", rising_)));
  EXPECT_THAT(today, HasSubstr(fmt::format("2,{},꾸준한 기사,경제,3,3,0,0,0,0\r\n", steady_)));
  const std::string week = Body(Get(editor_, "/newsroom/stats?format=csv&table=week"));
  EXPECT_THAT(week, HasSubstr(fmt::format("1,{},꾸준한 기사,경제,23,", steady_)));

  const std::string hours = Body(Get(editor_, "/newsroom/stats?format=csv&table=hours"));
  EXPECT_THAT(hours, HasSubstr("05-03 12시,15\r\n"));
  const std::string days = Body(Get(editor_, "/newsroom/stats?format=csv&table=days"));
  EXPECT_THAT(days, HasSubstr("2024-05-02,20\r\n2024-05-03,17\r\n"));
  EXPECT_EQ(Get(editor_, "/newsroom/stats?format=csv&table=bogus").status, 404);
}

TEST_F(StatsTest, FiltersBySectionReporterAndArticle) {
  const std::string section = Body(Get(
      editor_, fmt::format("/newsroom/stats?format=csv&table=today&section={}", sections_[1].id)));
  EXPECT_THAT(section, HasSubstr("꾸준한 기사"));
  EXPECT_THAT(section, Not(HasSubstr("급등 기사")));
  const std::string reporter = Body(Get(
      editor_, fmt::format("/newsroom/stats?format=csv&table=hours&reporter={}", reporters_[0])));
  EXPECT_THAT(reporter, HasSubstr("05-03 12시,12\r\n"));
  const std::string article =
      Body(Get(editor_, fmt::format("/newsroom/stats?format=csv&table=days&article={}", steady_)));
  EXPECT_THAT(article, HasSubstr("2024-05-02,20\r\n2024-05-03,3\r\n"));
  EXPECT_EQ(Get(editor_, "/newsroom/stats?section=abc").status, 400);
}

// The top lists taken from the counters' rankings (this hour, 24 hours and 7 days; for a
// reporter, the site's ranking filtered by byline) are the lists the store sums without them.
TEST_F(StatsTest, TopListsFromTheRankingsAreTheOnesTheStoreSums) {
  const store::ArticleId shared = sinmun::testing::InsertArticle(
      *store_, sinmun::testing::MakeArticle(sections_[1].id, "공동 기사", kStart - 86400,
                                            {reporters_[1], reporters_[0]}));
  const std::int64_t hour = kStart / 3600;
  store_->AddViews(hour - 100, {{shared, 30}, {rising_, 1}}).value();
  store_->AddViews(hour - 5, {{shared, 4}}).value();
  store_->AddViews(hour, {{shared, 5}}).value();
  std::vector<std::string> targets;
  for (const std::string table : {"now", "today", "week"}) {
    for (const std::string filter :
         {std::string(), fmt::format("&section={}", sections_[1].id),
          fmt::format("&reporter={}", reporters_[0]), fmt::format("&reporter={}", reporters_[1]),
          fmt::format("&article={}", shared)}) {
      targets.push_back("/newsroom/stats?format=csv&table=" + table + filter);
    }
  }
  std::vector<std::string> summed;
  for (const std::string& target : targets) summed.push_back(Body(Get(editor_, target)));
  EXPECT_THAT(summed[10], HasSubstr(fmt::format("1,{},공동 기사,경제,39,5,", shared)));

  std::unique_ptr<counters::Counters> counters =
      counters::Counters::Open(store_.get(), &clock_, {}).value();
  for (const std::int64_t bylines_summed : {0, 2000}) {
    MakeNewsroom(Config(), [&](NewsroomDeps& deps) {
      deps.counters = counters.get();
      deps.stats_bylines_summed = bylines_summed;
    });
    for (size_t i = 0; i < targets.size(); ++i) {
      EXPECT_EQ(Body(Get(editor_, targets[i])), summed[i]) << targets[i];
    }
  }
}

TEST_F(StatsTest, ReportersAreRefused) {
  Browser reporter;
  AddUser("reporter@example.com", store::Role::kReporter, reporters_[0]);
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  EXPECT_EQ(Get(reporter, "/newsroom/stats").status, 403);
  EXPECT_EQ(Get(reporter, "/newsroom/stats?format=csv&table=today").status, 403);
  EXPECT_THAT(Body(Get(reporter, "/newsroom")), Not(HasSubstr("/newsroom/stats")));
}

}  // namespace
}  // namespace sinmun::newsroom
