#pragma once
// SqlStore: the published catalog (sections, reporters, articles and their lists), the
// archive reads behind sitemaps and feeds, the change feed and the bulk load, for both
// backends. Reading one published article whole is each backend's own plan
// (Backend::ReadPublishedArticle, */article_reads.cpp).
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "store/desk_writes.hpp"
#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/snippet.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/summary_sql.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace catalog_sql {

inline const Sql kSections{
    "SELECT id, slug, name, position FROM sections WHERE NOT hidden ORDER BY position, id"};
inline const Sql kSectionBySlug{"SELECT id, slug, name, position FROM sections WHERE slug = ?1"};
#define SINMUN_REPORTERS "SELECT id, name, email, bio, COALESCE(photo, '') FROM reporters "
inline const Sql kReporterById{SINMUN_REPORTERS "WHERE id = ?1"};
inline const Sql kReporters{SINMUN_REPORTERS "ORDER BY name, id"};
#undef SINMUN_REPORTERS

// ?1 is always `now`: the visibility rule of store.hpp.
#define SINMUN_PUBLISHED(a) a "status = 'published' AND " a "registered_at <= ?1{::bigint}"

// Neighbours and position order by (registered_at, id) within the section of published
// article ?2 (p), each in one statement: on both backends the subqueries seek the
// articles_section_latest index from p. Older articles need no `registered_at <= now` test:
// p itself is public, so anything before it is too, and the extra bound would make SQLite
// scan from `now` down instead of seeking to p. No row: ?2 is not published.
#define SINMUN_AROUND_P "x.status = 'published' AND x.section_id = p.section_id AND "
#define SINMUN_FROM_P " FROM articles p WHERE " SINMUN_PUBLISHED("p.") " AND p.id = ?2"
// The headlines are read by id once the ids are found: the page's links need no more (in
// SQLite from the articles_headlines index, 0035, not from the article's whole row). The ids
// are a MATERIALIZED table: as a subquery in FROM, SQLite flattened it into the outer query
// and sought each neighbour twice, once for its id and again for its headline.
#define SINMUN_HEADLINE_OF(id)                                                               \
  "COALESCE((SELECT h.headline FROM articles h{indexed:articles_headlines} WHERE h.id = " id \
  "), '')"
inline const Sql kNeighbors{
    "WITH n AS MATERIALIZED (SELECT (SELECT x.id FROM articles x WHERE " SINMUN_AROUND_P
    "(x.registered_at, x.id) < (p.registered_at, p.id) "
    "ORDER BY x.registered_at DESC, x.id DESC LIMIT 1) AS older, "
    "(SELECT x.id FROM articles x WHERE " SINMUN_AROUND_P
    "x.registered_at <= ?1{::bigint} AND "
    "(x.registered_at, x.id) > (p.registered_at, p.id) ORDER BY "
    "x.registered_at, x.id LIMIT 1) AS newer" SINMUN_FROM_P ") SELECT n.older, " SINMUN_HEADLINE_OF(
        "n.older") ", n.newer, " SINMUN_HEADLINE_OF("n.newer") " FROM n"};
#undef SINMUN_HEADLINE_OF
// ?2 the photo's name (the file name up to its last '-'), ?3 the file. Each use of a photo
// is found by its photo_id index (SQLite 0031 and 0032, PostgreSQL 0027 and 0028); a
// reporter's photo column holds one file.
inline const Sql kUploadIsPublic{
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM reporters r WHERE r.photo = ?3) OR "
    "EXISTS (SELECT 1 FROM photos p WHERE p.name = ?2 AND ("
    "EXISTS (SELECT 1 FROM article_photos u JOIN articles a ON a.id = u.article_id "
    "WHERE u.photo_id = p.id AND " SINMUN_PUBLISHED("a.") ") OR "
    "EXISTS (SELECT 1 FROM article_gallery u JOIN articles a ON a.id = u.article_id "
    "WHERE u.photo_id = p.id AND " SINMUN_PUBLISHED("a.") ") OR "
    "EXISTS (SELECT 1 FROM ad_campaigns c WHERE c.photo_id = p.id))) THEN 1 ELSE 0 END"};
