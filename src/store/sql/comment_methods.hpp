#pragma once
// SqlStore: reader comments (issue #16), for both backends. Tables in
// sqlite/migrations/0007_comments.sql and postgres/migrations/0003_comments.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/check.hpp"
#include "core/text.hpp"
#include "store/comment_book.hpp"
#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace comment_sql {

#define SINMUN_COMMENT_COLUMNS                                                               \
  "c.id, c.article_id, c.parent_id, c.author_kind, c.nickname, c.user_id, c.password_hash, " \
  "c.body, c.state, c.recommends, c.not_recommends, c.reports, c.replies, c.client, "        \
  "c.created_at, c.edited_at, c.badge, c.address_prefix, c.visitor, c.address_hash "

inline const Sql kCommentForUpdate{"SELECT " SINMUN_COMMENT_COLUMNS
                                   "FROM comments c WHERE c.id = ?1{for:UPDATE}"};
inline const Sql kCommentById{"SELECT " SINMUN_COMMENT_COLUMNS "FROM comments c WHERE c.id = ?1"};
inline const Sql kInsert{
    "INSERT INTO comments (article_id, parent_id, author_kind, nickname, user_id, "
    "password_hash, body, state, client, created_at, badge, address_prefix, visitor, "
    "address_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "RETURNING id"};
// The article's count and the parent's reply count follow every change of visibility.
// SQLite checks visible >= 0 on the row an upsert proposes, before the conflict turns it into
// an update: a decrement is an UPDATE of the row the first increment made.
inline const Sql kRaiseCount{
    "INSERT INTO comment_counts (article_id, visible) VALUES (?1, 1) "
    "ON CONFLICT (article_id) DO UPDATE SET visible = comment_counts.visible + 1"};
inline const Sql kLowerCount{
    "UPDATE comment_counts SET visible = visible - 1 WHERE article_id = ?1"};
inline const Sql kBumpReplies{"UPDATE comments SET replies = replies + ?2 WHERE id = ?1"};
inline const Sql kSetState{"UPDATE comments SET state = ?2 WHERE id = ?1"};

// Counted up to ?3: past the limit the number does not matter, and with the limits set high
// (or off) one client's hour can hold thousands of comments, every one read on every post.
inline const Sql kClientSince{
    "SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE client = ?1 AND created_at >= ?2 "
    "LIMIT ?3) AS recent"};
// ?5 is the body's first kSameTextPrefixChars characters: the index on (client, that prefix,
// created_at) of SQLite 0034 / PostgreSQL 0030 finds the few earlier comments that could be
// the same text, where (client, created_at) read every comment of the client's hour (with the
// rate limits off, thousands a post). The planners use an expression index only against a
// value, not against substr(?3, …), hence the prefix made by the caller; and SQLite, given
// "body = ?3", would put ?3 for body in substr(body, 1, 32) (constant propagation) and no
// longer see the index's expression, hence the CAST, which changes nothing of a text.
inline constexpr size_t kSameTextPrefixChars = 32;
inline const Sql kSameText{
    "SELECT 1 FROM comments WHERE client = ?1 AND substr(body, 1, 32) = ?5 "
    "AND article_id = ?2 AND CAST(body AS TEXT) = ?3 AND created_at >= ?4 LIMIT 1"};

inline const Sql kCount{"SELECT visible FROM comment_counts WHERE article_id = ?1"};
inline const Sql kCounts{
    "SELECT article_id, visible FROM comment_counts WHERE article_id IN ({ids:?1})"};
inline const Sql kTopLevelCount{
    "SELECT COUNT(*) FROM comments WHERE article_id = ?1 AND state = 'visible' "
    "AND parent_id IS NULL"};
#define SINMUN_TOP_LEVEL           \
  "SELECT " SINMUN_COMMENT_COLUMNS \
  "FROM comments c WHERE c.article_id = ?1 AND c.state = 'visible' AND c.parent_id IS NULL "
inline const Sql kLatest{SINMUN_TOP_LEVEL
                         "ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"};
inline const Sql kRecommended{SINMUN_TOP_LEVEL
                              "ORDER BY c.recommends DESC, c.created_at DESC, c.id DESC "
                              "LIMIT ?2 OFFSET ?3"};
inline const Sql kMostReplied{SINMUN_TOP_LEVEL
                              "ORDER BY c.replies DESC, c.created_at DESC, c.id DESC "
                              "LIMIT ?2 OFFSET ?3"};
// BEST: the score is recommends plus visible replies.
inline const Sql kBest{SINMUN_TOP_LEVEL
                       "AND c.recommends + c.replies >= ?2 "
                       "ORDER BY c.recommends + c.replies DESC, c.created_at DESC, c.id DESC "
                       "LIMIT ?3"};
#undef SINMUN_TOP_LEVEL
// ?1 is a JSON array of parent ids.
inline const Sql kReplies{"SELECT " SINMUN_COMMENT_COLUMNS
                          "FROM comments c WHERE c.parent_id IN ({ids:?1}) "
                          "AND c.state = 'visible' ORDER BY c.created_at, c.id"};

inline const Sql kEdit{
    "UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1 AND state = 'visible'"};

inline const Sql kVisibleForUpdate{
    "SELECT article_id FROM comments WHERE id = ?1 AND state = 'visible'{for:UPDATE}"};
inline const Sql kInsertVote{
    "INSERT INTO comment_votes (comment_id, visitor, up, at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO NOTHING"};
inline const Sql kBumpUp{"UPDATE comments SET recommends = recommends + 1 WHERE id = ?1"};
inline const Sql kBumpDown{"UPDATE comments SET not_recommends = not_recommends + 1 WHERE id = ?1"};
inline const Sql kVotes{"SELECT recommends, not_recommends FROM comments WHERE id = ?1"};

inline const Sql kInsertReport{
    "INSERT INTO comment_reports (comment_id, visitor, reason, at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO NOTHING"};
inline const Sql kBumpReports{
    "UPDATE comments SET reports = reports + 1 WHERE id = ?1 RETURNING reports"};

// The queue's filters: "" or 0 leaves one out. ?1 state, ?2 article, ?3 client.
#define SINMUN_QUEUE_FILTER                                                   \
  "FROM comments c WHERE (?1 = '' OR c.state = ?1) AND (?2{::bigint} = 0 OR " \
  "c.article_id = ?2{::bigint}) AND (?3 = '' OR c.client = ?3) "
inline const Sql kQueue{"SELECT " SINMUN_COMMENT_COLUMNS SINMUN_QUEUE_FILTER
                        "ORDER BY c.created_at DESC, c.id DESC LIMIT ?4 OFFSET ?5"};
inline const Sql kQueueCount{"SELECT COUNT(*) " SINMUN_QUEUE_FILTER};
#undef SINMUN_QUEUE_FILTER
#undef SINMUN_COMMENT_COLUMNS

inline std::string_view AuthorName(CommentAuthor author) {
  return author == CommentAuthor::kStaff ? "staff" : "guest";
}

inline CommentAuthor AuthorNamed(std::string_view name) {
  return name == "staff" ? CommentAuthor::kStaff : CommentAuthor::kGuest;
}

// A row of SINMUN_COMMENT_COLUMNS.
inline const auto kReadComment = rows::FieldReader<Comment>(
    &Comment::id, &Comment::article_id, &Comment::parent_id,
    rows::Parsed{&Comment::author, AuthorNamed}, &Comment::nickname, &Comment::user_id,
    &Comment::password_hash, &Comment::body, rows::Parsed{&Comment::state, ParseCommentState},
    &Comment::recommends, &Comment::not_recommends, &Comment::reports, &Comment::replies,
    &Comment::client, &Comment::created_at, &Comment::edited_at,
    rows::Parsed{&Comment::badge, ParseStaffBadge}, &Comment::address_prefix, &Comment::visitor,
    &Comment::address_hash);

// Inside a write transaction: the counts that follow a comment becoming visible (+1) or
// leaving the visible state (-1).
template <typename Db>
Result<> ApplyVisibility(Db& db, const Comment& comment, std::int64_t delta) {
  SINMUN_CHECK(delta == 1 || delta == -1);
  if (Result<> done = Write(db, delta > 0 ? kRaiseCount : kLowerCount, comment.article_id); !done) {
    return done;
  }
  if (comment.parent_id) return Write(db, kBumpReplies, *comment.parent_id, delta);
  return {};
}

template <typename Db>
Result<std::optional<Comment>> LockComment(Db& db, CommentId id) {
  return ReadFirst<Comment>(Query(db, kCommentForUpdate, id), kReadComment);
}

inline const Sql kSetting{
    "SELECT policy, close_days FROM article_comment_settings WHERE article_id = ?1"};
// Nothing is written for an article that does not exist.
inline const Sql kPutSetting{
    "INSERT INTO article_comment_settings (article_id, policy, close_days) "
    "SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?1) "
    "ON CONFLICT (article_id) DO UPDATE SET policy = excluded.policy, "
    "close_days = excluded.close_days"};
inline const Sql kClearSetting{"DELETE FROM article_comment_settings WHERE article_id = ?1"};

}  // namespace comment_sql

