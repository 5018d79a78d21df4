// The desk's breaking-news ticker (issue #18): put up with an expiry, kept as typed when
// refused, taken down early, each in the audit log; a reporter may not.

#include <gmock/gmock.h>

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;

class BreakingDeskTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    AddUser("editor@example.com", store::Role::kEditor);
    AddUser("reporter@example.com", store::Role::kReporter);
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
  }
  Browser editor_;
};

TEST_F(BreakingDeskTest, TheDeskPutsUpATickerWithAnExpiryAndTakesItDown) {
  const http::Response set =
      Act(editor_, "/newsroom/breaking",
          {{"text", "[속보] 태풍 북상"}, {"url", "/article/1"}, {"minutes", "30"}});
  ASSERT_EQ(set.status, 303);
  const std::optional<store::BreakingItem> up = store_->BreakingAt(kStart).value();
  ASSERT_TRUE(up);
  EXPECT_EQ(up->text, "[속보] 태풍 북상");
  EXPECT_EQ(up->expires_at, kStart + 30 * 60);
  EXPECT_THAT(Body(Get(editor_, "/newsroom/breaking")), HasSubstr("[속보] 태풍 북상"));
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"breaking_set"});

  ASSERT_EQ(Act(editor_, "/newsroom/breaking/clear", {}).status, 303);
  EXPECT_FALSE(store_->BreakingAt(kStart).value());
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"breaking_clear"});
}

TEST_F(BreakingDeskTest, ABadTickerIsSentBackAsTyped) {
  const http::Response elsewhere =
      Act(editor_, "/newsroom/breaking",
          {{"text", "외부 링크"}, {"url", "https://evil.example/"}, {"minutes", "30"}});
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_THAT(Body(elsewhere), HasSubstr("value=\"외부 링크\""));
  EXPECT_EQ(Act(editor_, "/newsroom/breaking", {{"text", "x"}, {"minutes", "0"}}).status, 400);
  EXPECT_EQ(Act(editor_, "/newsroom/breaking", {{"text", ""}, {"minutes", "5"}}).status, 400);
  EXPECT_FALSE(store_->BreakingAt(kStart).value());
  Browser reporter;
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  EXPECT_EQ(Get(reporter, "/newsroom/breaking").status, 403);
}

}  // namespace
}  // namespace sinmun::newsroom