inline const Sql kPosition{"SELECT (SELECT COUNT(*) FROM articles x WHERE " SINMUN_AROUND_P
                           "x.registered_at <= ?1{::bigint} AND (x.registered_at, x.id) > "
                           "(p.registered_at, p.id))" SINMUN_FROM_P};
#undef SINMUN_AROUND_P
#undef SINMUN_FROM_P

// A list of summaries in two steps: `ids` picks one page of ids from the indexes alone, then
// the summary columns (rows::ReadSummary) are read for those rows only. In one step SQLite
// would compute every column, the byline subquery included, for every row it sorts or skips.
inline std::string SummariesOf(std::string_view ids, std::string_view order) {
  return fmt::format(
      "SELECT {} FROM ({}) page JOIN articles a ON a.id = page.id "
      "JOIN sections s ON s.id = a.section_id{}ORDER BY {}",
      SINMUN_SUMMARY_COLUMNS, ids, SINMUN_SUMMARY_PHOTO_JOIN, order);
}

constexpr std::string_view kNewestFirst = "a.registered_at DESC, a.id DESC";

// Statements with optional filters come in variants that number only the parameters they use
// (PostgreSQL wants every numbered parameter used): ?1 now, then the fixed ones, then the
// filters present in the order WithPresent passes them.
struct LatestSql {
  Sql list;    // … ?n limit, ?n+1 offset after the filters
  Sql count;   // the filters only
  Sql starts;  // … ?n page size: rows of (registered_at, id, articles it stands for), in order
  Sql from;    // … (?n, ?n+1) the first key, ?n+2 limit
};

// `video_only` and `gallery_only` add a test with no parameter, which the partial index
// articles_video_latest (the articles with a video) or articles_gallery_latest (포토뉴스)
// matches, so the 영상뉴스 and 포토뉴스 lists walk only those.
inline LatestSql MakeLatestSql(bool by_section, bool by_reporter, bool video_only,
                               bool gallery_only) {
  // CROSS JOIN makes SQLite start from the reporter's few bylines instead of walking all
  // articles newest first and probing each one for the reporter; PostgreSQL plans it freely.
  const std::string_view from =
      by_reporter ? "FROM article_reporters f CROSS JOIN articles a WHERE a.id = f.article_id AND "
                  : "FROM articles a WHERE ";
  std::string where = SINMUN_PUBLISHED("a.");
  // ?1 stays `now` in the seek, tested where it cannot steer the plan.
  std::string seek_where = "a.status = 'published' AND ?1{::bigint} > 0";
  int next = 2;
  std::string filters;
  if (by_section) filters += fmt::format(" AND a.section_id = ?{}", next++);
  if (by_reporter) filters += fmt::format(" AND f.reporter_id = ?{}", next++);
  if (video_only) filters += " AND a.video <> ''";
  if (gallery_only) filters += " AND a.gallery = 1";
  where += filters;
  seek_where += filters;
  return LatestSql{
      .list = Sql(SummariesOf(fmt::format("SELECT a.id {}{} ORDER BY {} LIMIT ?{} OFFSET ?{}", from,
                                          where, kNewestFirst, next, next + 1),
                              kNewestFirst)),
      .count = Sql(fmt::format("SELECT COUNT(*) {}{}", from, where)),
      // The page starts as rows of (key, articles from it to the next row): every key on
      // SQLite, one a page on PostgreSQL, added up by ListPageStarts. Each backend's own plan:
      // PostgreSQL numbers the list itself (ROW_NUMBER), so that one row a page crosses the
      // network; SQLite's window function took 5-10 times a plain read of the same keys
      // (21,500 in a section: 90-240 ms against 2-17 ms, docs/BENCHMARKS.md), and its rows
      // cost no round trip in process. SQLite's text names ?n in a test it evaluates once.
      .starts = Sql::Override(
          fmt::format("SELECT a.registered_at, a.id, 1 {}{} AND ?{} > 0 ORDER BY {}", from, where,
                      next, kNewestFirst),
          fmt::format("SELECT registered_at, id, ?{0}::bigint FROM (SELECT a.registered_at, a.id, "
                      "ROW_NUMBER() OVER (ORDER BY {1}) AS n {2}{3}) numbered "
                      "WHERE (n - 1) % ?{0} = 0 ORDER BY n",
                      next, kNewestFirst, from, where)),
      // No `registered_at <= now` here: the caller keeps the first key at or before now, so
      // every older article is public too, and the extra bound would make SQLite scan down
      // from now instead of seeking to the key (as in kNeighbors).
      .from = Sql(SummariesOf(
          fmt::format("SELECT a.id {}{} AND (a.registered_at, a.id) <= (?{}{{::bigint}}, "
                      "?{}{{::bigint}}) ORDER BY {} LIMIT ?{}",
                      from, seek_where, next, next + 1, kNewestFirst, next + 2),
          kNewestFirst)),
  };
}

