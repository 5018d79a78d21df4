// Reader comments (issue #16) on every backend: posting, replies, counts, votes, reports and
// the moderation queue.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

using testing::kNow;

class StoreCommentsTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  ArticleId article_ =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "가", kNow - 7200));

  CommentId Post(std::string body, std::optional<CommentId> parent = std::nullopt,
                 std::string client = "client-a", Timestamp at = kNow,
                 CommentState state = CommentState::kVisible) {
    return store_
        ->PostComment(NewComment{.article_id = article_,
                                 .parent_id = parent,
                                 .nickname = "독자",
                                 .password_hash = "$argon2id$fake",
                                 .body = std::move(body),
                                 .state = state,
                                 .client = std::move(client),
                                 .created_at = at})
        .value();
  }
};

TEST_P(StoreCommentsTest, PostedCommentsAreListedWithRepliesAndCounted) {
  const CommentId first = Post("첫 댓글", std::nullopt, "client-a", kNow);
  const CommentId second = Post("<b>둘째</b>", std::nullopt, "client-b", kNow + 1);
  Post("답글", first, "client-c", kNow + 2);
  Post("보류된 글", std::nullopt, "client-d", kNow + 3, CommentState::kHeld);

  EXPECT_EQ(store_->CommentCount(article_).value(), 3);  // the held one is not counted
  const CommentPage latest =
      store_->ArticleComments(article_, CommentSort::kLatest, Page{1, 20}).value();
  EXPECT_EQ(latest.total, 3);
  EXPECT_EQ(latest.top_level, 2);
  ASSERT_EQ(latest.items.size(), 2u);
  EXPECT_EQ(latest.items[0].comment.id, second);
  EXPECT_EQ(latest.items[0].comment.body, "<b>둘째</b>");  // kept as sent
  EXPECT_EQ(latest.items[1].comment.id, first);
  EXPECT_EQ(latest.items[1].comment.replies, 1);
  ASSERT_EQ(latest.items[1].replies.size(), 1u);
  EXPECT_EQ(latest.items[1].replies[0].body, "답글");

  const CommentPage by_replies =
      store_->ArticleComments(article_, CommentSort::kReplies, Page{1, 20}).value();
  EXPECT_EQ(by_replies.items[0].comment.id, first);
  const CommentPage second_page =
      store_->ArticleComments(article_, CommentSort::kLatest, Page{2, 1}).value();
  ASSERT_EQ(second_page.items.size(), 1u);
  EXPECT_EQ(second_page.items[0].comment.id, first);
  EXPECT_TRUE(
      store_->ArticleComments(article_, CommentSort::kLatest, Page{9, 20}).value().items.empty());

  const auto counts = store_->CommentCounts({article_, 424242}).value();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0], std::make_pair(article_, std::int64_t{3}));
}

TEST_P(StoreCommentsTest, MostCommentedCountsTheWeeksShownCommentsOnly) {
  const ArticleId other =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "나", kNow - 3600));
  const CommentId first = Post("하나", std::nullopt, "client-a", kNow);
  Post("답글", first, "client-b", kNow + 1);
  Post("보류", std::nullopt, "client-c", kNow + 2, CommentState::kHeld);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_->PostComment(NewComment{.article_id = other,
                                               .nickname = "독자",
                                               .password_hash = "$argon2id$fake",
                                               .body = "다른 기사 " + std::to_string(i),
                                               .state = CommentState::kVisible,
                                               .client = "client-" + std::to_string(i),
                                               .created_at = kNow + i}));
  }
  const std::vector<RankedSummary> week =
      store_->MostCommented(kNow - 7 * 86400, 10, kNow + 60).value();
  ASSERT_EQ(week.size(), 2u);
  EXPECT_EQ(week[0].article.id, other);
  EXPECT_EQ(week[0].count, 3);
  EXPECT_EQ(week[1].article.id, article_);
  EXPECT_EQ(week[1].count, 2);  // the reply counts; the held one does not
  EXPECT_EQ(store_->MostCommented(kNow - 7 * 86400, 1, kNow + 60).value().size(), 1u);
  // Only comments written at or after `since` count.
  const std::vector<RankedSummary> later = store_->MostCommented(kNow + 2, 10, kNow + 60).value();
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].article.id, other);
  EXPECT_EQ(later[0].count, 1);
}

TEST_P(StoreCommentsTest, RepliesGoOneLevelDeepAndStayInTheirArticle) {
  const CommentId top = Post("위");
  const CommentId reply = Post("아래", top);
  const auto deeper = store_->PostComment(NewComment{.article_id = article_,
                                                     .parent_id = reply,
                                                     .nickname = "독자",
                                                     .body = "더 아래",
                                                     .client = "c",
                                                     .created_at = kNow});
  ASSERT_FALSE(deeper.has_value());
  EXPECT_EQ(deeper.error().code, ErrorCode::kInvalidInput);
  const ArticleId other =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "나", kNow - 60));
  const auto elsewhere = store_->PostComment(NewComment{.article_id = other,
                                                        .parent_id = top,
                                                        .nickname = "독자",
                                                        .body = "다른 기사",
                                                        .client = "c",
                                                        .created_at = kNow});
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kInvalidInput);
}