template <typename B>
Result<CommentId> SqlStore<B>::PostComment(const NewComment& comment) {
  if (comment.body.empty() || comment.nickname.empty() || comment.client.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a comment needs a body, a nickname and a client");
  }
  if ((comment.author == CommentAuthor::kStaff) !=
      (comment.user_id.has_value() && comment.badge != StaffBadge::kNone)) {
    return Fail(ErrorCode::kInvalidInput, "a staff comment, and only one, has a user and badge");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<CommentId> {
    const Result<> published = row_checks::RequireRow(
        db, fmt::format("article {}", comment.article_id), row_checks::kPublishedForShare,
        comment.created_at, comment.article_id);
    if (!published) return tl::unexpected(published.error());
    if (comment.parent_id) {
      const Result<std::optional<Comment>> parent =
          comment_sql::LockComment(db, *comment.parent_id);
      if (!parent) return tl::unexpected(parent.error());
      if (!*parent || (*parent)->article_id != comment.article_id || (*parent)->parent_id ||
          (*parent)->state != CommentState::kVisible) {
        return Fail(ErrorCode::kInvalidInput,
                    fmt::format("comment {} takes no replies", *comment.parent_id));
      }
    }
    const Result<std::int64_t> id =
        ReadCount(Query(db, comment_sql::kInsert, comment.article_id, comment.parent_id,
                        comment_sql::AuthorName(comment.author), comment.nickname, comment.user_id,
                        comment.password_hash, comment.body, CommentStateName(comment.state),
                        comment.client, comment.created_at, StaffBadgeName(comment.badge),
                        comment.address_prefix, comment.visitor, comment.address_hash));
    if (!id) return id;
    if (comment.state == CommentState::kVisible) {
      Comment posted;
      posted.article_id = comment.article_id;
      posted.parent_id = comment.parent_id;
      if (Result<> done = comment_sql::ApplyVisibility(db, posted, 1); !done) {
        return tl::unexpected(done.error());
      }
    }
    return *id;
  });
}

