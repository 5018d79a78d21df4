// PgStore: opening, the catalog (sections, reporters), published articles and their lists,
// sitemap stamps and the change log. See store.hpp for the contracts and sqlite_store.cpp for
// the reference implementation; the SQL below says the same in PostgreSQL.
#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <charconv>
#include <ctime>
#include <limits>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/text.hpp"
#include "store/migration.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/migrate.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"
#include "store/sql/account_methods.hpp"
#include "store/sql/ad_methods.hpp"
#include "store/sql/comment_methods.hpp"
#include "store/sql/desk_methods.hpp"
#include "store/sql/reader_methods.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::postgres {
namespace {

using rows::ReadReporter;
using rows::ReadSection;
using rows::ReadSummary;

constexpr size_t kSnippetChars = 150;

// Statements are prepared once per connection and cached by pointer, so every SQL text below
// has static storage. Queries that exist in several variants are built once at start-up.

constexpr char kSections[] =
    "SELECT id, slug, name, position FROM sections WHERE NOT hidden ORDER BY position, id";
constexpr char kSectionBySlug[] = "SELECT id, slug, name, position FROM sections WHERE slug = $1";
constexpr char kReporterById[] =
    "SELECT id, name, email, bio, COALESCE(photo, '') FROM reporters WHERE id = $1";
constexpr char kReporters[] =
    "SELECT id, name, email, bio, COALESCE(photo, '') FROM reporters ORDER BY name, id";

// $1 is always `now`: the visibility rule of store.hpp.
#define SINMUN_PUBLISHED(a) a "status = 'published' AND " a "registered_at <= $1::bigint"

// A published article whole in one statement (one round trip, one snapshot): its row, its
// lists as arrays, its correction and lead photo. Read by ReadArticle.
constexpr char kArticle[] =
    "SELECT a.id, s.id, s.slug, s.name, s.position, a.headline, a.body_markdown, "
    "a.registered_at, a.modified_at, a.views, a.recommends, "
    "ARRAY(SELECT text FROM article_subheadlines WHERE article_id = a.id ORDER BY position), "
    "ARRAY(SELECT ar.reporter_id FROM article_reporters ar WHERE ar.article_id = a.id "
    "ORDER BY ar.position), "
    "ARRAY(SELECT r.name FROM article_reporters ar JOIN reporters r ON r.id = ar.reporter_id "
    "WHERE ar.article_id = a.id ORDER BY ar.position), "
    "ARRAY(SELECT r.email FROM article_reporters ar JOIN reporters r ON r.id = ar.reporter_id "
    "WHERE ar.article_id = a.id ORDER BY ar.position), "
    "ARRAY(SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position), "
    "(SELECT text FROM article_corrections WHERE article_id = a.id), "
    "p.name, p.format, p.width, p.height, p.widths, ap.caption, ap.credit "
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "LEFT JOIN article_photos ap ON ap.article_id = a.id "
    "LEFT JOIN photos p ON p.id = ap.photo_id "
    "WHERE " SINMUN_PUBLISHED("a.") " AND a.id = $2";

// Neighbours and position order by (registered_at, id) within the section of published
// article $2 (p), each in one statement. Older articles need no `registered_at <= now` test:
// the article itself is public, so anything before it is too. No row: $2 is not published.
#define SINMUN_AROUND_P "x.status = 'published' AND x.section_id = p.section_id AND "
constexpr char kNeighbors[] =
    "SELECT (SELECT x.id FROM articles x WHERE " SINMUN_AROUND_P
    "(x.registered_at, x.id) < (p.registered_at, p.id) "
    "ORDER BY x.registered_at DESC, x.id DESC LIMIT 1), "
    "(SELECT x.id FROM articles x WHERE " SINMUN_AROUND_P
    "x.registered_at <= $1::bigint AND "
    "(x.registered_at, x.id) > (p.registered_at, p.id) ORDER BY x.registered_at, x.id LIMIT 1) "
    "FROM articles p WHERE " SINMUN_PUBLISHED("p.") " AND p.id = $2";
constexpr char kPosition[] =
    "SELECT (SELECT COUNT(*) FROM articles x WHERE " SINMUN_AROUND_P
    "x.registered_at <= $1::bigint AND (x.registered_at, x.id) > (p.registered_at, p.id)) "
    "FROM articles p WHERE " SINMUN_PUBLISHED("p.") " AND p.id = $2";
#undef SINMUN_AROUND_P

constexpr char kChangeSequence[] = "SELECT seq FROM change_sequence";
constexpr char kChangesSince[] =
    "SELECT seq, article_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2";

constexpr char kInsertSection[] =
    "INSERT INTO sections (slug, name, position) VALUES ($1, $2, $3) RETURNING id";
constexpr char kInsertReporter[] =
    "INSERT INTO reporters (name, email, bio) VALUES ($1, $2, $3) RETURNING id";
constexpr char kInsertArticle[] =
    "INSERT INTO articles (section_id, status, registered_at, modified_at, views, recommends, "
    "created_at, headline, snippet, body_markdown) "
    "VALUES ($1, 'published', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr char kInsertSubheadline[] =
    "INSERT INTO article_subheadlines (article_id, position, text) VALUES ($1, $2, $3)";
constexpr char kInsertByline[] =
    "INSERT INTO article_reporters (article_id, reporter_id, position) VALUES ($1, $2, $3)";

// A list of summaries: `ids_sql` picks one page of ids, then the summary columns are read for
// those rows only (the byline subquery runs for the page, not for every row sorted).
// Summary columns are read by ReadSummary.
std::string SummariesOf(std::string_view ids_sql, std::string_view order) {
  return fmt::format(
      "SELECT a.id, s.id, s.slug, s.name, s.position, a.headline, a.snippet, "
      "COALESCE((SELECT r.name FROM article_reporters ar "
      "JOIN reporters r ON r.id = ar.reporter_id "
      "WHERE ar.article_id = a.id ORDER BY ar.position LIMIT 1), ''), a.registered_at, a.views "
      "FROM ({}) page JOIN articles a ON a.id = page.id JOIN sections s ON s.id = a.section_id "
      "ORDER BY {}",
      ids_sql, order);
}

constexpr std::string_view kNewestFirst = "a.registered_at DESC, a.id DESC";
constexpr std::string_view kMostViewedFirst = "a.views DESC, a.registered_at DESC, a.id DESC";

// LatestArticles: $1 now, then the present filters (section, reporter) in that order; the
// list adds limit and offset after them. PostgreSQL wants every numbered parameter used, so
// each variant numbers its own.
struct LatestSql {
  std::string list;
  std::string count;
};

LatestSql MakeLatestSql(bool by_section, bool by_reporter) {
  const std::string_view from =
      by_reporter ? "FROM article_reporters f JOIN articles a ON a.id = f.article_id "
                  : "FROM articles a ";
  std::string where = "WHERE " SINMUN_PUBLISHED("a.");
  int next = 2;
  if (by_section) where += fmt::format(" AND a.section_id = ${}", next++);
  if (by_reporter) where += fmt::format(" AND f.reporter_id = ${}", next++);
  return LatestSql{
      .list = SummariesOf(fmt::format("SELECT a.id {}{} ORDER BY {} LIMIT ${} OFFSET ${}", from,
                                      where, kNewestFirst, next, next + 1),
                          kNewestFirst),
      .count = fmt::format("SELECT COUNT(*) {}{}", from, where),
  };
}

// Indexed by (section ? 1 : 0) + (reporter ? 2 : 0).
const LatestSql kLatestSql[] = {MakeLatestSql(false, false), MakeLatestSql(true, false),
                                MakeLatestSql(false, true), MakeLatestSql(true, true)};

// MostViewed: $1 now, $2 limit, then since and section when present.
std::string MakeMostViewedSql(bool by_section, bool since) {
  int next = 3;
  std::string where;
  if (since) where += fmt::format(" AND a.registered_at >= ${}", next++);
  if (by_section) where += fmt::format(" AND a.section_id = ${}", next++);
  return SummariesOf(fmt::format("SELECT a.id FROM articles a WHERE " SINMUN_PUBLISHED(
                                     "a.") "{} ORDER BY {} LIMIT $2",
                                 where, kMostViewedFirst),
                     kMostViewedFirst);
}

// Indexed by (section ? 1 : 0) + (since ? 2 : 0).
const std::string kMostViewedSql[] = {
    MakeMostViewedSql(false, false), MakeMostViewedSql(true, false), MakeMostViewedSql(false, true),
    MakeMostViewedSql(true, true)};

// ArticleStamps: $1 now, $2 limit, $3 offset. The articles_stamps index covers it.
constexpr char kArticleStamps[] =
    "SELECT id, registered_at, modified_at FROM articles WHERE " SINMUN_PUBLISHED(
        "") " ORDER BY registered_at, id LIMIT $2 OFFSET $3";
// ArticleStampBatches: $1 now, $2 batch size. Numbers the rows in the order ArticleStamps
// pages through, so batch i and ArticleStamps(i * size, size) agree.
constexpr char kArticleStampBatches[] =
    "SELECT COUNT(*), MAX(GREATEST(registered_at, COALESCE(modified_at, registered_at))) FROM ("
    "SELECT (ROW_NUMBER() OVER (ORDER BY registered_at, id) - 1) / $2::bigint AS batch, "
    "registered_at, modified_at FROM articles WHERE " SINMUN_PUBLISHED(
        "") ") numbered GROUP BY batch ORDER BY batch";
// ArticlesRegisteredBetween: $1 now, $2 from, $3 to, ($4, $5) after, $6 limit.
constexpr std::string_view kOldestFirst = "a.registered_at, a.id";
const std::string kRegisteredBetweenSql = SummariesOf(
    "SELECT a.id FROM articles a WHERE " SINMUN_PUBLISHED("a.")
    " AND a.registered_at >= $2 AND a.registered_at < $3"
    " AND (a.registered_at, a.id) > ($4::bigint, $5::bigint)"
    " ORDER BY a.registered_at, a.id LIMIT $6",
    kOldestFirst);

#undef SINMUN_PUBLISHED

// The columns of kArticle.
Article ReadArticle(const Row& row) {
  Article article{.id = row.Int(0),
                  .section = ReadSection(row, 1),
                  .headline = row.Text(5),
                  .subheadlines = row.TextArray(11),
                  .body_markdown = row.Text(6),
                  .bylines = {},
                  .registered_at = row.Int(7),
                  .modified_at = row.OptionalInt(8),
                  .views = row.Int(9),
                  .recommends = row.Int(10),
                  .tags = row.TextArray(15),
                  .correction = row.IsNull(16) ? std::string() : row.Text(16),
                  .photo = std::nullopt};
  const std::vector<std::int64_t> ids = row.IntArray(12);
  const std::vector<std::string> names = row.TextArray(13);
  const std::vector<std::string> emails = row.TextArray(14);
  for (size_t i = 0; i < ids.size() && i < names.size() && i < emails.size(); ++i) {
    article.bylines.push_back(Byline{.id = ids[i], .name = names[i], .email = emails[i]});
  }
  if (!row.IsNull(17)) {
    article.photo = LeadPhoto{.name = row.Text(17),
                              .format = row.Text(18),
                              .widths = SplitIds<int>(row.Text(21), ','),
                              .width = static_cast<int>(row.Int(19)),
                              .height = static_cast<int>(row.Int(20)),
                              .caption = row.Text(22),
                              .credit = row.Text(23)};
  }
  return article;
}

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url) {
  Result<PoolUrl> split = SplitPoolSize(url, kDefaultPoolSize);
  if (!split) return tl::unexpected(split.error());
  auto pool = std::make_unique<Pool>(split->conninfo, split->pool_size);
  {
    Result<Pool::Lease> lease = pool->Acquire();
    if (!lease) return tl::unexpected(lease.error());
    if (Result<> migrated = Migrate(**lease, Migrations()); !migrated) {
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot migrate the PostgreSQL database: {}",
                                                       migrated.error().detail));
    }
  }
  return std::unique_ptr<PgStore>(new PgStore(std::move(pool)));
}

