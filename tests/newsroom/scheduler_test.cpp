// The scheduler publishes scheduled articles at their minute, with a clock the test moves;
// after a restart that missed the minute, the first tick publishes them.

#include "newsroom/scheduler.hpp"

#include <chrono>
#include <thread>

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

store::ArticleContent Content(store::SectionId section, std::string headline) {
  store::ArticleContent content;
  content.section_id = section;
  content.headline = std::move(headline);
  content.body_markdown = "예약된 본문";
  return content;
}

class SchedulerTest : public ::testing::Test {
 protected:
  sinmun::testing::TestDatabase database_{sinmun::testing::Backend::kSqlite};
  std::unique_ptr<store::Store> store_ = database_.Open();
  std::vector<store::Section> sections_ = sinmun::testing::SeedSections(*store_);
  ManualClock clock_{kStart};

  store::ArticleId Scheduled(const std::string& headline, Timestamp at) {
    const store::ArticleId id =
        Must(store_->CreateDraft(Content(sections_[0].id, headline), 1, kStart));
    if (!store_->ScheduleArticle(id, at, kStart)) throw std::runtime_error("schedule refused");
    return id;
  }
};

TEST_F(SchedulerTest, PublishesAtTheMinuteAndNotBefore) {
  const store::ArticleId id = Scheduled("오후 6시 공개", kStart + 6 * 3600);
  Scheduler scheduler(*store_, clock_);

  clock_.Advance(6 * 3600 - 1);
  EXPECT_TRUE(Must(scheduler.Tick()).empty());
  EXPECT_FALSE(store_->PublishedArticle(id, clock_.Now()).has_value());

  clock_.Advance(1);
  EXPECT_EQ(Must(scheduler.Tick()), std::vector<store::ArticleId>{id});
  const store::Article article = Must(store_->PublishedArticle(id, clock_.Now()));
  EXPECT_EQ(article.registered_at, kStart + 6 * 3600);
  const store::AuditPage audit = Must(store_->AuditLog({.number = 1, .size = 5}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].actor, "scheduler");
  EXPECT_EQ(audit.items[0].action, "publish");
  EXPECT_EQ(audit.items[0].target, "article:" + std::to_string(id));
  EXPECT_TRUE(Must(scheduler.Tick()).empty());
}

TEST_F(SchedulerTest, AfterARestartThatMissedTheMinuteTheFirstTickPublishes) {
  const store::ArticleId id = Scheduled("새벽 공개", kStart + 600);
  store_.reset();  // the server stops before the minute

  clock_.Advance(3 * 3600);  // and starts again three hours later
  store_ = database_.Open();
  Scheduler scheduler(*store_, clock_);
  EXPECT_EQ(Must(scheduler.Tick()), std::vector<store::ArticleId>{id});
  // Registered at the minute it was scheduled for, not when the server came back.
  EXPECT_EQ(Must(store_->PublishedArticle(id, clock_.Now())).registered_at, kStart + 600);
}

TEST_F(SchedulerTest, TheBackgroundThreadPublishesWhenTheClockReachesTheMinute) {
  const store::ArticleId id = Scheduled("스레드가 공개", kStart + 60);
  Scheduler scheduler(*store_, clock_, std::chrono::milliseconds(10));
  scheduler.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(store_->PublishedArticle(id, clock_.Now()).has_value());

  clock_.Advance(60);
  bool published = false;
  for (int i = 0; i < 500 && !published; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    published = store_->PublishedArticle(id, clock_.Now()).has_value();
  }
  scheduler.Stop();
  EXPECT_TRUE(published);
}

}  // namespace
}  // namespace sinmun::newsroom
