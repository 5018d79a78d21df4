// SqliteStore: views, recommends and the e-mail outbox (issue #4). Tables in
// migrations/0003_readers.sql.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/row_records.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sinmun::store::sqlite {
namespace {

constexpr char kAddViews[] =
    "UPDATE articles SET views = views + ?2 WHERE id = ?1 RETURNING section_id";
constexpr char kAddHourly[] =
    "INSERT INTO article_views_hourly (article_id, hour, views) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (article_id, hour) DO UPDATE SET views = views + excluded.views";
constexpr char kHourlySince[] =
    "SELECT h.article_id, a.section_id, h.hour, h.views FROM article_views_hourly h "
    "JOIN articles a ON a.id = h.article_id WHERE h.hour >= ?1";

// The columns of a summary, as sqlite_store.cpp reads them: id, section (4), headline,
// snippet, first byline, registered_at, views. ?1 is now; ?2 a JSON array of ids.
#define SINMUN_SUMMARY_COLUMNS                                                     \
  "a.id, s.id, s.slug, s.name, s.position, a.headline, a.snippet, "                \
  "COALESCE((SELECT r.name FROM article_reporters ar JOIN reporters r ON r.id = "  \
  "ar.reporter_id WHERE ar.article_id = a.id ORDER BY ar.position LIMIT 1), ''), " \
  "a.registered_at, a.views "
#define SINMUN_PUBLISHED_A "a.status = 'published' AND a.registered_at <= ?1"

constexpr char kSummariesByIds[] =
    "SELECT " SINMUN_SUMMARY_COLUMNS
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "WHERE a.id IN (SELECT value FROM json_each(?2)) AND " SINMUN_PUBLISHED_A;

// ?1 now, ?2 since, ?3 limit.
constexpr char kMostRecommended[] =
    "SELECT " SINMUN_SUMMARY_COLUMNS
    ", t.n FROM (SELECT article_id, COUNT(*) AS n FROM "
    "recommends WHERE at >= ?2 GROUP BY article_id) t JOIN articles a ON a.id = t.article_id "
    "JOIN sections s ON s.id = a.section_id WHERE " SINMUN_PUBLISHED_A
    " ORDER BY t.n DESC, a.registered_at DESC, a.id DESC LIMIT ?3";
constexpr char kMostEmailed[] =
    "SELECT " SINMUN_SUMMARY_COLUMNS
    ", t.n FROM (SELECT article_id, SUM(recipients) AS n "
    "FROM mail_requests WHERE created_at >= ?2 GROUP BY article_id) t "
    "JOIN articles a ON a.id = t.article_id JOIN sections s ON s.id = a.section_id "
    "WHERE " SINMUN_PUBLISHED_A " ORDER BY t.n DESC, a.registered_at DESC, a.id DESC LIMIT ?3";

constexpr char kIsPublished[] =
    "SELECT 1 FROM articles a WHERE " SINMUN_PUBLISHED_A " AND a.id = ?2";
constexpr char kInsertRecommend[] =
    "INSERT INTO recommends (article_id, visitor, at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO NOTHING";
constexpr char kBumpRecommends[] = "UPDATE articles SET recommends = recommends + 1 WHERE id = ?1";
constexpr char kRecommends[] = "SELECT recommends FROM articles WHERE id = ?1";

#undef SINMUN_SUMMARY_COLUMNS
#undef SINMUN_PUBLISHED_A

constexpr char kClientRequests[] =
    "SELECT COUNT(*) FROM mail_requests WHERE client = ?1 AND created_at >= ?2";
constexpr char kSenderRequests[] =
    "SELECT COUNT(*) FROM mail_requests WHERE sender_email = ?1 AND created_at >= ?2";
constexpr char kArticleExists[] = "SELECT 1 FROM articles WHERE id = ?1";
constexpr char kInsertMailRequest[] =
    "INSERT INTO mail_requests (article_id, client, sender_email, recipients, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kInsertOutbox[] =
    "INSERT INTO mail_outbox (request_id, recipient, message, next_attempt_at) "
    "VALUES (?1, ?2, ?3, ?4)";
// One statement, so one write transaction: two senders cannot claim the same row.
constexpr char kClaimDueMails[] =
    "UPDATE mail_outbox SET next_attempt_at = ?3 WHERE id IN (SELECT id FROM mail_outbox "
    "WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2) "
    "RETURNING id, recipient, message, status, attempts, next_attempt_at, last_error";
constexpr char kMarkSent[] =
    "UPDATE mail_outbox SET status = 'sent', sent_at = ?2, last_error = '' WHERE id = ?1";
constexpr char kMarkRetry[] =
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
    "WHERE id = ?1 AND status = 'pending'";
constexpr char kMarkRejected[] =
    "UPDATE mail_outbox SET status = 'rejected', attempts = attempts + 1, last_error = ?2 "
    "WHERE id = ?1";

Result<std::int64_t> Count(Result<Statement> statement) {
  std::int64_t count = 0;
  Result<> done =
      ForEachRow(std::move(statement), [&](const Statement& row) { count = row.Int(0); });
  if (!done) return tl::unexpected(done.error());
  return count;
}

Result<bool> HasRow(Result<Statement> statement) {
  if (!statement) return tl::unexpected(statement.error());
  return statement->Step();
}

}  // namespace

