// The comment moderation queue (issue #16): what a moderator sees by state, article and
// visitor, and hide, restore and delete (one or many) with each action in the audit log.

#include <fmt/format.h>
#include <gmock/gmock.h>

#include "core/address_range.hpp"
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

  store::CommentId Post(const std::string& body, const std::string& client = "client-a",
                        store::CommentState state = store::CommentState::kVisible) {
    return store_
        ->PostComment(store::NewComment{.article_id = article_,
                                        .nickname = "<i>독자</i>",
                                        .password_hash = "x",
                                        .body = body,
                                        .state = state,
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
  EXPECT_EQ(store_->CommentById(a)->state, store::CommentState::kHiddenByModerator);
  EXPECT_EQ(store_->CommentById(b)->state, store::CommentState::kHiddenByModerator);
  EXPECT_EQ(store_->CommentCount(article_).value(), 0);
  EXPECT_EQ(AuditCount(), audits + 2);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"comment_hidden_by_moderator"});

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

// The queue's filter tells the four states of the issue apart (visible, hidden by reports, held
// by the word filter, deleted) and keeps a moderator's hide apart from the word filter's hold:
// a comment the moderator hid is not under 금칙어 보류, nor a held one under 관리자 숨김.
TEST_F(CommentModerationTest, HeldByTheWordFilterAndHiddenByAModeratorAreFilteredApart) {
  Post("금칙어로 보류된 글", "client-a", store::CommentState::kHeld);
  const store::CommentId hide = Post("관리자가 숨길 글", "client-b");
  ASSERT_EQ(
      Act(editor_, "/newsroom/comments", {{"action", "hide"}, {"id", std::to_string(hide)}}).status,
      303);

  const std::string all = Body(Get(editor_, "/newsroom/comments"));
  EXPECT_THAT(all, HasSubstr("href=\"/newsroom/comments?state=held\">금칙어 보류</a>"));
  EXPECT_THAT(all,
              HasSubstr("href=\"/newsroom/comments?state=hidden_by_moderator\">관리자 숨김</a>"));
  EXPECT_THAT(all,
              HasSubstr("href=\"/newsroom/comments?state=hidden_by_reports\">신고로 숨김</a>"));
  EXPECT_THAT(all, HasSubstr("href=\"/newsroom/comments?state=deleted\">삭제됨</a>"));

  const std::string held = Body(Get(editor_, "/newsroom/comments?state=held"));
  EXPECT_THAT(held, HasSubstr("금칙어로 보류된 글"));
  EXPECT_THAT(held, Not(HasSubstr("관리자가 숨길 글")));
  EXPECT_THAT(held, HasSubstr("<td class=\"comment-state\">금칙어 보류</td>"));
  const std::string hidden = Body(Get(editor_, "/newsroom/comments?state=hidden_by_moderator"));
  EXPECT_THAT(hidden, HasSubstr("관리자가 숨길 글"));
  EXPECT_THAT(hidden, Not(HasSubstr("금칙어로 보류된 글")));
  EXPECT_THAT(hidden, HasSubstr("<td class=\"comment-state\">관리자 숨김</td>"));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments?state=hidden_by_reports")),
              Not(HasSubstr("관리자가 숨길 글")));
}