TEST_P(StoreCommentsTest, UnpublishedArticlesTakeNoComments) {
  const ArticleId later =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "예약", kNow + 3600));
  const auto posted = store_->PostComment(NewComment{
      .article_id = later, .nickname = "독자", .body = "먼저", .client = "c", .created_at = kNow});
  ASSERT_FALSE(posted.has_value());
  EXPECT_EQ(posted.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->CommentCount(later).value(), 0);
}

TEST_P(StoreCommentsTest, ActivityCountsWindowsAndFindsTheSameText) {
  Post("하나", std::nullopt, "client-a", kNow - 3000);
  Post("둘", std::nullopt, "client-a", kNow - 5);
  Post("둘", std::nullopt, "client-b", kNow - 5);
  const CommentActivity activity =
      store_->CommentActivityOf("client-a", article_, "하나", kNow - 15, kNow - 3600, 30).value();
  EXPECT_EQ(activity.since_short, 1);
  EXPECT_EQ(activity.since_long, 2);
  EXPECT_TRUE(activity.same_text);
  EXPECT_FALSE(
      store_->CommentActivityOf("client-a", article_, "셋", kNow - 15, kNow - 3600, 30)->same_text);
  // Counted up to the number asked for: enough to tell that a limit is reached.
  const CommentActivity capped =
      store_->CommentActivityOf("client-a", article_, "넷", kNow - 15, kNow - 3600, 1).value();
  EXPECT_EQ(capped.since_short, 1);
  EXPECT_EQ(capped.since_long, 1);
}

// The same text is looked up by its first 32 characters (an index), then compared whole:
// texts that share a long start are different texts, and a long text is found again.
TEST_P(StoreCommentsTest, TheSameTextIsFoundWholeBeyondItsFirst32Characters) {
  const std::string start =
      "대한민국 헌법 제21조는 모든 국민은 언론·출판의 자유와 집회·결사의 ";  // > 32
  Post(start + "자유를 가진다.", std::nullopt, "client-a", kNow - 60);
  const auto same = [&](const std::string& body, const std::string& client) {
    return store_->CommentActivityOf(client, article_, body, kNow - 15, kNow - 3600, 30)->same_text;
  };
  EXPECT_TRUE(same(start + "자유를 가진다.", "client-a"));
  EXPECT_FALSE(same(start + "자유를 누린다.", "client-a"));
  EXPECT_FALSE(same(start, "client-a"));
  EXPECT_FALSE(same(start + "자유를 가진다.", "client-b"));
  Post("짧은 글", std::nullopt, "client-a", kNow - 60);
  EXPECT_TRUE(same("짧은 글", "client-a"));
  EXPECT_FALSE(same("짧은 글.", "client-a"));
}

TEST_P(StoreCommentsTest, VotesCountOncePerVisitor) {
  const CommentId id = Post("추천해 주세요");
  EXPECT_TRUE(store_->VoteComment(id, "v1", true, kNow)->counted);
  const CommentVoteResult again = store_->VoteComment(id, "v1", false, kNow).value();
  EXPECT_FALSE(again.counted);
  const CommentVoteResult down = store_->VoteComment(id, "v2", false, kNow).value();
  EXPECT_TRUE(down.counted);
  EXPECT_EQ(down.recommends, 1);
  EXPECT_EQ(down.not_recommends, 1);
  EXPECT_EQ(down.article_id, article_);
  store_->VoteComment(id, "v3", true, kNow).value();
  const CommentId other = Post("다른 댓글");
  const CommentPage page =
      store_->ArticleComments(article_, CommentSort::kRecommended, Page{1, 20}).value();
  EXPECT_EQ(page.items[0].comment.id, id);
  EXPECT_EQ(page.items[1].comment.id, other);
}

