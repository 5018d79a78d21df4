// PgStore: views, recommends and the e-mail outbox (issue #4). See sqlite_readers.cpp.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"

namespace sinmun::store::postgres {
namespace {

constexpr char kAddViews[] =
    "UPDATE articles SET views = views + $2 WHERE id = $1 RETURNING section_id";
constexpr char kAddHourly[] =
    "INSERT INTO article_views_hourly (article_id, hour, views) VALUES ($1, $2, $3) "
    "ON CONFLICT (article_id, hour) DO UPDATE "
    "SET views = article_views_hourly.views + excluded.views";
constexpr char kHourlySince[] =
    "SELECT h.article_id, a.section_id, h.hour, h.views FROM article_views_hourly h "
    "JOIN articles a ON a.id = h.article_id WHERE h.hour >= $1";

// The columns of a summary, as postgres_store.cpp reads them: id, section (4), headline,
// snippet, first byline, registered_at, views. $1 is now.
#define SINMUN_SUMMARY_COLUMNS                                                     \
  "a.id, s.id, s.slug, s.name, s.position, a.headline, a.snippet, "                \
  "COALESCE((SELECT r.name FROM article_reporters ar JOIN reporters r ON r.id = "  \
  "ar.reporter_id WHERE ar.article_id = a.id ORDER BY ar.position LIMIT 1), ''), " \
  "a.registered_at, a.views "
#define SINMUN_PUBLISHED_A "a.status = 'published' AND a.registered_at <= $1::bigint"

// $2 is an array of ids in PostgreSQL's text form: {1,2,3}.
constexpr char kSummariesByIds[] = "SELECT " SINMUN_SUMMARY_COLUMNS
                                   "FROM articles a JOIN sections s ON s.id = a.section_id "
                                   "WHERE a.id = ANY ($2::bigint[]) AND " SINMUN_PUBLISHED_A;

// $1 now, $2 since, $3 limit.
constexpr char kMostRecommended[] =
    "SELECT " SINMUN_SUMMARY_COLUMNS
    ", t.n FROM (SELECT article_id, COUNT(*) AS n FROM "
    "recommends WHERE at >= $2 GROUP BY article_id) t JOIN articles a ON a.id = t.article_id "
    "JOIN sections s ON s.id = a.section_id WHERE " SINMUN_PUBLISHED_A
    " ORDER BY t.n DESC, a.registered_at DESC, a.id DESC LIMIT $3";
constexpr char kMostEmailed[] =
    "SELECT " SINMUN_SUMMARY_COLUMNS
    ", t.n FROM (SELECT article_id, SUM(recipients) AS n "
    "FROM mail_requests WHERE created_at >= $2 GROUP BY article_id) t "
    "JOIN articles a ON a.id = t.article_id JOIN sections s ON s.id = a.section_id "
    "WHERE " SINMUN_PUBLISHED_A " ORDER BY t.n DESC, a.registered_at DESC, a.id DESC LIMIT $3";

// Locks the article row: a recommend and an unpublish cannot interleave.
constexpr char kIsPublished[] =
    "SELECT 1 FROM articles a WHERE " SINMUN_PUBLISHED_A " AND a.id = $2 FOR SHARE";
constexpr char kInsertRecommend[] =
    "INSERT INTO recommends (article_id, visitor, at) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr char kBumpRecommends[] =
    "UPDATE articles SET recommends = recommends + 1 WHERE id = $1 RETURNING recommends";
constexpr char kRecommends[] = "SELECT recommends FROM articles WHERE id = $1";

#undef SINMUN_SUMMARY_COLUMNS
#undef SINMUN_PUBLISHED_A

constexpr char kClientRequests[] =
    "SELECT COUNT(*) FROM mail_requests WHERE client = $1 AND created_at >= $2";
constexpr char kSenderRequests[] =
    "SELECT COUNT(*) FROM mail_requests WHERE sender_email = $1 AND created_at >= $2";
constexpr char kArticleExists[] = "SELECT 1 FROM articles WHERE id = $1 FOR SHARE";
constexpr char kInsertMailRequest[] =
    "INSERT INTO mail_requests (article_id, client, sender_email, recipients, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr char kInsertOutbox[] =
    "INSERT INTO mail_outbox (request_id, recipient, message, next_attempt_at) "
    "VALUES ($1, $2, $3, $4)";
// SKIP LOCKED: a sender on another node claiming at the same moment takes the next rows
// instead of waiting for these and then finding them leased.
constexpr char kClaimDueMails[] =
    "UPDATE mail_outbox SET next_attempt_at = $3 WHERE id IN (SELECT id FROM mail_outbox "
    "WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 "
    "FOR UPDATE SKIP LOCKED) "
    "RETURNING id, recipient, message, status, attempts, next_attempt_at, last_error";
constexpr char kMarkSent[] =
    "UPDATE mail_outbox SET status = 'sent', sent_at = $2, last_error = '' WHERE id = $1";
constexpr char kMarkRetry[] =
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 "
    "WHERE id = $1 AND status = 'pending'";
constexpr char kMarkRejected[] =
    "UPDATE mail_outbox SET status = 'rejected', attempts = attempts + 1, last_error = $2 "
    "WHERE id = $1";

}  // namespace

Result<std::vector<HourlyViews>> PgStore::AddViews(std::int64_t hour,
                                                   const std::vector<ViewDelta>& deltas) {
  return InWriteTransaction(
      pool(), [&](Connection& connection) -> Result<std::vector<HourlyViews>> {
        std::vector<HourlyViews> added;
        for (const ViewDelta& delta : deltas) {
          if (delta.views <= 0) continue;
          Result<Rows> updated = Query(connection, kAddViews, delta.article_id, delta.views);
          if (!updated) return tl::unexpected(updated.error());
          if (updated->empty()) continue;  // deleted meanwhile: nothing to count
          const SectionId section = (*updated)[0].Int(0);
          if (Result<> done = Write(connection, kAddHourly, delta.article_id, hour, delta.views);
              !done) {
            return tl::unexpected(done.error());
          }
          added.push_back(HourlyViews{delta.article_id, section, hour, delta.views});
        }
        return added;
      });
}

Result<std::vector<HourlyViews>> PgStore::HourlyViewsSince(std::int64_t from_hour) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<HourlyViews>(Query(connection, kHourlySince, from_hour), [](const Row& row) {
      return HourlyViews{row.Int(0), row.Int(1), row.Int(2), row.Int(3)};
    });
  });
}