PgStore::PgStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

PgStore::~PgStore() = default;

template <typename Work>
auto PgStore::OnReader(Work work) const -> std::invoke_result_t<Work, Connection&> {
  return WithConnection(pool(), std::move(work));
}

template <typename Work>
auto PgStore::OnSnapshot(Work work) const -> std::invoke_result_t<Work, Connection&> {
  return InSnapshot(pool(), std::move(work));
}

template <typename Work>
auto PgStore::OnWriter(Work work) -> std::invoke_result_t<Work, Connection&> {
  return WithConnection(pool(), std::move(work));
}

template <typename Work>
auto PgStore::OnWriteTransaction(Work work) -> std::invoke_result_t<Work, Connection&> {
  return InWriteTransaction(pool(), std::move(work));
}

Result<std::vector<Section>> PgStore::Sections() const {
  return WithConnection(pool(), [](Connection& connection) {
    return ReadAll<Section>(Query(connection, kSections),
                            [](const Row& row) { return ReadSection(row); });
  });
}

Result<Section> PgStore::SectionBySlug(std::string_view slug) const {
  return WithConnection(pool(), [slug](Connection& connection) {
    return ReadOne<Section>(
        Query(connection, kSectionBySlug, slug), [](const Row& row) { return ReadSection(row); },
        fmt::format("no section {}", slug));
  });
}