template <typename B>
Result<CommentActivity> SqlStore<B>::CommentActivityOf(std::string_view client, ArticleId article,
                                                       std::string_view body, Timestamp short_since,
                                                       Timestamp long_since,
                                                       std::int64_t count_up_to) const {
  return backend().OnSnapshot([&](auto& db) -> Result<CommentActivity> {
    CommentActivity activity;
    const Result<std::int64_t> recent =
        ReadCount(Query(db, comment_sql::kClientSince, client, short_since, count_up_to));
    if (!recent) return tl::unexpected(recent.error());
    const Result<std::int64_t> longer =
        ReadCount(Query(db, comment_sql::kClientSince, client, long_since, count_up_to));
    if (!longer) return tl::unexpected(longer.error());
    const Result<std::optional<std::int64_t>> same =
        ReadOptionalInt(Query(db, comment_sql::kSameText, client, article, body, long_since,
                              Utf8Prefix(body, comment_sql::kSameTextPrefixChars)));
    if (!same) return tl::unexpected(same.error());
    activity.since_short = *recent;
    activity.since_long = *longer;
    activity.same_text = same->has_value();
    return activity;
  });
}

template <typename B>
Result<CommentPage> SqlStore<B>::ArticleComments(ArticleId article, CommentSort sort,
                                                 Page page) const {
  if (page.number < 1 || page.size < 1) return Fail(ErrorCode::kInvalidInput, "bad page");
  const Sql& order = sort == CommentSort::kRecommended ? comment_sql::kRecommended
                     : sort == CommentSort::kReplies   ? comment_sql::kMostReplied
                                                       : comment_sql::kLatest;
  const std::int64_t offset = (page.number - 1) * page.size;
  return backend().OnSnapshot([&](auto& db) -> Result<CommentPage> {
    CommentPage result;
    const Result<std::optional<std::int64_t>> total =
        ReadOptionalInt(Query(db, comment_sql::kCount, article));
    if (!total) return tl::unexpected(total.error());
    result.total = total->value_or(0);
    if (result.total == 0) return result;
    const Result<std::int64_t> top_level =
        ReadCount(Query(db, comment_sql::kTopLevelCount, article));
    if (!top_level) return tl::unexpected(top_level.error());
    result.top_level = *top_level;
    Result<std::vector<Comment>> threads = ReadAll<Comment>(
        Query(db, order, article, std::int64_t{page.size}, offset), comment_sql::kReadComment);
    if (!threads) return tl::unexpected(threads.error());
    std::vector<std::int64_t> with_replies;
    std::unordered_map<CommentId, std::size_t> position;
    for (Comment& comment : *threads) {
      if (comment.replies > 0) with_replies.push_back(comment.id);
      position.emplace(comment.id, result.items.size());
      result.items.push_back(CommentThread{std::move(comment), {}});
    }
    if (with_replies.empty()) return result;
    const std::string ids = JsonIds(with_replies);
    Result<std::vector<Comment>> replies = ReadAll<Comment>(
        Query(db, comment_sql::kReplies, std::string_view(ids)), comment_sql::kReadComment);
    if (!replies) return tl::unexpected(replies.error());
    for (Comment& reply : *replies) {
      auto at = position.find(reply.parent_id.value_or(0));
      if (at != position.end()) result.items[at->second].replies.push_back(std::move(reply));
    }
    return result;
  });
}