Result<std::vector<ArticleSummary>> PgStore::SummariesByIds(const std::vector<ArticleId>& ids,
                                                            Timestamp now) const {
  if (ids.size() > 100) return Fail(ErrorCode::kInvalidInput, "at most 100 ids at once");
  if (ids.empty()) return std::vector<ArticleSummary>{};
  const std::string array = fmt::format("{{{}}}", fmt::join(ids, ","));
  Result<std::vector<ArticleSummary>> rows = WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<ArticleSummary>(Query(connection, kSummariesByIds, now, array),
                                   store::rows::ReadSummary<Row>);
  });
  if (!rows) return rows;
  std::unordered_map<ArticleId, ArticleSummary> found;
  for (ArticleSummary& summary : *rows) found.emplace(summary.id, std::move(summary));
  std::vector<ArticleSummary> ordered;
  for (ArticleId id : ids) {
    auto it = found.find(id);
    if (it != found.end()) ordered.push_back(std::move(it->second)), found.erase(it);
  }
  return ordered;
}

Result<RecommendResult> PgStore::Recommend(ArticleId id, std::string_view visitor, Timestamp now) {
  if (visitor.empty()) return Fail(ErrorCode::kInvalidInput, "a recommend needs a visitor");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<RecommendResult> {
    Result<Rows> published = Query(connection, kIsPublished, now, id);
    if (!published) return tl::unexpected(published.error());
    if (published->empty()) return Fail(ErrorCode::kNotFound, fmt::format("article {}", id));
    Result<std::int64_t> inserted =
        ReadAffected(Query(connection, kInsertRecommend, id, visitor, now));
    if (!inserted) return tl::unexpected(inserted.error());
    RecommendResult result{.counted = *inserted > 0};
    Result<std::int64_t> total =
        ReadCount(Query(connection, result.counted ? kBumpRecommends : kRecommends, id));
    if (!total) return tl::unexpected(total.error());
    result.recommends = *total;
    return result;
  });
}

