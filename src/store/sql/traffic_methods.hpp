#pragma once
// SqlStore: the views per 5-minute slot by source, and the traffic reads of the newsroom's
// 통계 page (issue #20), for both backends. Tables in sqlite/migrations/0011_view_slots.sql,
// 0012_section_views_hourly.sql and 0016_reporter_views_hourly.sql, postgres/migrations/0007,
// 0008 and 0012, and the readers' article_views_hourly.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>

#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace traffic_sql {

inline const Sql kAddSlot{
    "INSERT INTO view_slots (slot, referrer, mobile, views) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (slot, referrer, mobile) DO UPDATE "
    "SET views = view_slots.views + excluded.views"};
inline const Sql kSlotsSince{
    "SELECT slot, referrer, mobile, views FROM view_slots WHERE slot >= ?1 "
    "ORDER BY slot, referrer, mobile"};

inline const Sql kDropSlotsBefore{"DELETE FROM view_slots WHERE slot < ?1"};

// Site-wide (?2 = 0) or one section's views per hour from the per-section rollup: sections x
// hours rows, whatever the number of articles read.
inline const Sql kSectionViewsByHour{
    "SELECT hour, SUM(views) FROM section_views_hourly WHERE hour >= ?1 "
    "AND (?2{::bigint} = 0 OR section_id = ?2) GROUP BY hour ORDER BY hour"};

// One reporter's views per hour from the per-reporter rollup: one row per hour.
inline const Sql kReporterViewsByHour{
    "SELECT hour, views FROM reporter_views_hourly WHERE reporter_id = ?2 AND hour >= ?1 "
    "ORDER BY hour"};

// How many articles reporter ?1 has bylines on (the unique key on reporter, article).
inline const Sql kBylineCount{"SELECT COUNT(*) FROM article_reporters WHERE reporter_id = ?1"};
// Those of the ids ?2 (a JSON array) on reporter ?1's byline: one key lookup each.
inline const Sql kReporterArticlesAmong{
    "SELECT list.value FROM ({ids:?2}) list WHERE EXISTS (SELECT 1 FROM article_reporters r "
    "WHERE r.reporter_id = ?1 AND r.article_id = list.value)"};

// A reporter's (with a section or an article) or one article's hourly rows: the list of articles
// (?4, or else reporter ?3's) drives the read, each a range of article_views_hourly's key; then
// every filter applies
// (?2 section, ?3 reporter, ?4 article, each 0 for any).
#define SINMUN_TRAFFIC_OF_ARTICLES                                                         \
  " FROM article_views_hourly h JOIN articles a ON a.id = h.article_id"                    \
  " WHERE h.article_id IN (SELECT ?4{::bigint} WHERE ?4{::bigint} <> 0 UNION ALL"          \
  " SELECT ar.article_id FROM article_reporters ar WHERE ?4{::bigint} = 0"                 \
  " AND ar.reporter_id = ?3) AND h.hour >= ?1 AND (?2{::bigint} = 0 OR a.section_id = ?2)" \
  " AND (?4{::bigint} = 0 OR h.article_id = ?4) AND (?3{::bigint} = 0 OR EXISTS (SELECT 1" \
  " FROM article_reporters r WHERE r.article_id = h.article_id AND r.reporter_id = ?3))"

inline const Sql kArticleViewsByHour{"SELECT h.hour, SUM(h.views)" SINMUN_TRAFFIC_OF_ARTICLES
                                     " GROUP BY h.hour ORDER BY h.hour"};

// The most-viewed ids of hours ?1 to ?4 (the current one): of the site or section ?2 (limit
// ?3), or of the articles of SINMUN_TRAFFIC_OF_ARTICLES (hours >= ?1, limit ?5). The upper
// bound makes SQLite read the window's hours by the hour index; with `hour >= ?1` alone it
// walked the whole table in key order for the GROUP BY.
inline const Sql kTopIdsOfSection{
    "SELECT h.article_id FROM article_views_hourly h JOIN articles a ON a.id = h.article_id "
    "WHERE h.hour BETWEEN ?1 AND ?4 AND (?2{::bigint} = 0 OR a.section_id = ?2) "
    "GROUP BY h.article_id ORDER BY SUM(h.views) DESC, h.article_id DESC LIMIT ?3"};
