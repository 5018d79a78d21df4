// The comment moderation queue (issue #16): what a moderator sees by state, article and
// visitor, and hide, restore and delete (one or many) with each action in the audit log.

#include <gmock/gmock.h>

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CommentModerationTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    AddUser("editor@example.com", store::Role::kEditor);
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
    article_ = sinmun::testing::InsertArticle(
        *store_, sinmun::testing::MakeArticle(sections_[0].id, "댓글 기사", kStart - 3600));
  }

  store::CommentId Post(const std::string& body, const std::string& client = "client-a") {
    return store_
        ->PostComment(store::NewComment{.article_id = article_,
                                        .nickname = "<i>독자</i>",
                                        .password_hash = "x",
                                        .body = body,
                                        .client = client,
                                        .created_at = kStart})
        .value();
  }

  Browser editor_;
  store::ArticleId article_ = 0;
};

TEST_F(CommentModerationTest, TheQueueShowsCommentsEscapedAndFiltersThem) {
  Post("<script>나쁜 글</script>", "client-a");
  const store::CommentId reported = Post("신고된 글", "client-b");
  store_->ReportComment(reported, "r1", store::ReportReason::kAbuse, 1, kStart).value();

  const http::Response all = Get(editor_, "/newsroom/comments");
  ASSERT_EQ(all.status, 200);
  EXPECT_THAT(Body(all), HasSubstr("&lt;script&gt;나쁜 글&lt;/script&gt;"));
  EXPECT_THAT(Body(all), HasSubstr("&lt;i&gt;독자&lt;/i&gt;"));
  EXPECT_THAT(Body(all), Not(HasSubstr("<script>나쁜")));

  const std::string hidden = Body(Get(editor_, "/newsroom/comments?state=hidden_by_reports"));
  EXPECT_THAT(hidden, HasSubstr("신고된 글"));
  EXPECT_THAT(hidden, Not(HasSubstr("나쁜 글")));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments?client=client-a")),
              Not(HasSubstr("신고된 글")));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments?article=999")), Not(HasSubstr("신고된 글")));
  EXPECT_EQ(Get(editor_, "/newsroom/comments?state=bogus").status, 400);
  EXPECT_EQ(Get(editor_, "/newsroom/comments?article=abc").status, 400);
}

TEST_F(CommentModerationTest, HideRestoreAndDeleteManyAtOnceAreAudited) {
  const store::CommentId a = Post("가");
  const store::CommentId b = Post("나");
  const std::int64_t audits = AuditCount();
  const http::Response hidden = Act(editor_, "/newsroom/comments",
                                    {{"action", "hide"},
                                     {"id", std::to_string(a)},
                                     {"id", std::to_string(b)},
                                     {"return_to", "/newsroom/comments?state=visible"}});
  ASSERT_EQ(hidden.status, 303);
  EXPECT_EQ(Header(hidden, "Location"), "/newsroom/comments?state=visible&done=1");
  EXPECT_EQ(store_->CommentById(a)->state, store::CommentState::kHeld);
  EXPECT_EQ(store_->CommentById(b)->state, store::CommentState::kHeld);
  EXPECT_EQ(store_->CommentCount(article_).value(), 0);
  EXPECT_EQ(AuditCount(), audits + 2);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"comment_held"});

  ASSERT_EQ(
      Act(editor_, "/newsroom/comments", {{"action", "restore"}, {"id", std::to_string(a)}}).status,
      303);
  EXPECT_EQ(store_->CommentById(a)->state, store::CommentState::kVisible);
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);
  ASSERT_EQ(
      Act(editor_, "/newsroom/comments", {{"action", "delete"}, {"id", std::to_string(a)}}).status,
      303);
  EXPECT_EQ(store_->CommentById(a)->state, store::CommentState::kDeleted);
  EXPECT_EQ(AuditActions(2), (std::vector<std::string>{"comment_deleted", "comment_visible"}));

  // Bad forms change nothing.
  const std::int64_t before = AuditCount();
  EXPECT_EQ(
      Act(editor_, "/newsroom/comments", {{"action", "burn"}, {"id", std::to_string(b)}}).status,
      400);
  EXPECT_EQ(Act(editor_, "/newsroom/comments", {{"action", "hide"}, {"id", "x"}}).status, 400);
  EXPECT_EQ(Act(editor_, "/newsroom/comments", {{"action", "hide"}}).status, 400);
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(CommentModerationTest, ReportersMayNotModerate) {
  AddUser("reporter@example.com", store::Role::kReporter);
  Browser reporter;
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  EXPECT_EQ(Get(reporter, "/newsroom/comments").status, 403);
  const store::CommentId a = Post("가");
  EXPECT_EQ(
      Act(reporter, "/newsroom/comments", {{"action", "delete"}, {"id", std::to_string(a)}}).status,
      403);
  EXPECT_EQ(store_->CommentById(a)->state, store::CommentState::kVisible);
}

}  // namespace
}  // namespace sinmun::newsroom