Result<std::vector<RankedSummary>> PgStore::MostRecommended(Timestamp since, int limit,
                                                            Timestamp now) const {
  return RankedSince(kMostRecommended, since, limit, now);
}

Result<std::vector<RankedSummary>> PgStore::MostEmailed(Timestamp since, int limit,
                                                        Timestamp now) const {
  return RankedSince(kMostEmailed, since, limit, now);
}

Result<std::vector<RankedSummary>> PgStore::RankedSince(const char* sql, Timestamp since, int limit,
                                                        Timestamp now) const {
  if (limit <= 0) return std::vector<RankedSummary>{};
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<RankedSummary>(
        Query(connection, sql, now, since, std::int64_t{limit}), [](const Row& row) {
          return RankedSummary{store::rows::ReadSummary(row), row.Int(10)};
        });
  });
}

Result<Store::MailRequestCounts> PgStore::MailRequestsSince(std::string_view client,
                                                            std::string_view sender_email,
                                                            Timestamp since) const {
  return WithConnection(pool(), [&](Connection& connection) -> Result<MailRequestCounts> {
    Result<std::int64_t> by_client = ReadCount(Query(connection, kClientRequests, client, since));
    if (!by_client) return tl::unexpected(by_client.error());
    Result<std::int64_t> by_sender =
        ReadCount(Query(connection, kSenderRequests, sender_email, since));
    if (!by_sender) return tl::unexpected(by_sender.error());
    return MailRequestCounts{*by_client, *by_sender};
  });
}

Result<std::int64_t> PgStore::EnqueueMail(const NewMailRequest& request) {
  if (request.recipients.empty()) return Fail(ErrorCode::kInvalidInput, "no recipients");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<std::int64_t> {
    Result<Rows> exists = Query(connection, kArticleExists, request.article_id);
    if (!exists) return tl::unexpected(exists.error());
    if (exists->empty()) {
      return Fail(ErrorCode::kNotFound, fmt::format("article {}", request.article_id));
    }
    Result<std::int64_t> request_id = ReadCount(Query(
        connection, kInsertMailRequest, request.article_id, request.client, request.sender_email,
        static_cast<std::int64_t>(request.recipients.size()), request.created_at));
    if (!request_id) return request_id;
    for (const NewMailRequest::Recipient& recipient : request.recipients) {
      if (Result<> done = Write(connection, kInsertOutbox, *request_id, recipient.address,
                                recipient.message, request.created_at);
          !done) {
        return tl::unexpected(done.error());
      }
    }
    return request_id;
  });
}

Result<std::vector<OutboxMail>> PgStore::ClaimDueMails(Timestamp now, int limit,
                                                       Timestamp lease_until) {
  if (limit <= 0) return std::vector<OutboxMail>{};
  Result<std::vector<OutboxMail>> claimed = WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<OutboxMail>(
        Query(connection, kClaimDueMails, now, std::int64_t{limit}, lease_until),
        store::rows::ReadOutboxMail<Row>);
  });
  if (!claimed) return claimed;
  // RETURNING follows no ORDER BY; ids grow with enqueueing, so this is oldest first.
  std::sort(claimed->begin(), claimed->end(),
            [](const OutboxMail& a, const OutboxMail& b) { return a.id < b.id; });
  return claimed;
}

namespace {

// Runs one UPDATE of an outbox row; kNotFound when it changed no row.
template <typename... Params>
Result<> UpdateOutbox(Pool& pool, const char* sql, std::int64_t id, const Params&... params) {
  return WithConnection(pool, [&](Connection& connection) -> Result<> {
    Result<std::int64_t> changed = ReadAffected(Query(connection, sql, id, params...));
    if (!changed) return tl::unexpected(changed.error());
    if (*changed == 0) return Fail(ErrorCode::kNotFound, fmt::format("pending outbox mail {}", id));
    return {};
  });
}

}  // namespace

Result<> PgStore::MarkMailSent(std::int64_t id, Timestamp at) {
  return UpdateOutbox(pool(), kMarkSent, id, at);
}

Result<> PgStore::MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                std::string_view error) {
  return UpdateOutbox(pool(), kMarkRetry, id, next_attempt_at, error);
}

Result<> PgStore::MarkMailRejected(std::int64_t id, std::string_view error) {
  return UpdateOutbox(pool(), kMarkRejected, id, error);
}

}  // namespace sinmun::store::postgres