Result<Reporter> PgStore::ReporterById(ReporterId id) const {
  return WithConnection(pool(), [id](Connection& connection) {
    return ReadOne<Reporter>(Query(connection, kReporterById, id), ReadReporter<Row>,
                             fmt::format("no reporter {}", id));
  });
}

Result<std::vector<Reporter>> PgStore::Reporters() const {
  return WithConnection(pool(), [](Connection& connection) {
    return ReadAll<Reporter>(Query(connection, kReporters), ReadReporter<Row>);
  });
}

Result<Article> PgStore::PublishedArticle(ArticleId id, Timestamp now) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadOne<Article>(Query(connection, kArticle, now, id), ReadArticle,
                            fmt::format("no published article {}", id));
  });
}

Result<ArticleList> PgStore::LatestArticles(const ArticleFilter& filter, Page page,
                                            Timestamp now) const {
  if (page.number < 1 || page.size < 1 ||
      page.number - 1 > std::numeric_limits<std::int64_t>::max() / page.size) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("bad page {} of size {}", page.number, page.size));
  }
  const LatestSql& sql = kLatestSql[(filter.section_id ? 1 : 0) + (filter.reporter_id ? 2 : 0)];
  std::vector<Param> params = {ToParam(now)};
  if (filter.section_id) params.push_back(ToParam(*filter.section_id));
  if (filter.reporter_id) params.push_back(ToParam(*filter.reporter_id));
  std::vector<Param> list_params = params;
  list_params.push_back(ToParam(std::int64_t{page.size}));
  list_params.push_back(ToParam((page.number - 1) * page.size));

  // The page and its total come from one snapshot, so they agree.
  return InSnapshot(pool(), [&](Connection& connection) -> Result<ArticleList> {
    Result<std::vector<ArticleSummary>> items =
        ReadAll<ArticleSummary>(connection.Run(sql.list.c_str(), list_params), ReadSummary<Row>);
    if (!items) return tl::unexpected(items.error());
    Result<std::int64_t> total = ReadCount(connection.Run(sql.count.c_str(), params));
    if (!total) return tl::unexpected(total.error());
    return ArticleList{.items = std::move(*items), .total = *total};
  });
}