Result<std::vector<HourlyViews>> SqliteStore::AddViews(std::int64_t hour,
                                                       const std::vector<ViewDelta>& deltas) {
  std::vector<HourlyViews> added;
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  for (const ViewDelta& delta : deltas) {
    if (delta.views <= 0) continue;
    std::optional<SectionId> section;
    Result<> updated = ForEachRow(Query(*writer_, kAddViews, delta.article_id, delta.views),
                                  [&](const Statement& row) { section = row.Int(0); });
    if (!updated) return tl::unexpected(updated.error());
    if (!section) continue;  // deleted meanwhile: nothing to count
    Result<Statement> bucket = Query(*writer_, kAddHourly, delta.article_id, hour, delta.views);
    if (!bucket) return tl::unexpected(bucket.error());
    if (Result<> done = bucket->Run(); !done) return tl::unexpected(done.error());
    added.push_back(HourlyViews{delta.article_id, *section, hour, delta.views});
  }
  if (Result<> committed = transaction->Commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return added;
}

Result<std::vector<HourlyViews>> SqliteStore::HourlyViewsSince(std::int64_t from_hour) const {
  std::vector<HourlyViews> rows;
  Result<> done = ReadWith([&](Connection& connection) {
    return ForEachRow(Query(connection, kHourlySince, from_hour), [&](const Statement& row) {
      rows.push_back(HourlyViews{row.Int(0), row.Int(1), row.Int(2), row.Int(3)});
    });
  });
  if (!done) return tl::unexpected(done.error());
  return rows;
}

Result<std::vector<ArticleSummary>> SqliteStore::SummariesByIds(const std::vector<ArticleId>& ids,
                                                                Timestamp now) const {
  if (ids.size() > 100) return Fail(ErrorCode::kInvalidInput, "at most 100 ids at once");
  if (ids.empty()) return std::vector<ArticleSummary>{};
  const std::string json_ids = fmt::format("[{}]", fmt::join(ids, ","));
  std::unordered_map<ArticleId, ArticleSummary> found;
  Result<> done = ReadWith([&](Connection& connection) {
    return ForEachRow(Query(connection, kSummariesByIds, now, std::string_view(json_ids)),
                      [&](const Statement& row) {
                        ArticleSummary summary = store::rows::ReadSummary(row);
                        found.emplace(summary.id, std::move(summary));
                      });
  });
  if (!done) return tl::unexpected(done.error());
  std::vector<ArticleSummary> ordered;
  for (ArticleId id : ids) {
    auto it = found.find(id);
    if (it != found.end()) ordered.push_back(std::move(it->second)), found.erase(it);
  }
  return ordered;
}

Result<RecommendResult> SqliteStore::Recommend(ArticleId id, std::string_view visitor,
                                               Timestamp now) {
  if (visitor.empty()) return Fail(ErrorCode::kInvalidInput, "a recommend needs a visitor");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  Result<bool> published = HasRow(Query(*writer_, kIsPublished, now, id));
  if (!published) return tl::unexpected(published.error());
  if (!*published) return Fail(ErrorCode::kNotFound, fmt::format("article {}", id));
  RecommendResult result;
  {
    Result<Statement> insert = Query(*writer_, kInsertRecommend, id, visitor, now);
    if (!insert) return tl::unexpected(insert.error());
    if (Result<> done = insert->Run(); !done) return tl::unexpected(done.error());
  }
  result.counted = sqlite3_changes(writer_->handle()) > 0;
  if (result.counted) {
    Result<Statement> bump = Query(*writer_, kBumpRecommends, id);
    if (!bump) return tl::unexpected(bump.error());
    if (Result<> done = bump->Run(); !done) return tl::unexpected(done.error());
  }
  Result<std::int64_t> total = Count(Query(*writer_, kRecommends, id));
  if (!total) return tl::unexpected(total.error());
  result.recommends = *total;
  if (Result<> committed = transaction->Commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return result;
}

namespace {

Result<std::vector<RankedSummary>> Ranked(Result<Statement> statement) {
  std::vector<RankedSummary> rows;
  Result<> done = ForEachRow(std::move(statement), [&](const Statement& row) {
    rows.push_back(RankedSummary{store::rows::ReadSummary(row), row.Int(10)});
  });
  if (!done) return tl::unexpected(done.error());
  return rows;
}

}  // namespace

Result<std::vector<RankedSummary>> SqliteStore::MostRecommended(Timestamp since, int limit,
                                                                Timestamp now) const {
  return RankedSince(kMostRecommended, since, limit, now);
}

Result<std::vector<RankedSummary>> SqliteStore::MostEmailed(Timestamp since, int limit,
                                                            Timestamp now) const {
  return RankedSince(kMostEmailed, since, limit, now);
}

Result<std::vector<RankedSummary>> SqliteStore::RankedSince(const char* sql, Timestamp since,
                                                            int limit, Timestamp now) const {
  Result<std::vector<RankedSummary>> rows = std::vector<RankedSummary>{};
  if (limit <= 0) return rows;
  Result<> done = ReadWith([&](Connection& connection) -> Result<> {
    rows = Ranked(Query(connection, sql, now, since, std::int64_t{limit}));
    if (!rows) return tl::unexpected(rows.error());
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return rows;
}

Result<Store::MailRequestCounts> SqliteStore::MailRequestsSince(std::string_view client,
                                                                std::string_view sender_email,
                                                                Timestamp since) const {
  MailRequestCounts counts;
  Result<> done = ReadWith([&](Connection& connection) -> Result<> {
    Result<std::int64_t> by_client = Count(Query(connection, kClientRequests, client, since));
    if (!by_client) return tl::unexpected(by_client.error());
    Result<std::int64_t> by_sender = Count(Query(connection, kSenderRequests, sender_email, since));
    if (!by_sender) return tl::unexpected(by_sender.error());
    counts = MailRequestCounts{*by_client, *by_sender};
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return counts;
}

Result<std::int64_t> SqliteStore::EnqueueMail(const NewMailRequest& request) {
  if (request.recipients.empty()) return Fail(ErrorCode::kInvalidInput, "no recipients");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  Result<bool> exists = HasRow(Query(*writer_, kArticleExists, request.article_id));
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return Fail(ErrorCode::kNotFound, fmt::format("article {}", request.article_id));
  {
    Result<Statement> insert = Query(
        *writer_, kInsertMailRequest, request.article_id, request.client, request.sender_email,
        static_cast<std::int64_t>(request.recipients.size()), request.created_at);
    if (!insert) return tl::unexpected(insert.error());
    if (Result<> done = insert->Run(); !done) return tl::unexpected(done.error());
  }
  const std::int64_t request_id = writer_->LastInsertId();
  for (const NewMailRequest::Recipient& recipient : request.recipients) {
    Result<Statement> insert = Query(*writer_, kInsertOutbox, request_id, recipient.address,
                                     recipient.message, request.created_at);
    if (!insert) return tl::unexpected(insert.error());
    if (Result<> done = insert->Run(); !done) return tl::unexpected(done.error());
  }
  if (Result<> committed = transaction->Commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return request_id;
}

Result<std::vector<OutboxMail>> SqliteStore::ClaimDueMails(Timestamp now, int limit,
                                                           Timestamp lease_until) {
  std::vector<OutboxMail> rows;
  if (limit <= 0) return rows;
  std::lock_guard lock(writer_mutex_);
  Result<> done =
      ForEachRow(Query(*writer_, kClaimDueMails, now, std::int64_t{limit}, lease_until),
                 [&](const Statement& row) { rows.push_back(store::rows::ReadOutboxMail(row)); });
  if (!done) return tl::unexpected(done.error());
  // RETURNING follows no ORDER BY; ids grow with enqueueing, so this is oldest first.
  std::sort(rows.begin(), rows.end(),
            [](const OutboxMail& a, const OutboxMail& b) { return a.id < b.id; });
  return rows;
}

namespace {

// Runs one UPDATE of an outbox row; kNotFound when it changed no row.
template <typename... Params>
Result<> UpdateOutbox(Connection& writer, const char* sql, std::int64_t id,
                      const Params&... params) {
  Result<Statement> update = Query(writer, sql, id, params...);
  if (!update) return tl::unexpected(update.error());
  if (Result<> done = update->Run(); !done) return done;
  if (sqlite3_changes(writer.handle()) == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("pending outbox mail {}", id));
  }
  return {};
}

}  // namespace

Result<> SqliteStore::MarkMailSent(std::int64_t id, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  return UpdateOutbox(*writer_, kMarkSent, id, at);
}

Result<> SqliteStore::MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                    std::string_view error) {
  std::lock_guard lock(writer_mutex_);
  return UpdateOutbox(*writer_, kMarkRetry, id, next_attempt_at, error);
}

Result<> SqliteStore::MarkMailRejected(std::int64_t id, std::string_view error) {
  std::lock_guard lock(writer_mutex_);
  return UpdateOutbox(*writer_, kMarkRejected, id, error);
}

}  // namespace sinmun::store::sqlite