// Bans (issue #16): from a comment in the queue a moderator bans its visitor for a while; the
// bans page lists it, and lifting it ends it. A range ban is typed on the bans page; a range
// that is no CIDR (or a wider one than allowed) is refused with the text kept. Each audited.
TEST_F(CommentModerationTest, AModeratorBansAVisitorAndARangeAndLiftsABan) {
  const store::CommentId id = Post("나쁜 글");
  // Comments posted on the site carry the visitor's cookie id and address hash.
  const store::CommentId posted = store_
                                      ->PostComment(store::NewComment{.article_id = article_,
                                                                      .nickname = "독자",
                                                                      .password_hash = "x",
                                                                      .body = "또 나쁜 글",
                                                                      .client = "h1",
                                                                      .visitor = "c00ff",
                                                                      .address_hash = "a00ff",
                                                                      .created_at = kStart})
                                      .value();
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments")),
              HasSubstr("/newsroom/comments/bans/new?comment=" + std::to_string(posted)));
  const std::string form =
      Body(Get(editor_, "/newsroom/comments/bans/new?comment=" + std::to_string(posted)));
  EXPECT_THAT(form, HasSubstr("또 나쁜 글"));
  EXPECT_THAT(form, HasSubstr("value=\"visitor\""));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments/bans/new?comment=" + std::to_string(id))),
              HasSubstr("차단에 쓸 방문자 정보가 없습니다"));

  const std::int64_t audits = AuditCount();
  const http::Response banned = Act(editor_, "/newsroom/comments/bans",
                                    {{"comment", std::to_string(posted)},
                                     {"kind", "visitor"},
                                     {"days", "7"},
                                     {"reason", "<b>욕설</b>"}});
  ASSERT_EQ(banned.status, 303);
  EXPECT_EQ(Header(banned, "Location"), "/newsroom/comments/bans?done=1");
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"comment_ban_visitor"});
  const std::optional<store::CommentBan> ban =
      store_->BanInForce({.visitor = "c00ff"}, kStart + 60).value();
  ASSERT_TRUE(ban);
  EXPECT_EQ(ban->expires_at, clock_.Now() + 7 * 86400);
  EXPECT_FALSE(store_->BanInForce({.visitor = "c00ff"}, clock_.Now() + 7 * 86400).value());
  const std::string list = Body(Get(editor_, "/newsroom/comments/bans"));
  EXPECT_THAT(list, HasSubstr("c00ff"));
  EXPECT_THAT(list, HasSubstr("&lt;b&gt;욕설&lt;/b&gt;"));
  EXPECT_THAT(list, HasSubstr(fmt::format("/newsroom/comments/bans/{}/lift", ban->id)));

  const http::Response bad = Act(editor_, "/newsroom/comments/bans",
                                 {{"kind", "range"}, {"range", "0.0.0.0/0"}, {"days", "0"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(Body(bad), HasSubstr("value=\"0.0.0.0/0\""));
  ASSERT_EQ(Act(editor_, "/newsroom/comments/bans",
                {{"kind", "range"}, {"range", "211.234.5.6/16"}, {"days", "0"}})
                .status,
            303);
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments/bans")), HasSubstr("211.234.0.0/16"));
  EXPECT_TRUE(store_->BanInForce({.address_hex = *AddressHex("211.234.9.9")}, kStart).value());
  EXPECT_EQ(Act(editor_, "/newsroom/comments/bans",
                {{"comment", std::to_string(posted)}, {"kind", "visitor"}, {"days", "3"}})
                .status,
            400);  // not one of the durations

  ASSERT_EQ(Act(editor_, fmt::format("/newsroom/comments/bans/{}/lift", ban->id), {}).status, 303);
  EXPECT_FALSE(store_->BanInForce({.visitor = "c00ff"}, clock_.Now()).value());
  EXPECT_EQ(Act(editor_, fmt::format("/newsroom/comments/bans/{}/lift", ban->id), {}).status, 404);
  EXPECT_EQ(AuditCount(), audits + 3);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"comment_ban_lift"});
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments/bans")), Not(HasSubstr("c00ff")));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/comments/bans?all=1")), HasSubstr("c00ff"));
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
  EXPECT_EQ(Get(reporter, "/newsroom/comments/bans").status, 403);
  EXPECT_EQ(Act(reporter, "/newsroom/comments/bans",
                {{"kind", "range"}, {"range", "211.234.0.0/16"}, {"days", "0"}})
                .status,
            403);
}

}  // namespace
}  // namespace sinmun::newsroom