// BEST (issue #16): top-level comments whose recommends plus visible replies reach the
// minimum, highest score first; replies and hidden comments are never among them.
TEST_P(StoreCommentsTest, BestIsTheTopScoresAboveTheMinimum) {
  const CommentId liked = Post("추천 셋", std::nullopt, "client-a", kNow);
  const CommentId talked = Post("답글 둘 추천 하나", std::nullopt, "client-b", kNow + 1);
  const CommentId low = Post("추천 하나", std::nullopt, "client-c", kNow + 2);
  const CommentId hidden = Post("추천 넷, 숨겨짐", std::nullopt, "client-d", kNow + 3);
  const CommentId reply = Post("답글 추천 다섯", talked, "client-e", kNow + 4);
  Post("답글 둘째", talked, "client-f", kNow + 5);
  const auto vote = [this](CommentId id, int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(store_->VoteComment(id, "voter-" + std::to_string(i), true, kNow));
    }
  };
  vote(liked, 3);
  vote(talked, 1);
  vote(low, 1);
  vote(hidden, 4);
  vote(reply, 5);
  ASSERT_TRUE(store_->SetCommentState(hidden, CommentState::kHiddenByReports));

  const auto ids = [](const std::vector<Comment>& comments) {
    std::vector<CommentId> out;
    for (const Comment& comment : comments) out.push_back(comment.id);
    return out;
  };
  // liked 3, talked 1 + 2 replies = 3 (newer first on a tie), low 1.
  EXPECT_EQ(ids(store_->BestComments(article_, 2, 5).value()),
            (std::vector<CommentId>{talked, liked}));
  EXPECT_EQ(ids(store_->BestComments(article_, 1, 2).value()),
            (std::vector<CommentId>{talked, liked}));
  EXPECT_EQ(ids(store_->BestComments(article_, 1, 5).value()),
            (std::vector<CommentId>{talked, liked, low}));
  EXPECT_TRUE(store_->BestComments(article_, 4, 5)->empty());
  EXPECT_TRUE(store_->BestComments(article_, 1, 0)->empty());
}

// A staff member's comment keeps the badge of their role when they posted it (issue #16).
TEST_P(StoreCommentsTest, StaffCommentsKeepTheirUserAndBadge) {
  const UserId user = store_
                          ->InsertUser(NewUser{.email = "kim@example.com",
                                               .name = "김기자",
                                               .role = Role::kReporter,
                                               .password_hash = "$argon2id$fake",
                                               .created_at = kNow})
                          .value();
  NewComment staff{.article_id = article_,
                   .author = CommentAuthor::kStaff,
                   .nickname = "김기자",
                   .user_id = user,
                   .badge = StaffBadge::kReporter,
                   .body = "기자가 답합니다",
                   .client = "client-staff",
                   .created_at = kNow};
  const CommentId id = store_->PostComment(staff).value();
  const Comment read = store_->CommentById(id).value();
  EXPECT_EQ(read.author, CommentAuthor::kStaff);
  EXPECT_EQ(read.user_id, user);
  EXPECT_EQ(read.badge, StaffBadge::kReporter);
  EXPECT_EQ(read.password_hash, "");
  EXPECT_EQ(store_->CommentById(Post("독자 댓글")).value().badge, StaffBadge::kNone);

  // A staff comment without a badge, or a guest's with one, is refused.
  NewComment no_badge = staff;
  no_badge.badge = StaffBadge::kNone;
  EXPECT_EQ(store_->PostComment(no_badge).error().code, ErrorCode::kInvalidInput);
  NewComment guest_badge = staff;
  guest_badge.author = CommentAuthor::kGuest;
  EXPECT_EQ(store_->PostComment(guest_badge).error().code, ErrorCode::kInvalidInput);
}

TEST_P(StoreCommentsTest, EnoughReportsHideACommentAndARestoreShowsItAgain) {
  const CommentId top = Post("신고될 댓글");
  Post("답글", top);
  EXPECT_EQ(store_->CommentCount(article_).value(), 2);
  EXPECT_FALSE(store_->ReportComment(top, "r1", ReportReason::kAbuse, 2, kNow)->hidden);
  EXPECT_FALSE(store_->ReportComment(top, "r1", ReportReason::kSpam, 2, kNow)->counted);
  const CommentReportResult second =
      store_->ReportComment(top, "r2", ReportReason::kPrivacy, 2, kNow).value();
  EXPECT_TRUE(second.hidden);
  EXPECT_EQ(second.reports, 2);
  EXPECT_EQ(store_->CommentById(top)->state, CommentState::kHiddenByReports);
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);
  EXPECT_TRUE(store_->ArticleComments(article_, CommentSort::kLatest, Page{1, 20})->items.empty());

  const ModerationPage queue =
      store_->CommentsForModeration(CommentQuery{.state = CommentState::kHiddenByReports}).value();
  ASSERT_EQ(queue.total, 1);
  EXPECT_EQ(queue.items[0].id, top);

  EXPECT_EQ(store_->SetCommentState(top, CommentState::kVisible)->state,
            CommentState::kHiddenByReports);
  EXPECT_EQ(store_->CommentCount(article_).value(), 2);
  // Restored by a moderator, it stays up: a further report does not hide it again at once.
  EXPECT_FALSE(store_->ReportComment(top, "r3", ReportReason::kOther, 2, kNow)->hidden);
}

