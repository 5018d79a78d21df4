#pragma once
// Reader comments (댓글, issue #16): posting, reading, recommends, reports and moderation.
// A comment is plain text; the store keeps it as sent and never renders it. No raw address is
// ever stored: `client` is the visitor's opaque hash (counters::Visitor::Id()).
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using CommentId = std::int64_t;

// kHeld: held by the banned-word filter as it was posted; kHiddenByModerator: hidden by a
// moderator in the newsroom (both wait for a moderator; the queue filters them apart).
enum class CommentState { kVisible, kHiddenByReports, kHeld, kDeleted, kHiddenByModerator };
enum class CommentSort { kLatest, kRecommended, kReplies };
enum class CommentAuthor { kGuest, kStaff };
// A staff comment's badge, by the writer's role when posting: 기자 or 편집국.
enum class StaffBadge { kNone, kReporter, kDesk };
// "", "reporter", "desk": the stored names.
std::string_view StaffBadgeName(StaffBadge badge);
std::optional<StaffBadge> ParseStaffBadge(std::string_view name);

// "visible", "hidden_by_reports", "held", "hidden_by_moderator", "deleted": the stored names,
// also used in URLs.
std::string_view CommentStateName(CommentState state);
std::optional<CommentState> ParseCommentState(std::string_view name);

// Why a reader reports a comment (신고 사유).
enum class ReportReason { kAbuse, kObscene, kSpam, kPrivacy, kOther };
std::string_view ReportReasonName(ReportReason reason);  // "abuse", "obscene", "spam", …
std::optional<ReportReason> ParseReportReason(std::string_view name);

struct NewComment {
  ArticleId article_id = 0;
  std::optional<CommentId> parent_id;  // a reply to this top-level comment
  CommentAuthor author = CommentAuthor::kGuest;
  std::string nickname;                         // a guest's nickname, or the staff member's name
  std::optional<std::int64_t> user_id;          // staff only
  StaffBadge badge = StaffBadge::kNone;         // staff only
  std::string password_hash;                    // guests only: argon2id (core/password.hpp)
  std::string body;                             // plain text as sent
  CommentState state = CommentState::kVisible;  // kHeld when the word filter holds it
  std::string client;                           // the day's hash of the address (rate limits)
  std::string visitor;       // the reader's cookie id ("c…"), what a visitor ban names
  std::string address_hash;  // the keyed hash of the address ("a…"), what an address ban names
  // The start of the guest's address ("211.234", IPv6 "2001:db8"), never the whole address.
  std::string address_prefix;
  Timestamp created_at = 0;
};

struct Comment {
  CommentId id = 0;
  ArticleId article_id = 0;
  std::optional<CommentId> parent_id;
  CommentAuthor author = CommentAuthor::kGuest;
  std::string nickname;
  std::optional<std::int64_t> user_id;
  StaffBadge badge = StaffBadge::kNone;
  std::string password_hash;  // "" for staff; never shown
  std::string body;
  CommentState state = CommentState::kVisible;
  std::int64_t recommends = 0;
  std::int64_t not_recommends = 0;
  std::int64_t reports = 0;
  std::int64_t replies = 0;  // visible replies
  std::string client;
  std::string visitor;         // "" for comments from before bans
  std::string address_hash;    // "" for staff and for comments from before bans
  std::string address_prefix;  // "211.234", IPv6 "2001:db8"; "" when unknown
  Timestamp created_at = 0;
  std::optional<Timestamp> edited_at;
};

// A top-level comment with its visible replies, oldest reply first.
struct CommentThread {
  Comment comment;
  std::vector<Comment> replies;
};

struct CommentPage {
  std::int64_t total = 0;      // visible comments of the article, replies included
  std::int64_t top_level = 0;  // visible top-level comments: what the pages split
  std::vector<CommentThread> items;
};

// What a visitor posted lately: for the rate limits and the refusal of the same text.
struct CommentActivity {
  std::int64_t since_short = 0;  // comments since the short window's start
  std::int64_t since_long = 0;   // … since the long window's start
  bool same_text = false;        // the same body on the same article within the long window
};

struct CommentVoteResult {
  bool counted = false;  // false: this visitor had voted on it already
  ArticleId article_id = 0;
  std::int64_t recommends = 0;
  std::int64_t not_recommends = 0;
};

