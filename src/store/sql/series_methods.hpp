#pragma once
// SqlStore: series (연재, issue #18), for both backends. Tables in
// sqlite/migrations/0023_series.sql and postgres/migrations/0019_series.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include "store/series_book.hpp"
#include "store/sql/account_methods.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace series_sql {

#define SINMUN_SERIES_COLUMNS "id, title, description, created_at"
inline const Sql kInsert{
    "INSERT INTO series (title, description, created_at) VALUES (?1, ?2, ?3) RETURNING id"};
inline const Sql kUpdate{"UPDATE series SET title = ?2, description = ?3 WHERE id = ?1"};
inline const Sql kAll{"SELECT " SINMUN_SERIES_COLUMNS " FROM series ORDER BY id DESC"};
inline const Sql kById{"SELECT " SINMUN_SERIES_COLUMNS " FROM series WHERE id = ?1"};
#undef SINMUN_SERIES_COLUMNS

inline const Sql kSeriesExists{"SELECT 1 FROM series WHERE id = ?1"};
inline const Sql kPut{
    "INSERT INTO article_series (article_id, series_id, episode) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (article_id) DO UPDATE SET series_id = excluded.series_id, "
    "episode = excluded.episode"};
inline const Sql kRemove{"DELETE FROM article_series WHERE article_id = ?1"};
inline const Sql kPlace{"SELECT series_id, episode FROM article_series WHERE article_id = ?1"};

// Published episodes in order: by episode number, then id for two of one number.
#define SINMUN_EPISODE_COLUMNS "a.id, e.episode, a.headline, a.registered_at"
#define SINMUN_EPISODE_FROM                                        \
  " FROM article_series e JOIN articles a ON a.id = e.article_id " \
  "WHERE a.status = 'published' AND a.registered_at <= ?1{::bigint} AND e.series_id = ?2"
inline const Sql kEpisodes{"SELECT " SINMUN_EPISODE_COLUMNS SINMUN_EPISODE_FROM
                           " ORDER BY e.episode, a.id"};
// The episodes just before and after episode ?3 (article ?4) of series ?2.
inline const Sql kBefore{"SELECT " SINMUN_EPISODE_COLUMNS SINMUN_EPISODE_FROM
                         " AND (e.episode, a.id) < (?3, ?4) ORDER BY e.episode DESC, a.id DESC "
                         "LIMIT 1"};
inline const Sql kAfter{"SELECT " SINMUN_EPISODE_COLUMNS SINMUN_EPISODE_FROM
                        " AND (e.episode, a.id) > (?3, ?4) ORDER BY e.episode, a.id LIMIT 1"};
#undef SINMUN_EPISODE_COLUMNS
#undef SINMUN_EPISODE_FROM

inline const auto kReadSeries = rows::FieldReader<Series>(
    &Series::id, &Series::title, &Series::description, &Series::created_at);
inline const auto kReadEpisode =
    rows::FieldReader<SeriesEpisode>(&SeriesEpisode::article_id, &SeriesEpisode::episode,
                                     &SeriesEpisode::headline, &SeriesEpisode::registered_at);
inline const auto kReadPlace =
    rows::FieldReader<SeriesPlace>(&SeriesPlace::series_id, &SeriesPlace::episode);

template <typename Db>
Result<std::optional<SeriesEpisode>> EpisodeNear(Db& db, const Sql& sql, Timestamp now,
                                                 SeriesId series, int episode, ArticleId article) {
  return ReadFirst<SeriesEpisode>(Query(db, sql, now, series, std::int64_t{episode}, article),
                                  kReadEpisode);
}

}  // namespace series_sql

template <typename B>
Result<SeriesId> SqlStore<B>::CreateSeries(const Series& series) {
  if (series.title.empty()) return Fail(ErrorCode::kInvalidInput, "series: empty title");
  return InsertOn(backend(), series_sql::kInsert, series.title, series.description,
                  series.created_at);
}