TEST_P(StoreCommentsTest, DeletingAReplyLowersTheCountsAndEditKeepsVisibleOnly) {
  const CommentId top = Post("위");
  const CommentId reply = Post("아래", top);
  ASSERT_TRUE(store_->EditComment(reply, "고친 아래", kNow + 10).has_value());
  EXPECT_EQ(store_->CommentById(reply)->body, "고친 아래");
  EXPECT_EQ(store_->CommentById(reply)->edited_at, kNow + 10);
  store_->SetCommentState(reply, CommentState::kDeleted).value();
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);
  EXPECT_EQ(store_->CommentById(top)->replies, 0);
  EXPECT_EQ(store_->EditComment(reply, "되살리기", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->VoteComment(reply, "v", true, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ReportComment(reply, "v", ReportReason::kAbuse, 3, kNow).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->CommentById(999999).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreCommentsTest, TheQueueFiltersByArticleAndVisitor) {
  Post("가", std::nullopt, "client-a");
  Post("나", std::nullopt, "client-b");
  const ArticleId other =
      testing::InsertArticle(*store_, MakeArticle(sections_[1].id, "다른", kNow - 60));
  store_
      ->PostComment(NewComment{.article_id = other,
                               .nickname = "n",
                               .body = "다",
                               .client = "client-a",
                               .created_at = kNow})
      .value();
  EXPECT_EQ(store_->CommentsForModeration(CommentQuery{})->total, 3);
  EXPECT_EQ(store_->CommentsForModeration(CommentQuery{.article_id = other})->total, 1);
  const ModerationPage by_visitor =
      store_->CommentsForModeration(CommentQuery{.client = "client-a"}).value();
  EXPECT_EQ(by_visitor.total, 2);
  EXPECT_EQ(by_visitor.items[0].body, "다");  // newest first
  EXPECT_EQ(store_->CommentsForModeration(CommentQuery{.state = CommentState::kDeleted})->total, 0);
}

// A moderator's hide is its own state (SQLite 0030, PostgreSQL 0026): stored and read back on
// both backends, out of the count like the word filter's hold, and filtered apart from it.
TEST_P(StoreCommentsTest, AModeratorsHideIsApartFromTheWordFiltersHold) {
  Post("보류", std::nullopt, "client-a", kNow, CommentState::kHeld);
  const CommentId hidden = Post("숨김");
  ASSERT_EQ(store_->CommentCount(article_).value(), 1);
  ASSERT_TRUE(store_->SetCommentState(hidden, CommentState::kHiddenByModerator));
  EXPECT_EQ(store_->CommentById(hidden)->state, CommentState::kHiddenByModerator);
  EXPECT_EQ(store_->CommentCount(article_).value(), 0);
  const ModerationPage held =
      store_->CommentsForModeration(CommentQuery{.state = CommentState::kHeld}).value();
  ASSERT_EQ(held.total, 1);
  EXPECT_EQ(held.items[0].body, "보류");
  const ModerationPage by_moderator =
      store_->CommentsForModeration(CommentQuery{.state = CommentState::kHiddenByModerator})
          .value();
  ASSERT_EQ(by_moderator.total, 1);
  EXPECT_EQ(by_moderator.items[0].body, "숨김");
  ASSERT_TRUE(store_->SetCommentState(hidden, CommentState::kVisible));
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);
}

// Per-article comment settings: none until set (the site's default), replaced, cleared.
TEST_P(StoreCommentsTest, AnArticleKeepsItsOwnCommentSettingUntilCleared) {
  EXPECT_EQ(store_->CommentSettingOf(article_).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->PutCommentSetting(
      article_, CommentSetting{.policy = CommentPolicy::kCloses, .close_days = 7}));
  CommentSetting setting = store_->CommentSettingOf(article_).value();
  EXPECT_EQ(setting.policy, CommentPolicy::kCloses);
  EXPECT_EQ(setting.close_days, 7);
  ASSERT_TRUE(store_->PutCommentSetting(article_, CommentSetting{.policy = CommentPolicy::kOff}));
  setting = store_->CommentSettingOf(article_).value();
  EXPECT_EQ(setting.policy, CommentPolicy::kOff);
  EXPECT_EQ(setting.close_days, 0);

  ASSERT_TRUE(store_->PutCommentSetting(article_, std::nullopt));
  EXPECT_EQ(store_->CommentSettingOf(article_).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->PutCommentSetting(article_, std::nullopt));  // nothing to clear: fine

  EXPECT_EQ(store_->PutCommentSetting(424242, CommentSetting{}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->PutCommentSetting(424242, std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_
                ->PutCommentSetting(
                    article_, CommentSetting{.policy = CommentPolicy::kCloses, .close_days = -1})
                .error()
                .code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->CommentSettingOf(424242).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreCommentsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