inline const Sql kTopIdsOfArticles{
    "SELECT h.article_id" SINMUN_TRAFFIC_OF_ARTICLES
    " GROUP BY h.article_id ORDER BY SUM(h.views) DESC, h.article_id DESC LIMIT ?5"};

// What the dashboard shows of each article of the list ?3 (a JSON array): its views in hours
// >= ?1, in the current hour ?2 and the 24 before it, the first of those 25 hours with a view,
// its recommends, e-mails and comments. Each sum is a range of article_views_hourly's key;
// the list drives the join (CROSS JOIN fixes SQLite's order, as in kSummariesByIds).
#define SINMUN_HOURS_OF_A(what, hours) \
  "(SELECT " what " FROM article_views_hourly h WHERE h.article_id = a.id AND " hours ")"
inline const Sql kTrafficOfIds{
    "SELECT a.id, a.headline, s.name, "
    SINMUN_HOURS_OF_A("COALESCE(SUM(h.views), 0)", "h.hour >= ?1") ", "
    SINMUN_HOURS_OF_A("COALESCE(SUM(h.views), 0)", "h.hour = ?2") ", "
    SINMUN_HOURS_OF_A("COALESCE(SUM(h.views), 0)", "h.hour < ?2 AND h.hour >= ?2 - 24") ", "
    SINMUN_HOURS_OF_A("COALESCE(MIN(h.hour), 0)", "h.hour >= ?2 - 24") ", a.recommends, "
    "(SELECT COALESCE(SUM(m.recipients), 0) FROM mail_requests m WHERE m.article_id = a.id), "
    "COALESCE((SELECT c.visible FROM comment_counts c WHERE c.article_id = a.id), 0) "
    "FROM ({ids:?3}) list CROSS JOIN articles a JOIN sections s ON s.id = a.section_id "
    "WHERE a.id = list.value"};

#undef SINMUN_HOURS_OF_A
#undef SINMUN_TRAFFIC_OF_ARTICLES

}  // namespace traffic_sql

template <typename B>
Result<> SqlStore<B>::AddSlotViews(const std::vector<SlotViews>& views) {
  for (const SlotViews& row : views) {
    if (std::find(kReferrerNames.begin(), kReferrerNames.end(), row.referrer) ==
        kReferrerNames.end()) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("referrer class '{}'", row.referrer));
    }
  }
  if (views.empty()) return {};
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    for (const SlotViews& row : views) {
      if (row.views <= 0) continue;
      if (Result<> done = Write(db, traffic_sql::kAddSlot, row.slot, std::string_view(row.referrer),
                                std::int64_t{row.mobile ? 1 : 0}, row.views);
          !done) {
        return done;
      }
    }
    return {};
  });
}

template <typename B>
Result<std::vector<SlotViews>> SqlStore<B>::SlotViewsSince(std::int64_t from_slot) const {
  return ReadAllOn<SlotViews>(
      backend(),
      [](const auto& row) {
        return SlotViews{row.Int(0), row.Text(1), row.Int(2) != 0, row.Int(3)};
      },
      traffic_sql::kSlotsSince, from_slot);
}

template <typename B>
Result<> SqlStore<B>::DropSlotViewsBefore(std::int64_t slot) {
  return backend().OnWriter(
      [&](auto& db) -> Result<> { return Write(db, traffic_sql::kDropSlotsBefore, slot); });
}