struct CommentReportResult {
  bool counted = false;  // false: this visitor had reported it already
  ArticleId article_id = 0;
  std::int64_t reports = 0;
  bool hidden = false;  // this report hid it
};

// The moderation queue's filter; every field is optional.
struct CommentQuery {
  std::optional<CommentState> state;
  std::optional<ArticleId> article_id;
  std::string client;  // "" for every visitor
  Page page;
};

using ModerationPage = ItemPage<Comment>;

// Whether an article takes comments: its own setting, or the site's default without one.
enum class CommentPolicy { kOpen, kOff, kCloses };
// "open", "off", "closes": the stored names, also the article form's values.
std::string_view CommentPolicyName(CommentPolicy policy);
std::optional<CommentPolicy> ParseCommentPolicy(std::string_view name);

struct CommentSetting {
  CommentPolicy policy = CommentPolicy::kOpen;
  std::int64_t close_days = 0;  // kCloses: no new comments from this many days after publication
};

class CommentBook {
 public:
  virtual ~CommentBook() = default;

  // Stores a comment. kNotFound unless the article is published at created_at; kInvalidInput
  // for a parent that is not a visible top-level comment of the same article, an empty body,
  // or a staff comment without its user and badge.
  virtual Result<CommentId> PostComment(const NewComment& comment) = 0;

  // What `client` posted since `short_since` and `long_since` (short_since >= long_since),
  // each counted up to `count_up_to` at most (enough to tell whether a limit is reached: with
  // high limits a client's hour holds thousands), and whether `body` is the same as one of its
  // comments on `article` since `long_since`.
  virtual Result<CommentActivity> CommentActivityOf(std::string_view client, ArticleId article,
                                                    std::string_view body, Timestamp short_since,
                                                    Timestamp long_since,
                                                    std::int64_t count_up_to) const = 0;

  // Visible top-level comments of `article` in `sort` order with their visible replies.
  // Past the end: no items, the totals still set.
  virtual Result<CommentPage> ArticleComments(ArticleId article, CommentSort sort,
                                              Page page) const = 0;

  // BEST: at most `count` visible top-level comments of `article` whose score, recommends
  // plus visible replies, is at least `min_score`; highest score first, then newest.
  virtual Result<std::vector<Comment>> BestComments(ArticleId article, std::int64_t min_score,
                                                    int count) const = 0;

  // Visible comments of the article, replies included; 0 for an article without any.
  virtual Result<std::int64_t> CommentCount(ArticleId article) const = 0;
  // The counts of many articles at once (ids without comments are left out).
  virtual Result<std::vector<std::pair<ArticleId, std::int64_t>>> CommentCounts(
      const std::vector<ArticleId>& ids) const = 0;

  // Any comment in any state; kNotFound when there is none.
  virtual Result<Comment> CommentById(CommentId id) const = 0;

  // Replaces the body of a visible comment. kNotFound unless it exists and is visible.
  virtual Result<> EditComment(CommentId id, std::string_view body, Timestamp at) = 0;

  // Moves a comment to `state`, keeping the article's count and the parent's reply count.
  // Returns the comment as it was before. kNotFound when there is none.
  virtual Result<Comment> SetCommentState(CommentId id, CommentState state) = 0;

  // 추천 (up) or 비추천, once per visitor and comment. kNotFound unless the comment is visible.
  virtual Result<CommentVoteResult> VoteComment(CommentId id, std::string_view visitor, bool up,
                                                Timestamp at) = 0;

  // 신고, once per visitor and comment; the report that brings a visible comment to
  // `hide_after` reports moves it to kHiddenByReports (once: a comment a moderator restored
  // stays up). kNotFound unless the comment exists and
  // is not deleted.
  virtual Result<CommentReportResult> ReportComment(CommentId id, std::string_view visitor,
                                                    ReportReason reason, int hide_after,
                                                    Timestamp at) = 0;

  // The moderation queue: comments matching `query`, newest first.
  virtual Result<ModerationPage> CommentsForModeration(const CommentQuery& query) const = 0;

  // The article's own comment setting; kNotFound when it follows the site's default.
  virtual Result<CommentSetting> CommentSettingOf(ArticleId article) const = 0;
  // Gives the article its own setting, or with nullopt returns it to the site's default.
  // kNotFound when there is no such article; kInvalidInput for negative close_days.
  virtual Result<> PutCommentSetting(ArticleId article, std::optional<CommentSetting> setting) = 0;
};

}  // namespace sinmun::store
