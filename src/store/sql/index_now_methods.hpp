#pragma once
// SqlStore: the IndexNow queue (issue #18), for both backends. Tables in
// sqlite/migrations/0022_index_now.sql and postgres/migrations/0018_index_now.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include "store/index_now_queue.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace index_now_sql {

// The position is locked first: a follower on another node waits here and then reads on from
// where this one left off, so no change is queued twice.
inline const Sql kPosition{"SELECT seq FROM indexnow_position{for:UPDATE}"};
// The first follow starts at the present; a follower on another node starting at the same
// moment inserts nothing. (SQLite needs the WHERE to read ON CONFLICT as the upsert clause.)
inline const Sql kStartPosition{
    "INSERT INTO indexnow_position (one, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM changes "
    "WHERE TRUE ON CONFLICT (one) DO NOTHING"};
// The article as it is now: an update counts only while the article is published.
inline const Sql kChanges{
    "SELECT c.seq, c.article_id, c.kind, COALESCE(a.status, ''), COALESCE(a.kind, '') "
    "FROM changes c LEFT JOIN articles a ON a.id = c.article_id "
    "WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2"};
inline const Sql kMovePosition{"UPDATE indexnow_position SET seq = ?1"};
inline const Sql kQueue{
    "INSERT INTO indexnow_queue (endpoint, article_id, created_at, next_attempt_at) "
    "VALUES (?1, ?2, ?3, ?3)"};
// One statement, as kClaimDueMails (reader_methods.hpp) and for the same reasons.
inline const Sql kClaim{
    "UPDATE indexnow_queue SET next_attempt_at = ?3 WHERE id IN (SELECT id FROM indexnow_queue "
    "WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2"
    "{for:UPDATE SKIP LOCKED}) RETURNING id, endpoint, article_id, attempts"};
inline const Sql kSent{
    "UPDATE indexnow_queue SET status = 'sent', sent_at = ?2, last_error = '' "
    "WHERE id IN ({ids:?1}) AND status = 'pending'"};
inline const Sql kRetry{
    "UPDATE indexnow_queue SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
    "WHERE id IN ({ids:?1}) AND status = 'pending'"};
inline const Sql kRejected{
    "UPDATE indexnow_queue SET status = 'rejected', attempts = attempts + 1, last_error = ?2 "
    "WHERE id IN ({ids:?1}) AND status = 'pending'"};
inline const Sql kPending{"SELECT COUNT(*) FROM indexnow_queue WHERE status = 'pending'"};

struct ChangeRow {
  std::int64_t seq = 0;
  ArticleId article_id = 0;
  std::string kind;          // the change's
  std::string status;        // the article's now; "" when it is gone
  std::string article_kind;  // ArticleKindName; "" when it is gone
};

// Whether a search engine should hear of this change.
inline bool Announced(const ChangeRow& change) {
  if (change.article_id == 0 || change.status.empty()) return false;
  const std::optional<ArticleKind> kind = ParseArticleKind(change.article_kind);
  if (!kind || !SentTo(*kind, Destination::kIndexNow)) return false;
  if (change.kind == "published" || change.kind == "unpublished") return true;
  return (change.kind == "update" || change.kind == "correction") && change.status == "published";
}

}  // namespace index_now_sql

template <typename B>
Result<int> SqlStore<B>::QueueIndexNowChanges(const std::vector<std::string>& endpoints, int limit,
                                              Timestamp now) {
  using index_now_sql::ChangeRow;
  if (limit <= 0) return 0;
  return backend().OnWriteTransaction([&](auto& db) -> Result<int> {
    const Result<std::vector<std::int64_t>> position = ReadAll<std::int64_t>(
        Query(db, index_now_sql::kPosition), [](const auto& row) { return row.Int(0); });
    if (!position) return tl::unexpected(position.error());
    if (position->empty()) {
      if (Result<> done = Write(db, index_now_sql::kStartPosition); !done) {
        return tl::unexpected(done.error());
      }
      return 0;
    }
    const Result<std::vector<ChangeRow>> changes = ReadAll<ChangeRow>(
        Query(db, index_now_sql::kChanges, position->front(), std::int64_t{limit}),
        [](const auto& row) {
          return ChangeRow{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4)};
        });
    if (!changes) return tl::unexpected(changes.error());
    if (changes->empty()) return 0;
    for (const ChangeRow& change : *changes) {
      if (!index_now_sql::Announced(change)) continue;
      for (const std::string& endpoint : endpoints) {
        if (Result<> done = Write(db, index_now_sql::kQueue, endpoint, change.article_id, now);
            !done) {
          return tl::unexpected(done.error());
        }
      }
    }
    if (Result<> done = Write(db, index_now_sql::kMovePosition, changes->back().seq); !done) {
      return tl::unexpected(done.error());
    }
    return static_cast<int>(changes->size());
  });
}

template <typename B>
Result<std::vector<IndexNowPing>> SqlStore<B>::ClaimDueIndexNow(Timestamp now, int limit,
                                                                Timestamp lease_until) {
  return ClaimDueOn<IndexNowPing>(
      backend(),
      [](const auto& row) {
        return IndexNowPing{row.Int(0), row.Text(1), row.Int(2), static_cast<int>(row.Int(3))};
      },
      index_now_sql::kClaim, now, limit, lease_until);
}

template <typename B>
Result<> SqlStore<B>::MarkIndexNowSent(const std::vector<std::int64_t>& ids, Timestamp at) {
  const std::string json = JsonIds(ids);
  return WriteOn(backend(), index_now_sql::kSent, std::string_view(json), at);
}

template <typename B>
Result<> SqlStore<B>::MarkIndexNowRetry(const std::vector<std::int64_t>& ids,
                                        Timestamp next_attempt_at, std::string_view error) {
  const std::string json = JsonIds(ids);
  return WriteOn(backend(), index_now_sql::kRetry, std::string_view(json), next_attempt_at, error);
}

template <typename B>
Result<> SqlStore<B>::MarkIndexNowRejected(const std::vector<std::int64_t>& ids,
                                           std::string_view error) {
  const std::string json = JsonIds(ids);
  return WriteOn(backend(), index_now_sql::kRejected, std::string_view(json), error);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::PendingIndexNowCount() const {
  return backend().OnReader(
      [&](auto& db) { return ReadCount(Query(db, index_now_sql::kPending)); });
}

}  // namespace sinmun::store