template <typename B>
Result<std::vector<Comment>> SqlStore<B>::BestComments(ArticleId article, std::int64_t min_score,
                                                       int count) const {
  if (count < 1) return std::vector<Comment>{};
  return ReadAllOn<Comment>(backend(), comment_sql::kReadComment, comment_sql::kBest, article,
                            min_score, std::int64_t{count});
}

template <typename B>
Result<std::int64_t> SqlStore<B>::CommentCount(ArticleId article) const {
  return backend().OnReader([&](auto& db) -> Result<std::int64_t> {
    const Result<std::optional<std::int64_t>> count =
        ReadOptionalInt(Query(db, comment_sql::kCount, article));
    if (!count) return tl::unexpected(count.error());
    return count->value_or(0);
  });
}

template <typename B>
Result<std::vector<std::pair<ArticleId, std::int64_t>>> SqlStore<B>::CommentCounts(
    const std::vector<ArticleId>& ids) const {
  using Counts = std::vector<std::pair<ArticleId, std::int64_t>>;
  if (ids.empty()) return Counts{};
  if (ids.size() > 1000) return Fail(ErrorCode::kInvalidInput, "at most 1000 ids at once");
  const std::string json_ids = JsonIds(ids);
  return ReadAllOn<std::pair<ArticleId, std::int64_t>>(
      backend(),
      [](const auto& row) { return std::pair<ArticleId, std::int64_t>(row.Int(0), row.Int(1)); },
      comment_sql::kCounts, std::string_view(json_ids));
}

template <typename B>
Result<Comment> SqlStore<B>::CommentById(CommentId id) const {
  return ReadOneOn<Comment>(backend(), comment_sql::kReadComment, fmt::format("comment {}", id),
                            comment_sql::kCommentById, id);
}

template <typename B>
Result<> SqlStore<B>::EditComment(CommentId id, std::string_view body, Timestamp at) {
  if (body.empty()) return Fail(ErrorCode::kInvalidInput, "an empty comment");
  return backend().OnWriter([&](auto& db) {
    return WriteOne(db, fmt::format("visible comment {}", id), comment_sql::kEdit, id, body, at);
  });
}

template <typename B>
Result<Comment> SqlStore<B>::SetCommentState(CommentId id, CommentState state) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<Comment> {
    const Result<std::optional<Comment>> found = comment_sql::LockComment(db, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("comment {}", id));
    const Comment& before = **found;
    if (before.state == state) return before;
    if (Result<> done = Write(db, comment_sql::kSetState, id, CommentStateName(state)); !done) {
      return tl::unexpected(done.error());
    }
    const bool was_visible = before.state == CommentState::kVisible;
    const bool is_visible = state == CommentState::kVisible;
    if (was_visible != is_visible) {
      if (Result<> done = comment_sql::ApplyVisibility(db, before, is_visible ? 1 : -1); !done) {
        return tl::unexpected(done.error());
      }
    }
    return before;
  });
}

template <typename B>
Result<CommentVoteResult> SqlStore<B>::VoteComment(CommentId id, std::string_view visitor, bool up,
                                                   Timestamp at) {
  if (visitor.empty()) return Fail(ErrorCode::kInvalidInput, "a vote needs a visitor");
  return backend().OnWriteTransaction([&](auto& db) -> Result<CommentVoteResult> {
    const Result<std::optional<std::int64_t>> article =
        ReadOptionalInt(Query(db, comment_sql::kVisibleForUpdate, id));
    if (!article) return tl::unexpected(article.error());
    if (!*article) return Fail(ErrorCode::kNotFound, fmt::format("visible comment {}", id));
    CommentVoteResult result{.article_id = **article};
    const Result<std::int64_t> inserted =
        ReadAffected(Query(db, comment_sql::kInsertVote, id, visitor, up, at));
    if (!inserted) return tl::unexpected(inserted.error());
    result.counted = *inserted > 0;
    if (result.counted) {
      if (Result<> done = Write(db, up ? comment_sql::kBumpUp : comment_sql::kBumpDown, id);
          !done) {
        return tl::unexpected(done.error());
      }
    }
    Result<std::pair<std::int64_t, std::int64_t>> votes =
        ReadOne<std::pair<std::int64_t, std::int64_t>>(
            Query(db, comment_sql::kVotes, id),
            [](const auto& row) { return std::pair(row.Int(0), row.Int(1)); }, "comment votes");
    if (!votes) return tl::unexpected(votes.error());
    result.recommends = votes->first;
    result.not_recommends = votes->second;
    return result;
  });
}

