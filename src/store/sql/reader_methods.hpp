#pragma once
// SqlStore: views, recommends, rankings and the e-mail outbox (issue #4), for both backends.
// Tables in sqlite/migrations/0003_readers.sql and postgres/migrations/0001_schema.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/summary_sql.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace reader_sql {

// Adds ?2 to article ?1's all-time views in its narrow row, made at its first count, and
// returns the article's section; no row when the article is gone. Not an UPDATE of articles,
// which rewrote the wide row for every flush (migrations/1000_article_views.sql).
inline const Sql kAddViews{
    "INSERT INTO article_views (article_id, views) SELECT id, ?2 FROM articles WHERE id = ?1 "
    "ON CONFLICT (article_id) DO UPDATE SET views = article_views.views + excluded.views "
    "RETURNING (SELECT a.section_id FROM articles a WHERE a.id = article_views.article_id)"};
inline const Sql kAddHourly{
    "INSERT INTO article_views_hourly (article_id, hour, views) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (article_id, hour) DO UPDATE "
    "SET views = article_views_hourly.views + excluded.views"};
inline const Sql kAddSectionHourly{
    "INSERT INTO section_views_hourly (hour, section_id, views) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (hour, section_id) DO UPDATE "
    "SET views = section_views_hourly.views + excluded.views"};
// The same for each reporter of article ?2's byline (the WHERE keeps SQLite from reading
// ON CONFLICT as a join's ON).
inline const Sql kAddReporterHourly{
    "INSERT INTO reporter_views_hourly (reporter_id, hour, views) "
    "SELECT reporter_id, ?1, ?3 FROM article_reporters WHERE article_id = ?2 "
    "ON CONFLICT (reporter_id, hour) DO UPDATE "
    "SET views = reporter_views_hourly.views + excluded.views"};
// The rankings' load reads the window's rows (the hour index holds the views) and every
// article's section (a covering index on SQLite) and joins them in memory: joined in SQL, each
// of 1.4 million rows looked up its article, a ~3 KB row, which took 31 s on a 1,000,000-
// article paper where these two reads take 0.65 s each.
inline const Sql kHourlySince{
    "SELECT article_id, hour, views FROM article_views_hourly WHERE hour >= ?1"};
inline const Sql kArticleSections{"SELECT id, section_id FROM articles"};

#define SINMUN_PUBLISHED_A "a.status = 'published' AND a.registered_at <= ?1{::bigint}"

// ?2 is a JSON array of ids. The list drives the join (CROSS JOIN fixes SQLite's order), so
// that each id is one primary-key lookup on both backends: with `a.id IN (list)` SQLite
// walked articles_stamps over every published article, testing each against the list.
// A repeated id gives a repeated row, which SummariesByIds drops.
inline const Sql kSummariesByIds{"SELECT " SINMUN_SUMMARY_COLUMNS
                                 "FROM ({ids:?2}) page CROSS JOIN articles a "
                                 "JOIN sections s ON s.id = a.section_id" SINMUN_SUMMARY_PHOTO_JOIN
                                 "WHERE a.id = page.value AND " SINMUN_PUBLISHED_A};

// Published articles ranked by `counts`, a subquery of (article_id, n) that reads ?2 (since);
// ?1 is now, ?3 the limit. One text for the three weekly rankings below. The week's counts
// drive the join (CROSS JOIN fixes SQLite's order), one primary-key lookup each: joined the
// other way, SQLite walked articles_stamps over every published article and looked each up
// in the counts, 0.2-0.5 s for an empty week on a 100,000-article paper, which a /most-viewed
// miss spent and every request queued behind it waited for (issue #14's p99).
#define SINMUN_RANKED_BY(counts)                                                               \
  "SELECT " SINMUN_SUMMARY_COLUMNS ", t.n FROM (" counts                                       \
  ") t CROSS JOIN articles a JOIN sections s ON s.id = a.section_id" SINMUN_SUMMARY_PHOTO_JOIN \
  "WHERE a.id = t.article_id AND " SINMUN_PUBLISHED_A                                          \
  " ORDER BY t.n DESC, a.registered_at DESC, a.id DESC LIMIT ?3"