Result<Neighbors> PgStore::NeighborsInSection(ArticleId id, Timestamp now) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadOne<Neighbors>(
        Query(connection, kNeighbors, now, id),
        [](const Row& row) {
          return Neighbors{.previous = row.OptionalInt(0), .next = row.OptionalInt(1)};
        },
        fmt::format("no published article {}", id));
  });
}

Result<std::int64_t> PgStore::PositionInSection(ArticleId id, Timestamp now) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadOne<std::int64_t>(
        Query(connection, kPosition, now, id), [](const Row& row) { return row.Int(0); },
        fmt::format("no published article {}", id));
  });
}

Result<std::vector<ArticleSummary>> PgStore::MostViewed(std::optional<SectionId> section,
                                                        std::optional<Timestamp> since, int limit,
                                                        Timestamp now) const {
  if (limit <= 0) return std::vector<ArticleSummary>{};
  const std::string& sql = kMostViewedSql[(section ? 1 : 0) + (since ? 2 : 0)];
  std::vector<Param> params = {ToParam(now), ToParam(std::int64_t{limit})};
  if (since) params.push_back(ToParam(*since));
  if (section) params.push_back(ToParam(*section));
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<ArticleSummary>(connection.Run(sql.c_str(), params), ReadSummary<Row>);
  });
}

Result<std::vector<ArticleStamp>> PgStore::ArticleStamps(std::int64_t offset, int limit,
                                                         Timestamp now) const {
  if (offset < 0 || limit < 1 || limit > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad stamps {} + {}", offset, limit));
  }
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<ArticleStamp>(
        Query(connection, kArticleStamps, now, std::int64_t{limit}, offset), [](const Row& row) {
          return ArticleStamp{
              .id = row.Int(0), .registered_at = row.Int(1), .modified_at = row.OptionalInt(2)};
        });
  });
}

Result<std::vector<StampBatch>> PgStore::ArticleStampBatches(int batch_size, Timestamp now) const {
  if (batch_size < 1 || batch_size > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad batch size {}", batch_size));
  }
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<StampBatch>(
        Query(connection, kArticleStampBatches, now, std::int64_t{batch_size}), [](const Row& row) {
          return StampBatch{.count = row.Int(0), .last_modified = row.Int(1)};
        });
  });
}