template <typename B>
Result<CommentReportResult> SqlStore<B>::ReportComment(CommentId id, std::string_view visitor,
                                                       ReportReason reason, int hide_after,
                                                       Timestamp at) {
  if (visitor.empty()) return Fail(ErrorCode::kInvalidInput, "a report needs a visitor");
  return backend().OnWriteTransaction([&](auto& db) -> Result<CommentReportResult> {
    const Result<std::optional<Comment>> found = comment_sql::LockComment(db, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found || (*found)->state == CommentState::kDeleted) {
      return Fail(ErrorCode::kNotFound, fmt::format("comment {}", id));
    }
    const Comment& comment = **found;
    CommentReportResult result{.article_id = comment.article_id, .reports = comment.reports};
    const Result<std::int64_t> inserted = ReadAffected(
        Query(db, comment_sql::kInsertReport, id, visitor, ReportReasonName(reason), at));
    if (!inserted) return tl::unexpected(inserted.error());
    result.counted = *inserted > 0;
    if (!result.counted) return result;
    const Result<std::int64_t> reports = ReadCount(Query(db, comment_sql::kBumpReports, id));
    if (!reports) return tl::unexpected(reports.error());
    result.reports = *reports;
    if (comment.state == CommentState::kVisible && hide_after > 0 && *reports == hide_after) {
      if (Result<> done = Write(db, comment_sql::kSetState, id,
                                CommentStateName(CommentState::kHiddenByReports));
          !done) {
        return tl::unexpected(done.error());
      }
      if (Result<> done = comment_sql::ApplyVisibility(db, comment, -1); !done) {
        return tl::unexpected(done.error());
      }
      result.hidden = true;
    }
    return result;
  });
}

template <typename B>
Result<ModerationPage> SqlStore<B>::CommentsForModeration(const CommentQuery& query) const {
  if (query.page.number < 1 || query.page.size < 1) {
    return Fail(ErrorCode::kInvalidInput, "bad page");
  }
  const std::string_view state = query.state ? CommentStateName(*query.state) : "";
  const std::int64_t article = query.article_id.value_or(0);
  const std::int64_t offset = (query.page.number - 1) * query.page.size;
  return backend().OnSnapshot([&](auto& db) {
    return ReadPage<Comment>(Query(db, comment_sql::kQueue, state, article, query.client,
                                   std::int64_t{query.page.size}, offset),
                             comment_sql::kReadComment,
                             Query(db, comment_sql::kQueueCount, state, article, query.client));
  });
}

template <typename B>
Result<CommentSetting> SqlStore<B>::CommentSettingOf(ArticleId article) const {
  return ReadOneOn<CommentSetting>(
      backend(),
      [](const auto& row) {
        return CommentSetting{
            .policy = ParseCommentPolicy(row.Text(0)).value_or(CommentPolicy::kOpen),
            .close_days = row.Int(1)};
      },
      "comment setting", comment_sql::kSetting, article);
}

template <typename B>
Result<> SqlStore<B>::PutCommentSetting(ArticleId article, std::optional<CommentSetting> setting) {
  if (setting && setting->close_days < 0) {
    return Fail(ErrorCode::kInvalidInput, "negative close_days");
  }
  return backend().OnWriter([&](auto& db) -> Result<> {
    Result<std::int64_t> changed =
        setting ? ReadAffected(Query(db, comment_sql::kPutSetting, article,
                                     CommentPolicyName(setting->policy), setting->close_days))
                : ReadAffected(Query(db, comment_sql::kClearSetting, article));
    if (!changed) return tl::unexpected(changed.error());
    if (*changed > 0) return {};
    // Nothing written: no such article, or (clearing) none of its own to clear.
    return row_checks::RequireRow(db, fmt::format("article {}", article),
                                  row_checks::kArticleExists, article);
  });
}

}  // namespace sinmun::store