inline const Sql kMostRecommended{SINMUN_RANKED_BY(
    "SELECT article_id, COUNT(*) AS n FROM recommends WHERE at >= ?2 GROUP BY article_id")};
inline const Sql kMostEmailed{SINMUN_RANKED_BY(
    "SELECT article_id, SUM(recipients) AS n FROM mail_requests WHERE created_at >= ?2 GROUP BY "
    "article_id")};
// Comments shown (not hidden, held or deleted) written at or after ?2, replies included.
inline const Sql kMostCommented{SINMUN_RANKED_BY(
    "SELECT article_id, COUNT(*) AS n FROM comments WHERE created_at >= ?2 AND state = "
    "'visible' GROUP BY article_id")};
#undef SINMUN_RANKED_BY

inline const Sql kInsertRecommend{
    "INSERT INTO recommends (article_id, visitor, at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO NOTHING"};
inline const Sql kBumpRecommends{
    "UPDATE articles SET recommends = recommends + 1 WHERE id = ?1 RETURNING recommends"};
inline const Sql kRecommends{"SELECT recommends FROM articles WHERE id = ?1"};

#undef SINMUN_PUBLISHED_A

inline const Sql kClientRequests{
    "SELECT COUNT(*) FROM mail_requests WHERE client = ?1 AND created_at >= ?2"};
inline const Sql kSenderRequests{
    "SELECT COUNT(*) FROM mail_requests WHERE sender_email = ?1 AND created_at >= ?2"};
// Every writer of a mail request takes this lock first, so that counting the hour's requests
// and adding one are a single step across nodes (SQLite's writer holds the database lock
// anyway). Only the enqueueing of "e-mail this article" waits for it, at most a few hundred
// times an hour.
inline const Sql kLockMailRequests =
    Sql::Override("SELECT 0 WHERE 0", "LOCK TABLE mail_requests IN SHARE ROW EXCLUSIVE MODE");
// The requests about article ?1, and on the whole site, made after ?2.
inline const Sql kMailRequestsAfter{
    "SELECT (SELECT COUNT(*) FROM mail_requests WHERE article_id = ?1 AND created_at > ?2), "
    "(SELECT COUNT(*) FROM mail_requests WHERE article_id IS NOT NULL AND created_at > ?2)"};
inline const Sql kInsertMailRequest{
    "INSERT INTO mail_requests (article_id, client, sender_email, recipients, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"};
// A notice about correction case ?1 or tip ?2 (the other NULL) to one recipient.
inline const Sql kInsertNoticeRequest{
    "INSERT INTO mail_requests (correction_id, tip_id, client, sender_email, recipients, "
    "created_at) VALUES (?1, ?2, ?3, '', 1, ?4) RETURNING id"};
inline const Sql kCorrectionExists{"SELECT 1 FROM corrections WHERE id = ?1{for:SHARE}"};
inline const Sql kTipExists{"SELECT 1 FROM tips WHERE id = ?1{for:SHARE}"};
inline const Sql kInsertOutbox{
    "INSERT INTO mail_outbox (request_id, recipient, message, next_attempt_at) "
    "VALUES (?1, ?2, ?3, ?4)"};
// One statement, so one write transaction: two senders cannot claim the same row. SKIP
// LOCKED: a sender on another node claiming at the same moment takes the next rows instead of
// waiting for these and then finding them leased.
inline const Sql kClaimDueMails{
    "UPDATE mail_outbox SET next_attempt_at = ?3 WHERE id IN (SELECT id FROM mail_outbox "
    "WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2"
    "{for:UPDATE SKIP LOCKED}) "
    "RETURNING id, recipient, message, status, attempts, next_attempt_at, last_error"};
inline const Sql kMarkSent{
    "UPDATE mail_outbox SET status = 'sent', sent_at = ?2, last_error = '' WHERE id = ?1"};
inline const Sql kMarkRetry{
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
    "WHERE id = ?1 AND status = 'pending'"};