Result<std::vector<ArticleSummary>> PgStore::ArticlesRegisteredBetween(Timestamp from, Timestamp to,
                                                                       ArticleKey after, int limit,
                                                                       Timestamp now) const {
  if (limit < 1 || limit > 10'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad limit {}", limit));
  }
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<ArticleSummary>(Query(connection, kRegisteredBetweenSql.c_str(), now, from, to,
                                         after.registered_at, after.id, std::int64_t{limit}),
                                   ReadSummary<Row>);
  });
}

Result<SectionId> PgStore::InsertSection(const NewSection& section) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a section needs a slug and a name");
  }
  return WithConnection(pool(), [&](Connection& connection) -> Result<SectionId> {
    Result<Rows> inserted = Query(connection, kInsertSection, section.slug, section.name,
                                  std::int64_t{section.position});
    if (!inserted && inserted.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, fmt::format("section slug {} is taken", section.slug));
    }
    if (!inserted) return tl::unexpected(inserted.error());
    return (*inserted)[0].Int(0);
  });
}

Result<ReporterId> PgStore::InsertReporter(const NewReporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "a reporter needs a name");
  return WithConnection(pool(), [&](Connection& connection) -> Result<ReporterId> {
    Result<Rows> inserted =
        Query(connection, kInsertReporter, reporter.name, reporter.email, reporter.bio);
    if (!inserted) return tl::unexpected(inserted.error());
    return (*inserted)[0].Int(0);
  });
}

namespace {

// Writes one article with its sub-headlines, bylines and change row. `index` is the article's
// place in its batch, for error details.
// REQUIRES: a write transaction is open on `connection`.
Result<ArticleId> WriteArticle(Connection& connection, const NewArticle& article, size_t index,
                               Timestamp at) {
  const std::string snippet = Excerpt(article.body_markdown, kSnippetChars);
  Result<Rows> inserted = Query(
      connection, kInsertArticle, article.section_id, article.registered_at, article.modified_at,
      article.views, article.recommends, at, article.headline, snippet, article.body_markdown);
  if (!inserted) {
    return tl::unexpected(Explain(inserted.error(), fmt::format("article {}: unknown section id {}",
                                                                index, article.section_id)));
  }
  const ArticleId id = (*inserted)[0].Int(0);
  for (size_t i = 0; i < article.subheadlines.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done =
            Write(connection, kInsertSubheadline, id, position, article.subheadlines[i]);
        !done) {
      return tl::unexpected(done.error());
    }
  }
  for (size_t i = 0; i < article.reporter_ids.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(connection, kInsertByline, id, article.reporter_ids[i], position);
        !done) {
      return tl::unexpected(Explain(done.error(), fmt::format("article {}: unknown reporter id {}",
                                                              index, article.reporter_ids[i])));
    }
  }
  if (Result<> done = AppendChange(connection, id, "insert", at); !done) {
    return tl::unexpected(done.error());
  }
  return id;
}

}  // namespace

Result<std::vector<ArticleId>> PgStore::InsertArticles(const std::vector<NewArticle>& articles) {
  if (Result<> valid = ValidateArticles(articles); !valid) return tl::unexpected(valid.error());
  if (articles.empty()) return std::vector<ArticleId>{};
  const Timestamp at = WallClock();
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<std::vector<ArticleId>> {
    std::vector<ArticleId> ids;
    ids.reserve(articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      Result<ArticleId> id = WriteArticle(connection, articles[i], i, at);
      if (!id) return tl::unexpected(id.error());  // the transaction rolls back
      ids.push_back(*id);
    }
    return ids;
  });
}

Result<std::int64_t> PgStore::ChangeSequence() const {
  return WithConnection(
      pool(), [](Connection& connection) { return ReadCount(Query(connection, kChangeSequence)); });
}

Result<std::vector<Change>> PgStore::ChangesSince(std::int64_t after_seq, int limit) const {
  if (limit <= 0) return std::vector<Change>{};
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<Change>(
        Query(connection, kChangesSince, after_seq, std::int64_t{limit}),
        [](const Row& row) { return Change{.seq = row.Int(0), .article_id = row.Int(1)}; });
  });
}

}  // namespace sinmun::store::postgres

template class sinmun::store::SqlStore<sinmun::store::postgres::PgStore>;