// Indexed by (section ? 1 : 0) + (reporter ? 2 : 0) + (video only ? 4 : 0) + (galleries only ?
// 8 : 0): LatestSqlFor.
template <size_t... Index>
std::array<LatestSql, sizeof...(Index)> MakeAllLatestSql(std::index_sequence<Index...>) {
  return {MakeLatestSql((Index & 1) != 0, (Index & 2) != 0, (Index & 4) != 0, (Index & 8) != 0)...};
}
inline const std::array<LatestSql, 16> kLatest = MakeAllLatestSql(std::make_index_sequence<16>());
inline const LatestSql& LatestSqlFor(const ArticleFilter& filter) {
  return kLatest[(filter.section_id ? 1 : 0) + (filter.reporter_id ? 2 : 0) +
                 (filter.video_only ? 4 : 0) + (filter.gallery_only ? 8 : 0)];
}

// MostViewed: ?1 now, ?2 limit, then since and section when present. The counted articles
// come from article_views, most first; when they are fewer than the limit, the uncounted ones
// (no row there, 0 views) follow newest first, as they would in one ranking by views.
struct MostViewedSql {
  Sql counted;
  Sql uncounted;
};

// The order of both lists: `page.n` is the views.
constexpr std::string_view kMostViewedFirst = "page.n DESC, a.registered_at DESC, a.id DESC";

inline MostViewedSql MakeMostViewedSql(bool by_section, bool since) {
  int next = 3;
  std::string window = since ? fmt::format(" AND a.registered_at >= ?{}", next++) : "";
  if (by_section) window += fmt::format(" AND a.section_id = ?{}", next++);
  // Without `since`, the walk starts from the views index, in order, and stops after `limit`
  // published rows; the unary + keeps SQLite from starting from a registered_at index for the
  // `<= now` bound instead. With `since`, the time window is usually the smaller set, so it
  // drives, and its counted articles are sorted.
  const std::string counted =
      since ? fmt::format(
                  "SELECT a.id, v.views AS n FROM articles a CROSS JOIN article_views v "
                  "WHERE v.article_id = a.id AND a.status = 'published' AND a.registered_at <= ?1"
                  "{} ORDER BY v.views DESC, a.registered_at DESC, a.id DESC LIMIT ?2",
                  window)
            : fmt::format(
                  "SELECT a.id, v.views AS n FROM article_views v CROSS JOIN articles a "
                  "WHERE a.id = v.article_id AND a.status = 'published' AND +a.registered_at <= "
                  "?1{} ORDER BY v.views DESC, a.registered_at DESC, a.id DESC LIMIT ?2",
                  window);
  // Walks the newest-first index and skips the counted, of which there are fewer than `limit`
  // when this runs: at most twice the limit rows.
  const std::string uncounted = fmt::format(
      "SELECT a.id, 0 AS n FROM articles a WHERE a.status = 'published' AND a.registered_at <= "
      "?1{} AND NOT EXISTS (SELECT 1 FROM article_views v WHERE v.article_id = a.id) "
      "ORDER BY {} LIMIT ?2",
      window, kNewestFirst);
  return MostViewedSql{.counted = Sql(SummariesOf(counted, kMostViewedFirst)),
                       .uncounted = Sql(SummariesOf(uncounted, kMostViewedFirst))};
}

// Indexed by (section ? 1 : 0) + (since ? 2 : 0).
inline const MostViewedSql kMostViewed[] = {
    MakeMostViewedSql(false, false), MakeMostViewedSql(true, false), MakeMostViewedSql(false, true),
    MakeMostViewedSql(true, true)};

// Calls query(values...) with the values of the filters that are present, in order.
template <typename Query>
auto WithPresent(std::optional<std::int64_t> first, std::optional<std::int64_t> second,
                 Query query) {
  if (first && second) return query(*first, *second);
  if (first) return query(*first);
  if (second) return query(*second);
  return query();
}