inline const Sql kMarkRejected{
    "UPDATE mail_outbox SET status = 'rejected', attempts = attempts + 1, last_error = ?2 "
    "WHERE id = ?1"};
inline const Sql kPendingMails{"SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending'"};

// MostRecommended and MostEmailed: `sql` binds ?1 now, ?2 since, ?3 limit.
template <typename Backend>
Result<std::vector<RankedSummary>> RankedSince(const Backend& backend, const Sql& sql,
                                               Timestamp since, int limit, Timestamp now) {
  if (limit <= 0) return std::vector<RankedSummary>{};
  return backend.OnReader([&](auto& db) {
    return ReadAll<RankedSummary>(
        Query(db, sql, now, since, std::int64_t{limit}), [](const auto& row) {
          return RankedSummary{rows::ReadSummary(row), row.Int(rows::kSummaryColumnCount)};
        });
  });
}

// Runs one UPDATE of an outbox row; kNotFound when it changed no row.
template <typename Backend, typename... Params>
Result<> UpdateOutbox(Backend& backend, const Sql& sql, std::int64_t id, const Params&... params) {
  return backend.OnWriter([&](auto& db) {
    return WriteOne(db, fmt::format("pending outbox mail {}", id), sql, id, params...);
  });
}

}  // namespace reader_sql

template <typename B>
Result<std::vector<HourlyViews>> SqlStore<B>::AddViews(std::int64_t hour,
                                                       const std::vector<ViewDelta>& deltas) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::vector<HourlyViews>> {
    std::vector<HourlyViews> added;
    for (const ViewDelta& delta : deltas) {
      if (delta.views <= 0) continue;
      const Result<std::optional<std::int64_t>> section =
          ReadOptionalInt(Query(db, reader_sql::kAddViews, delta.article_id, delta.views));
      if (!section) return tl::unexpected(section.error());
      if (!*section) continue;  // deleted meanwhile: nothing to count
      if (Result<> done = Write(db, reader_sql::kAddHourly, delta.article_id, hour, delta.views);
          !done) {
        return tl::unexpected(done.error());
      }
      if (Result<> done =
              Write(db, reader_sql::kAddReporterHourly, hour, delta.article_id, delta.views);
          !done) {
        return tl::unexpected(done.error());
      }
      added.push_back(HourlyViews{delta.article_id, **section, hour, delta.views});
    }
    // The 통계 page's per-section rollup (issue #20), one row per section of the batch.
    std::map<SectionId, std::int64_t> per_section;
    for (const HourlyViews& views : added) per_section[views.section_id] += views.views;
    for (const auto& [section, views] : per_section) {
      if (Result<> done = Write(db, reader_sql::kAddSectionHourly, hour, section, views); !done) {
        return tl::unexpected(done.error());
      }
    }
    return added;
  });
}

template <typename B>
Result<std::vector<HourlyViews>> SqlStore<B>::HourlyViewsSince(std::int64_t from_hour) const {
  Result<std::vector<HourlyViews>> rows = ReadAllOn<HourlyViews>(
      backend(),
      [](const auto& row) {
        return HourlyViews{.article_id = row.Int(0), .hour = row.Int(1), .views = row.Int(2)};
      },
      reader_sql::kHourlySince, from_hour);
  if (!rows) return rows;
  // Read after the rows: an article of theirs missing here was deleted meanwhile (its rows
  // with it) and is left out, as a join would have.
  Result<std::vector<std::pair<ArticleId, SectionId>>> sections =
      ReadAllOn<std::pair<ArticleId, SectionId>>(
          backend(),
          [](const auto& row) {
            return std::pair{row.Int(0), row.Int(1)};
          },
          reader_sql::kArticleSections);
  if (!sections) return tl::unexpected(sections.error());
  std::sort(sections->begin(), sections->end());
  std::vector<HourlyViews> joined;
  joined.reserve(rows->size());
  for (HourlyViews& views : *rows) {
    const auto found = std::lower_bound(sections->begin(), sections->end(),
                                        std::pair{views.article_id, SectionId{0}});
    if (found == sections->end() || found->first != views.article_id) continue;
    views.section_id = found->second;
    joined.push_back(views);
  }
  return joined;
}