template <typename B>
Result<> SqlStore<B>::UpdateSeries(const Series& series) {
  if (series.title.empty()) return Fail(ErrorCode::kInvalidInput, "series: empty title");
  return account_sql::UpdateSite(backend(), "series", fmt::format("no series {}", series.id),
                                 series_sql::kUpdate, series.id, series.title, series.description);
}

template <typename B>
Result<std::vector<Series>> SqlStore<B>::AllSeries() const {
  return ReadAllOn<Series>(backend(), series_sql::kReadSeries, series_sql::kAll);
}

template <typename B>
Result<Series> SqlStore<B>::SeriesById(SeriesId id) const {
  return ReadOneOn<Series>(backend(), series_sql::kReadSeries, fmt::format("no series {}", id),
                           series_sql::kById, id);
}

template <typename B>
Result<> SqlStore<B>::SetArticleSeries(ArticleId article, std::optional<SeriesPlace> place,
                                       Timestamp at) {
  if (place && place->episode < 1) {
    return Fail(ErrorCode::kInvalidInput, "series: an episode number starts at 1");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<> article_found = row_checks::RequireRow(db, fmt::format("no article {}", article),
                                                          row_checks::kArticleExists, article);
    if (!article_found) return article_found;
    if (place) {
      const Result<> series_found =
          row_checks::RequireRow(db, fmt::format("no series {}", place->series_id),
                                 series_sql::kSeriesExists, place->series_id);
      if (!series_found) return series_found;
      if (Result<> done =
              Write(db, series_sql::kPut, article, place->series_id, std::int64_t{place->episode});
          !done) {
        return done;
      }
    } else if (Result<> done = Write(db, series_sql::kRemove, article); !done) {
      return done;
    }
    return LogChange(db, article, "series", at);
  });
}

template <typename B>
Result<std::optional<SeriesPlace>> SqlStore<B>::SeriesPlaceOf(ArticleId article) const {
  return ReadFirstOn<SeriesPlace>(backend(), series_sql::kReadPlace, series_sql::kPlace, article);
}

template <typename B>
Result<std::optional<ArticleSeries>> SqlStore<B>::ArticleSeriesAt(ArticleId article,
                                                                  Timestamp now) const {
  return backend().OnSnapshot([&](auto& db) -> Result<std::optional<ArticleSeries>> {
    const Result<std::optional<SeriesPlace>> place =
        ReadFirst<SeriesPlace>(Query(db, series_sql::kPlace, article), series_sql::kReadPlace);
    if (!place) return tl::unexpected(place.error());
    if (!*place) return std::optional<ArticleSeries>();
    const SeriesPlace& at = **place;
    Result<Series> series = ReadOne<Series>(Query(db, series_sql::kById, at.series_id),
                                            series_sql::kReadSeries, "series");
    if (!series) return tl::unexpected(series.error());
    ArticleSeries result{.series = std::move(*series), .episode = at.episode};
    Result<std::optional<SeriesEpisode>> before =
        series_sql::EpisodeNear(db, series_sql::kBefore, now, at.series_id, at.episode, article);
    if (!before) return tl::unexpected(before.error());
    Result<std::optional<SeriesEpisode>> after =
        series_sql::EpisodeNear(db, series_sql::kAfter, now, at.series_id, at.episode, article);
    if (!after) return tl::unexpected(after.error());
    result.previous = std::move(*before);
    result.next = std::move(*after);
    return std::optional<ArticleSeries>(std::move(result));
  });
}

template <typename B>
Result<std::vector<SeriesEpisode>> SqlStore<B>::SeriesEpisodes(SeriesId series,
                                                               Timestamp now) const {
  return ReadAllOn<SeriesEpisode>(backend(), series_sql::kReadEpisode, series_sql::kEpisodes, now,
                                  series);
}

}  // namespace sinmun::store