// ArticleStamps: ?1 now, ?2 limit, ?3 offset. The articles_stamps index covers it.
inline const Sql kArticleStamps{
    "SELECT id, registered_at, modified_at FROM articles WHERE " SINMUN_PUBLISHED(
        "") " ORDER BY registered_at, id LIMIT ?2 OFFSET ?3"};
// ArticleStampBatches: ?1 now, ?2 batch size; rows of (count, last change) in the order
// ArticleStamps pages through, which the caller adds up into batches of ?2 articles. Each
// backend's own plan, measured at 190,000 articles: PostgreSQL numbers and groups the rows
// itself (index-only scan, window, a 64 kB hash aggregate), so that 190 rows cross the network
// and not one per article (psql took 1.3 s and 13 MB more memory for every row, 0.9 s for
// the groups); SQLite sends one row per article, which costs no round trip in process,
// because grouping made it sort every row in a temporary B-tree first (40 MB at 1 M articles).
// SQLite's text names ?2 in a test it evaluates once: binding a parameter that a statement
// lacks is an error there.
inline const Sql kArticleStampBatches = Sql::Override(
    "SELECT 1, MAX(registered_at, COALESCE(modified_at, registered_at)) FROM articles "
    "WHERE ?2 > 0 AND " SINMUN_PUBLISHED("") " ORDER BY registered_at, id",
    "SELECT COUNT(*), MAX(GREATEST(registered_at, COALESCE(modified_at, registered_at))) FROM ("
    "SELECT (ROW_NUMBER() OVER (ORDER BY registered_at, id) - 1) / ?2::bigint AS batch, "
    "registered_at, modified_at FROM articles WHERE " SINMUN_PUBLISHED(
        "") ") numbered GROUP BY batch ORDER BY batch");
// ArticlesRegisteredBetween: ?1 now, ?2 from, ?3 to, (?4, ?5) after, ?6 limit.
inline const Sql kRegisteredBetween{
    SummariesOf("SELECT a.id FROM articles a WHERE " SINMUN_PUBLISHED(
                    "a.") " AND a.registered_at >= ?2 AND a.registered_at < ?3"
                          " AND (a.registered_at, a.id) > (?4{::bigint}, ?5{::bigint}) "
                          "ORDER BY a.registered_at, a.id LIMIT ?6",
                "a.registered_at, a.id")};

#undef SINMUN_PUBLISHED

// SQLite numbers changes in sqlite_sequence, which has no row for `changes` until the first
// change is written; PostgreSQL keeps its one-row counter (change_log.hpp).
inline const Sql kChangeSequence = Sql::Override(
    "SELECT seq FROM sqlite_sequence WHERE name = 'changes'", "SELECT seq FROM change_sequence");
inline const Sql kChangesSince{
    "SELECT seq, article_id FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2"};

inline const Sql kInsertSection{
    "INSERT INTO sections (slug, name, position) VALUES (?1, ?2, ?3) RETURNING id"};
inline const Sql kInsertReporter{
    "INSERT INTO reporters (name, email, bio) VALUES (?1, ?2, ?3) RETURNING id"};
inline const Sql kInsertArticle{
    "INSERT INTO articles (section_id, status, registered_at, modified_at, recommends, "
    "created_at, headline, snippet, body_markdown, kind, video, gallery) "
    "VALUES (?1, 'published', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id"};
// A starting view count (demo content, imports) goes where the counters add theirs.
inline const Sql kInsertViews{"INSERT INTO article_views (article_id, views) VALUES (?1, ?2)"};