template <typename B>
Result<std::vector<ArticleSummary>> SqlStore<B>::SummariesByIds(const std::vector<ArticleId>& ids,
                                                                Timestamp now) const {
  if (ids.size() > 100) return Fail(ErrorCode::kInvalidInput, "at most 100 ids at once");
  if (ids.empty()) return std::vector<ArticleSummary>{};
  const std::string json_ids = JsonIds(ids);
  Result<std::vector<ArticleSummary>> read = ReadAllOn<ArticleSummary>(
      backend(), [](const auto& row) { return rows::ReadSummary(row); },
      reader_sql::kSummariesByIds, now, std::string_view(json_ids));
  if (!read) return read;
  std::unordered_map<ArticleId, ArticleSummary> found;
  for (ArticleSummary& summary : *read) found.emplace(summary.id, std::move(summary));
  std::vector<ArticleSummary> ordered;
  for (ArticleId id : ids) {
    auto it = found.find(id);
    if (it != found.end()) ordered.push_back(std::move(it->second)), found.erase(it);
  }
  return ordered;
}

template <typename B>
Result<RecommendResult> SqlStore<B>::Recommend(ArticleId id, std::string_view visitor,
                                               Timestamp now) {
  if (visitor.empty()) return Fail(ErrorCode::kInvalidInput, "a recommend needs a visitor");
  return backend().OnWriteTransaction([&](auto& db) -> Result<RecommendResult> {
    const Result<> published = row_checks::RequireRow(db, fmt::format("article {}", id),
                                                      row_checks::kPublishedForShare, now, id);
    if (!published) return tl::unexpected(published.error());
    const Result<std::int64_t> inserted =
        ReadAffected(Query(db, reader_sql::kInsertRecommend, id, visitor, now));
    if (!inserted) return tl::unexpected(inserted.error());
    RecommendResult result{.counted = *inserted > 0};
    const Result<std::int64_t> total = ReadCount(
        Query(db, result.counted ? reader_sql::kBumpRecommends : reader_sql::kRecommends, id));
    if (!total) return tl::unexpected(total.error());
    result.recommends = *total;
    return result;
  });
}

template <typename B>
Result<std::vector<RankedSummary>> SqlStore<B>::MostRecommended(Timestamp since, int limit,
                                                                Timestamp now) const {
  return reader_sql::RankedSince(backend(), reader_sql::kMostRecommended, since, limit, now);
}

template <typename B>
Result<std::vector<RankedSummary>> SqlStore<B>::MostEmailed(Timestamp since, int limit,
                                                            Timestamp now) const {
  return reader_sql::RankedSince(backend(), reader_sql::kMostEmailed, since, limit, now);
}

template <typename B>
Result<std::vector<RankedSummary>> SqlStore<B>::MostCommented(Timestamp since, int limit,
                                                              Timestamp now) const {
  return reader_sql::RankedSince(backend(), reader_sql::kMostCommented, since, limit, now);
}

template <typename B>
Result<MailOutbox::MailRequestCounts> SqlStore<B>::MailRequestsSince(std::string_view client,
                                                                     std::string_view sender_email,
                                                                     Timestamp since) const {
  return backend().OnReader([&](auto& db) -> Result<MailRequestCounts> {
    const Result<std::int64_t> by_client =
        ReadCount(Query(db, reader_sql::kClientRequests, client, since));
    if (!by_client) return tl::unexpected(by_client.error());
    const Result<std::int64_t> by_sender =
        ReadCount(Query(db, reader_sql::kSenderRequests, sender_email, since));
    if (!by_sender) return tl::unexpected(by_sender.error());
    return MailRequestCounts{*by_client, *by_sender};
  });
}