template <typename B>
Result<std::vector<HourTotal>> SqlStore<B>::ViewsByHour(std::int64_t from_hour,
                                                        const TrafficFilter& filter) const {
  const auto read = [](const auto& row) { return HourTotal{row.Int(0), row.Int(1)}; };
  if (filter.reporter == 0 && filter.article == 0) {
    return ReadAllOn<HourTotal>(backend(), read, traffic_sql::kSectionViewsByHour, from_hour,
                                filter.section);
  }
  if (filter.section == 0 && filter.article == 0) {
    return ReadAllOn<HourTotal>(backend(), read, traffic_sql::kReporterViewsByHour, from_hour,
                                filter.reporter);
  }
  return ReadAllOn<HourTotal>(backend(), read, traffic_sql::kArticleViewsByHour, from_hour,
                              filter.section, filter.reporter, filter.article);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::BylineCount(ReporterId reporter) const {
  return backend().OnReader(
      [&](auto& db) { return ReadCount(Query(db, traffic_sql::kBylineCount, reporter)); });
}

template <typename B>
Result<std::vector<ArticleId>> SqlStore<B>::ReporterArticlesAmong(
    ReporterId reporter, const std::vector<ArticleId>& ids) const {
  if (ids.empty()) return std::vector<ArticleId>{};
  const std::string json_ids = JsonIds(ids);
  Result<std::vector<ArticleId>> found = ReadAllOn<ArticleId>(
      backend(), [](const auto& row) { return ArticleId{row.Int(0)}; },
      traffic_sql::kReporterArticlesAmong, reporter, std::string_view(json_ids));
  if (!found) return found;
  // In the order given (the rankings'), whatever order the backend returned them in.
  const std::unordered_set<ArticleId> mine(found->begin(), found->end());
  std::vector<ArticleId> ordered;
  for (ArticleId id : ids) {
    if (mine.contains(id)) ordered.push_back(id);
  }
  return ordered;
}

template <typename B>
Result<std::vector<ArticleTraffic>> SqlStore<B>::TopArticles(std::int64_t from_hour,
                                                             std::int64_t current_hour,
                                                             const TrafficFilter& filter,
                                                             int limit) const {
  if (limit <= 0) return std::vector<ArticleTraffic>{};
  const auto read = [](const auto& row) { return ArticleId{row.Int(0)}; };
  const Result<std::vector<ArticleId>> ids =
      filter.reporter == 0 && filter.article == 0
          ? ReadAllOn<ArticleId>(backend(), read, traffic_sql::kTopIdsOfSection, from_hour,
                                 filter.section, std::int64_t{limit}, current_hour)
          : ReadAllOn<ArticleId>(backend(), read, traffic_sql::kTopIdsOfArticles, from_hour,
                                 filter.section, filter.reporter, filter.article,
                                 std::int64_t{limit});
  if (!ids) return tl::unexpected(ids.error());
  return ArticlesTraffic(*ids, from_hour, current_hour);
}

template <typename B>
Result<std::vector<ArticleTraffic>> SqlStore<B>::ArticlesTraffic(const std::vector<ArticleId>& ids,
                                                                 std::int64_t from_hour,
                                                                 std::int64_t current_hour) const {
  if (ids.size() > 100) return Fail(ErrorCode::kInvalidInput, "at most 100 ids at once");
  if (ids.empty()) return std::vector<ArticleTraffic>{};
  const std::string json_ids = JsonIds(ids);
  Result<std::vector<ArticleTraffic>> read = ReadAllOn<ArticleTraffic>(
      backend(),
      rows::FieldReader<ArticleTraffic>(&ArticleTraffic::id, &ArticleTraffic::headline,
                                        &ArticleTraffic::section, &ArticleTraffic::views,
                                        &ArticleTraffic::this_hour, &ArticleTraffic::earlier,
                                        &ArticleTraffic::first_hour, &ArticleTraffic::recommends,
                                        &ArticleTraffic::emails, &ArticleTraffic::comments),
      traffic_sql::kTrafficOfIds, from_hour, current_hour, std::string_view(json_ids));
  if (!read) return read;
  // Most viewed first, ties newer first; an article without views in the window is left out.
  std::erase_if(*read, [](const ArticleTraffic& article) { return article.views <= 0; });
  std::sort(read->begin(), read->end(), [](const ArticleTraffic& a, const ArticleTraffic& b) {
    return a.views != b.views ? a.views > b.views : a.id > b.id;
  });
  const auto repeated =
      std::unique(read->begin(), read->end(),
                  [](const ArticleTraffic& a, const ArticleTraffic& b) { return a.id == b.id; });
  read->erase(repeated, read->end());
  return read;
}

}  // namespace sinmun::store
