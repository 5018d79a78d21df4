#pragma once
// SqlStore: the views per 5-minute slot by source, and the traffic reads of the newsroom's
// 통계 page (issue #20), for both backends. Tables in sqlite/migrations/0011_view_slots.sql,
// postgres/migrations/0007_view_slots.sql and the readers' article_views_hourly.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace traffic_sql {

inline const Sql kAddSlot{
    "INSERT INTO view_slots (slot, referrer, mobile, views) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (slot, referrer, mobile) DO UPDATE "
    "SET views = view_slots.views + excluded.views"};
inline const Sql kSlotsSince{
    "SELECT slot, referrer, mobile, views FROM view_slots WHERE slot >= ?1 "
    "ORDER BY slot, referrer, mobile"};

// The filter of TrafficFilter, on `h` (article_views_hourly) joined with `a` (articles):
// ?2 section, ?3 reporter, ?4 article, each 0 for any.
#define SINMUN_TRAFFIC_FILTER                                                                \
  " AND (?2{::bigint} = 0 OR a.section_id = ?2) AND (?4{::bigint} = 0 OR h.article_id = ?4)" \
  " AND (?3{::bigint} = 0 OR EXISTS (SELECT 1 FROM article_reporters ar"                     \
  " WHERE ar.article_id = h.article_id AND ar.reporter_id = ?3))"

inline const Sql kViewsByHour{
    "SELECT h.hour, SUM(h.views) FROM article_views_hourly h JOIN articles a ON a.id = "
    "h.article_id WHERE h.hour >= ?1" SINMUN_TRAFFIC_FILTER " GROUP BY h.hour ORDER BY h.hour"};

// ?1 the window's first hour, ?5 the current hour, ?6 the limit, ?7 where the scan starts:
// 24 hours before the current one at the latest, for the hours "rising" compares with.
inline const Sql kTopArticles{
    "SELECT t.article_id, a.headline, s.name, t.views, t.this_hour, t.earlier, t.first_hour, "
    "a.recommends, "
    "(SELECT COALESCE(SUM(m.recipients), 0) FROM mail_requests m WHERE m.article_id = a.id), "
    "COALESCE((SELECT c.visible FROM comment_counts c WHERE c.article_id = a.id), 0) "
    "FROM (SELECT h.article_id, SUM(CASE WHEN h.hour >= ?1 THEN h.views ELSE 0 END) AS views, "
    "SUM(CASE WHEN h.hour = ?5 THEN h.views ELSE 0 END) AS this_hour, "
    "SUM(CASE WHEN h.hour < ?5 AND h.hour >= ?5 - 24 THEN h.views ELSE 0 END) AS earlier, "
    "COALESCE(MIN(CASE WHEN h.hour >= ?5 - 24 THEN h.hour END), 0) AS first_hour "
    "FROM article_views_hourly h JOIN articles a ON a.id = h.article_id "
    "WHERE h.hour >= ?7" SINMUN_TRAFFIC_FILTER
    " GROUP BY h.article_id HAVING SUM(CASE WHEN h.hour >= ?1 THEN h.views ELSE 0 END) > 0 "
    "ORDER BY views DESC, h.article_id DESC LIMIT ?6) t "
    "JOIN articles a ON a.id = t.article_id JOIN sections s ON s.id = a.section_id "
    "ORDER BY t.views DESC, t.article_id DESC"};

#undef SINMUN_TRAFFIC_FILTER

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
Result<std::vector<HourTotal>> SqlStore<B>::ViewsByHour(std::int64_t from_hour,
                                                        const TrafficFilter& filter) const {
  return ReadAllOn<HourTotal>(
      backend(),
      [](const auto& row) {
        return HourTotal{row.Int(0), row.Int(1)};
      },
      traffic_sql::kViewsByHour, from_hour, filter.section, filter.reporter, filter.article);
}

template <typename B>
Result<std::vector<ArticleTraffic>> SqlStore<B>::TopArticles(std::int64_t from_hour,
                                                             std::int64_t current_hour,
                                                             const TrafficFilter& filter,
                                                             int limit) const {
  if (limit <= 0) return std::vector<ArticleTraffic>{};
  return ReadAllOn<ArticleTraffic>(
      backend(),
      [](const auto& row) {
        return ArticleTraffic{.id = row.Int(0),
                              .headline = row.Text(1),
                              .section = row.Text(2),
                              .views = row.Int(3),
                              .this_hour = row.Int(4),
                              .earlier = row.Int(5),
                              .first_hour = row.Int(6),
                              .recommends = row.Int(7),
                              .emails = row.Int(8),
                              .comments = row.Int(9)};
      },
      traffic_sql::kTopArticles, from_hour, filter.section, filter.reporter, filter.article,
      current_hour, std::int64_t{limit}, std::min(from_hour, current_hour - 24));
}

}  // namespace sinmun::store