template <typename B>
Result<std::int64_t> SqlStore<B>::EnqueueMail(const NewMailRequest& request, MailCaps caps) {
  if (request.recipients.empty()) return Fail(ErrorCode::kInvalidInput, "no recipients");
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::int64_t> {
    if (Result<> locked = Write(db, reader_sql::kLockMailRequests); !locked) {
      return tl::unexpected(locked.error());
    }
    const Result<> exists =
        row_checks::RequireRow(db, fmt::format("article {}", request.article_id),
                               row_checks::kArticleExistsForShare, request.article_id);
    if (!exists) return tl::unexpected(exists.error());
    struct HourCounts {
      std::int64_t article = 0;
      std::int64_t site = 0;
    };
    const Result<HourCounts> hour = ReadOne<HourCounts>(
        Query(db, reader_sql::kMailRequestsAfter, request.article_id, request.created_at - 3600),
        [](const auto& row) {
          return HourCounts{row.Int(0), row.Int(1)};
        },
        "mail requests");
    if (!hour) return tl::unexpected(hour.error());
    if (hour->article >= caps.per_article_per_hour || hour->site >= caps.site_per_hour) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("hourly mail cap reached (article {}: {}, site: {})",
                              request.article_id, hour->article, hour->site));
    }
    const Result<std::int64_t> request_id =
        ReadCount(Query(db, reader_sql::kInsertMailRequest, request.article_id, request.client,
                        request.sender_email, static_cast<std::int64_t>(request.recipients.size()),
                        request.created_at));
    if (!request_id) return request_id;
    for (const NewMailRequest::Recipient& recipient : request.recipients) {
      if (Result<> done = Write(db, reader_sql::kInsertOutbox, *request_id, recipient.address,
                                recipient.message, request.created_at);
          !done) {
        return tl::unexpected(done.error());
      }
    }
    return request_id;
  });
}

template <typename B>
Result<std::int64_t> SqlStore<B>::EnqueueNotice(const NewNoticeMail& notice) {
  if (notice.correction_id.has_value() == notice.tip_id.has_value() || notice.recipient.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a notice is about one case or one tip, to someone");
  }
  const bool about_case = notice.correction_id.has_value();
  const std::int64_t about = about_case ? *notice.correction_id : *notice.tip_id;
  const std::string client = fmt::format("{}:{}", about_case ? "correction" : "tip", about);
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::int64_t> {
    const Result<> exists = row_checks::RequireRow(
        db, client, about_case ? reader_sql::kCorrectionExists : reader_sql::kTipExists, about);
    if (!exists) return tl::unexpected(exists.error());
    const Result<std::int64_t> request_id =
        ReadCount(Query(db, reader_sql::kInsertNoticeRequest, notice.correction_id, notice.tip_id,
                        client, notice.created_at));
    if (!request_id) return request_id;
    if (Result<> done = Write(db, reader_sql::kInsertOutbox, *request_id, notice.recipient,
                              notice.message, notice.created_at);
        !done) {
      return tl::unexpected(done.error());
    }
    return request_id;
  });
}

template <typename B>
Result<std::vector<OutboxMail>> SqlStore<B>::ClaimDueMails(Timestamp now, int limit,
                                                           Timestamp lease_until) {
  return ClaimDueOn<OutboxMail>(
      backend(), [](const auto& row) { return rows::ReadOutboxMail(row); },
      reader_sql::kClaimDueMails, now, limit, lease_until);
}

template <typename B>
Result<> SqlStore<B>::MarkMailSent(std::int64_t id, Timestamp at) {
  return reader_sql::UpdateOutbox(backend(), reader_sql::kMarkSent, id, at);
}

template <typename B>
Result<> SqlStore<B>::MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                    std::string_view error) {
  return reader_sql::UpdateOutbox(backend(), reader_sql::kMarkRetry, id, next_attempt_at, error);
}

template <typename B>
Result<> SqlStore<B>::MarkMailRejected(std::int64_t id, std::string_view error) {
  return reader_sql::UpdateOutbox(backend(), reader_sql::kMarkRejected, id, error);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::PendingMailCount() const {
  return backend().OnReader(
      [&](auto& db) { return ReadCount(Query(db, reader_sql::kPendingMails)); });
}

}  // namespace sinmun::store