// Writes one article with its sub-headlines, bylines, photos and change row. `index` is the
// article's place in its batch, for error details. REQUIRES: a write transaction is open on `db`.
template <typename Db>
Result<ArticleId> WriteArticle(Db& db, const NewArticle& article, size_t index, Timestamp at) {
  const std::string snippet = SnippetOf(article.body_markdown);
  const Result<ArticleId> id = ReadCount(
      Query(db, kInsertArticle, article.section_id, article.registered_at, article.modified_at,
            article.recommends, at, article.headline, snippet, article.body_markdown,
            ArticleKindName(article.kind), article.video, std::int64_t{article.gallery ? 1 : 0}));
  if (!id) {
    return tl::unexpected(Explain(
        id.error(), fmt::format("article {}: unknown section id {}", index, article.section_id)));
  }
  if (article.views > 0) {
    if (Result<> done = Write(db, kInsertViews, *id, article.views); !done) {
      return tl::unexpected(done.error());
    }
  }
  ArticleContent lists{.subheadlines = article.subheadlines,
                       .reporter_ids = article.reporter_ids,
                       .photos = article.photos};
  if (article.photo) {
    lists.photo_id = article.photo->photo_id;
    lists.photo_caption = article.photo->caption;
    lists.photo_credit = article.photo->credit;
  }
  if (Result<> done = desk::InsertChildren(db, *id, lists); !done) {
    return tl::unexpected(
        Explain(done.error(), fmt::format("article {}: {}", index, done.error().detail)));
  }
  if (Result<> done = LogChange(db, *id, "insert", at); !done) return tl::unexpected(done.error());
  return *id;
}

}  // namespace catalog_sql

template <typename B>
Result<std::vector<Section>> SqlStore<B>::Sections() const {
  return ReadAllOn<Section>(
      backend(), [](const auto& row) { return rows::ReadSection(row); }, catalog_sql::kSections);
}

template <typename B>
Result<Section> SqlStore<B>::SectionBySlug(std::string_view slug) const {
  return ReadOneOn<Section>(
      backend(), [](const auto& row) { return rows::ReadSection(row); },
      fmt::format("no section {}", slug), catalog_sql::kSectionBySlug, slug);
}

template <typename B>
Result<Reporter> SqlStore<B>::ReporterById(ReporterId id) const {
  return ReadOneOn<Reporter>(
      backend(), [](const auto& row) { return rows::ReadReporter(row); },
      fmt::format("no reporter {}", id), catalog_sql::kReporterById, id);
}

template <typename B>
Result<std::vector<Reporter>> SqlStore<B>::Reporters() const {
  return ReadAllOn<Reporter>(
      backend(), [](const auto& row) { return rows::ReadReporter(row); }, catalog_sql::kReporters);
}

template <typename B>
Result<Article> SqlStore<B>::PublishedArticle(ArticleId id, Timestamp now) const {
  return backend().OnReader([&](auto& db) { return B::ReadPublishedArticle(db, id, now); });
}

template <typename B>
Result<ArticleList> SqlStore<B>::LatestArticles(const ArticleFilter& filter, Page page,
                                                Timestamp now) const {
  if (page.number < 1 || page.size < 1 ||
      page.number - 1 > std::numeric_limits<std::int64_t>::max() / page.size) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("bad page {} of size {}", page.number, page.size));
  }
  const catalog_sql::LatestSql& sql = catalog_sql::LatestSqlFor(filter);
  return backend().OnSnapshot([&](auto& db) {
    return ReadPage<ArticleSummary>(
        catalog_sql::WithPresent(filter.section_id, filter.reporter_id,
                                 [&](auto... filters) {
                                   return Query(db, sql.list, now, filters...,
                                                std::int64_t{page.size},
                                                (page.number - 1) * page.size);
                                 }),
        [](const auto& row) { return rows::ReadSummary(row); },
        catalog_sql::WithPresent(filter.section_id, filter.reporter_id, [&](auto... filters) {
          return Query(db, sql.count, now, filters...);
        }));
  });
}

template <typename B>
Result<ListPages> SqlStore<B>::ListPageStarts(const ArticleFilter& filter, int page_size,
                                              Timestamp now) const {
  if (page_size < 1 || page_size > 100) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad page size {}", page_size));
  }
  const catalog_sql::LatestSql& sql = catalog_sql::LatestSqlFor(filter);
  return backend().OnSnapshot([&](auto& db) -> Result<ListPages> {
    // A row starts a page when the articles before it fill whole pages.
    std::vector<ArticleKey> starts;
    std::int64_t position = 0;
    Result<> read =
        ForEachRow(catalog_sql::WithPresent(filter.section_id, filter.reporter_id,
                                            [&](auto... filters) {
                                              return Query(db, sql.starts, now, filters...,
                                                           std::int64_t{page_size});
                                            }),
                   [&](const auto& row) {
                     if (position % page_size == 0) {
                       starts.push_back(ArticleKey{.registered_at = row.Int(0), .id = row.Int(1)});
                     }
                     position += row.Int(2);
                   });
    if (!read) return tl::unexpected(read.error());
    Result<std::int64_t> total = ReadCount(catalog_sql::WithPresent(
        filter.section_id, filter.reporter_id,
        [&](auto... filters) { return Query(db, sql.count, now, filters...); }));
    if (!total) return tl::unexpected(total.error());
    return ListPages{.starts = std::move(starts), .total = *total};
  });
}

template <typename B>
Result<std::vector<ArticleSummary>> SqlStore<B>::LatestArticlesFrom(const ArticleFilter& filter,
                                                                    ArticleKey first, int size,
                                                                    Timestamp now) const {
  if (size < 1 || size > 100) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad page size {}", size));
  }
  // The seek has no `now` bound of its own (LatestSql::from): a key past now starts at now.
  if (first.registered_at > now) first = ArticleKey::Newest(now);
  const catalog_sql::LatestSql& sql = catalog_sql::LatestSqlFor(filter);
  return backend().OnReader([&](auto& db) {
    return ReadAll<ArticleSummary>(
        catalog_sql::WithPresent(filter.section_id, filter.reporter_id,
                                 [&](auto... filters) {
                                   return Query(db, sql.from, now, filters..., first.registered_at,
                                                first.id, std::int64_t{size});
                                 }),
        [](const auto& row) { return rows::ReadSummary(row); });
  });
}

template <typename B>
Result<Neighbors> SqlStore<B>::NeighborsInSection(ArticleId id, Timestamp now) const {
  return ReadOneOn<Neighbors>(
      backend(),
      [](const auto& row) {
        return Neighbors{.previous = row.OptionalInt(0),
                         .next = row.OptionalInt(2),
                         .previous_headline = row.Text(1),
                         .next_headline = row.Text(3)};
      },
      fmt::format("no published article {}", id), catalog_sql::kNeighbors, now, id);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::PositionInSection(ArticleId id, Timestamp now) const {
  return ReadOneOn<std::int64_t>(
      backend(), [](const auto& row) { return row.Int(0); },
      fmt::format("no published article {}", id), catalog_sql::kPosition, now, id);
}

template <typename B>
Result<bool> SqlStore<B>::IsUploadPublic(std::string_view file, Timestamp now) const {
  // "2026/11/abc-400.jpg" and "2026/11/abc-og.jpg" are sizes of photo "2026/11/abc".
  const size_t dash = file.rfind('-');
  if (dash == std::string_view::npos) return false;
  const std::string_view name = file.substr(0, dash);
  Result<std::int64_t> shown = ReadOneOn<std::int64_t>(
      backend(), [](const auto& row) { return row.Int(0); }, "", catalog_sql::kUploadIsPublic, now,
      name, file);
  if (!shown) return tl::unexpected(shown.error());
  return *shown != 0;
}

template <typename B>
Result<std::vector<ArticleSummary>> SqlStore<B>::MostViewed(std::optional<SectionId> section,
                                                            std::optional<Timestamp> since,
                                                            int limit, Timestamp now) const {
  if (limit <= 0) return std::vector<ArticleSummary>{};
  const catalog_sql::MostViewedSql& sql =
      catalog_sql::kMostViewed[(section ? 1 : 0) + (since ? 2 : 0)];
  return backend().OnReader([&](auto& db) -> Result<std::vector<ArticleSummary>> {
    const auto read = [&](const Sql& list, std::int64_t count) {
      return ReadAll<ArticleSummary>(
          catalog_sql::WithPresent(
              since, section,
              [&](auto... filters) { return Query(db, list, now, count, filters...); }),
          [](const auto& row) { return rows::ReadSummary(row); });
    };
    Result<std::vector<ArticleSummary>> ranked = read(sql.counted, limit);
    if (!ranked || ranked->size() >= static_cast<size_t>(limit)) return ranked;
    Result<std::vector<ArticleSummary>> uncounted =
        read(sql.uncounted, limit - static_cast<std::int64_t>(ranked->size()));
    if (!uncounted) return uncounted;
    ranked->insert(ranked->end(), std::make_move_iterator(uncounted->begin()),
                   std::make_move_iterator(uncounted->end()));
    return ranked;
  });
}

template <typename B>
Result<std::vector<ArticleStamp>> SqlStore<B>::ArticleStamps(std::int64_t offset, int limit,
                                                             Timestamp now) const {
  if (offset < 0 || limit < 1 || limit > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad stamps {} + {}", offset, limit));
  }
  return backend().OnScanReader([&](auto& db) {
    return ReadAll<ArticleStamp>(
        Query(db, catalog_sql::kArticleStamps, now, std::int64_t{limit}, offset),
        [](const auto& row) {
          return ArticleStamp{
              .id = row.Int(0), .registered_at = row.Int(1), .modified_at = row.OptionalInt(2)};
        });
  });
}

template <typename B>
Result<std::vector<StampBatch>> SqlStore<B>::ArticleStampBatches(int batch_size,
                                                                 Timestamp now) const {
  if (batch_size < 1 || batch_size > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad batch size {}", batch_size));
  }
  std::vector<StampBatch> batches;
  Result<> read = backend().OnScanReader([&](auto& db) {
    // The rows stream by: SQLite's one per article is never held in memory.
    return ForEachRow(Query(db, catalog_sql::kArticleStampBatches, now, std::int64_t{batch_size}),
                      [&](const auto& row) {
                        if (batches.empty() || batches.back().count == batch_size) {
                          batches.emplace_back();
                        }
                        batches.back().count += row.Int(0);
                        batches.back().last_modified =
                            std::max(batches.back().last_modified, row.Int(1));
                      });
  });
  if (!read) return tl::unexpected(read.error());
  return batches;
}

template <typename B>
Result<std::vector<ArticleSummary>> SqlStore<B>::ArticlesRegisteredBetween(
    Timestamp from, Timestamp to, ArticleKey after, int limit, Timestamp now) const {
  if (limit < 1 || limit > 10'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad limit {}", limit));
  }
  return ReadAllOn<ArticleSummary>(
      backend(), [](const auto& row) { return rows::ReadSummary(row); },
      catalog_sql::kRegisteredBetween, now, from, to, after.registered_at, after.id,
      std::int64_t{limit});
}

template <typename B>
Result<std::int64_t> SqlStore<B>::ChangeSequence() const {
  return backend().OnReader([](auto& db) -> Result<std::int64_t> {
    const Result<std::optional<std::int64_t>> sequence =
        ReadOptionalInt(Query(db, catalog_sql::kChangeSequence));
    if (!sequence) return tl::unexpected(sequence.error());
    return sequence->value_or(0);
  });
}

template <typename B>
Result<std::vector<Change>> SqlStore<B>::ChangesSince(std::int64_t after_seq, int limit) const {
  if (limit <= 0) return std::vector<Change>{};
  return ReadAllOn<Change>(
      backend(),
      [](const auto& row) { return Change{.seq = row.Int(0), .article_id = row.Int(1)}; },
      catalog_sql::kChangesSince, after_seq, std::int64_t{limit});
}

template <typename B>
Result<SectionId> SqlStore<B>::InsertSection(const NewSection& section) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a section needs a slug and a name");
  }
  const Result<SectionId> id = InsertOn(backend(), catalog_sql::kInsertSection, section.slug,
                                        section.name, std::int64_t{section.position});
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, fmt::format("section slug {} is taken", section.slug));
  }
  return id;
}

template <typename B>
Result<ReporterId> SqlStore<B>::InsertReporter(const NewReporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "a reporter needs a name");
  return InsertOn(backend(), catalog_sql::kInsertReporter, reporter.name, reporter.email,
                  reporter.bio);
}

template <typename B>
Result<std::vector<ArticleId>> SqlStore<B>::InsertArticles(
    const std::vector<NewArticle>& articles) {
  if (Result<> valid = ValidateArticles(articles); !valid) return tl::unexpected(valid.error());
  if (articles.empty()) return std::vector<ArticleId>{};
  const auto at = static_cast<Timestamp>(std::time(nullptr));
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::vector<ArticleId>> {
    std::vector<ArticleId> ids;
    ids.reserve(articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      Result<ArticleId> id = catalog_sql::WriteArticle(db, articles[i], i, at);
      if (!id) return tl::unexpected(id.error());  // the transaction rolls back
      ids.push_back(*id);
    }
    return ids;
  });
}

}  // namespace sinmun::store
