#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <limits>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include "core/text.hpp"
#include "store/migration.hpp"
#include "store/row_records.hpp"
#include "store/sql/account_methods.hpp"
#include "store/sql/ad_methods.hpp"
#include "store/sql/comment_methods.hpp"
#include "store/sql/desk_methods.hpp"
#include "store/sql/reader_methods.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/desk_extras.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/query.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::sqlite {
namespace {

using rows::ReadReporter;
using rows::ReadSection;
using rows::ReadSummary;

constexpr size_t kSnippetChars = 150;

// The statement cache is keyed by pointer, so every SQL text below has static storage.
// Queries that exist in several variants are built once at start-up from shared pieces.

constexpr char kSections[] =
    "SELECT id, slug, name, position FROM sections WHERE hidden = 0 ORDER BY position, id";
constexpr char kSectionBySlug[] = "SELECT id, slug, name, position FROM sections WHERE slug = ?1";
constexpr char kReporterById[] =
    "SELECT id, name, email, bio, COALESCE(photo, '') FROM reporters WHERE id = ?1";
constexpr char kReporters[] =
    "SELECT id, name, email, bio, COALESCE(photo, '') FROM reporters ORDER BY name, id";

// ?1 is always `now`: the visibility rule of store.hpp.
#define SINMUN_PUBLISHED(a) a "status = 'published' AND " a "registered_at <= ?1"

constexpr char kArticle[] =
    "SELECT a.id, s.id, s.slug, s.name, s.position, a.headline, a.body_markdown, "
    "a.registered_at, a.modified_at, a.views, a.recommends "
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "WHERE " SINMUN_PUBLISHED("a.") " AND a.id = ?2";
constexpr char kSubheadlines[] =
    "SELECT text FROM article_subheadlines WHERE article_id = ?1 ORDER BY position";
constexpr char kBylines[] =
    "SELECT r.id, r.name, r.email FROM article_reporters ar "
    "JOIN reporters r ON r.id = ar.reporter_id WHERE ar.article_id = ?1 ORDER BY ar.position";

// Where a published article sits in its section: (section_id, registered_at).
constexpr char kLocate[] =
    "SELECT section_id, registered_at FROM articles WHERE " SINMUN_PUBLISHED("") " AND id = ?2";
// Neighbours and position order by (registered_at, id); ?2 = section, (?3, ?4) = the article.
// Older articles need no `registered_at <= now` test: the article itself is public, so anything
// before it is too, and the extra bound would make SQLite scan from `now` down instead of
// seeking to the article.
constexpr char kOlder[] =
    "SELECT id FROM articles WHERE status = 'published' AND section_id = ?2 "
    "AND (registered_at, id) < (?3, ?4) ORDER BY registered_at DESC, id DESC LIMIT 1";
constexpr char kNewer[] =
    "SELECT id FROM articles WHERE " SINMUN_PUBLISHED("") " AND section_id = ?2 "
    "AND (registered_at, id) > (?3, ?4) ORDER BY registered_at, id LIMIT 1";
constexpr char kCountNewer[] =
    "SELECT COUNT(*) FROM articles WHERE " SINMUN_PUBLISHED("") " AND section_id = ?2 "
    "AND (registered_at, id) > (?3, ?4)";

constexpr char kChangeSequence[] = "SELECT seq FROM sqlite_sequence WHERE name = 'changes'";
constexpr char kChangesSince[] =
    "SELECT seq, article_id FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2";

constexpr char kInsertSection[] = "INSERT INTO sections (slug, name, position) VALUES (?1, ?2, ?3)";
constexpr char kInsertReporter[] = "INSERT INTO reporters (name, email, bio) VALUES (?1, ?2, ?3)";
constexpr char kInsertArticle[] =
    "INSERT INTO articles (section_id, status, registered_at, modified_at, views, recommends, "
    "created_at, headline, snippet, body_markdown) "
    "VALUES (?1, 'published', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr char kInsertSubheadline[] =
    "INSERT INTO article_subheadlines (article_id, position, text) VALUES (?1, ?2, ?3)";
constexpr char kInsertByline[] =
    "INSERT INTO article_reporters (article_id, reporter_id, position) VALUES (?1, ?2, ?3)";
constexpr char kInsertChange[] = "INSERT INTO changes (article_id, kind, at) VALUES (?1, ?2, ?3)";

// A list of summaries in two steps: `ids_sql` picks one page of ids from the indexes alone,
// then the summary columns are read for those rows only. In one step SQLite would compute
// every column, the byline subquery included, for every row it sorts or skips.
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

// LatestArticles: ?1 now, ?2 limit, ?3 offset, ?4 section, ?5 reporter.
struct LatestSql {
  std::string list;
  std::string count;
};

LatestSql MakeLatestSql(bool by_section, bool by_reporter) {
  // CROSS JOIN makes SQLite start from the reporter's few bylines instead of walking all
  // articles newest first and probing each one for the reporter.
  const std::string_view from =
      by_reporter ? "FROM article_reporters f CROSS JOIN articles a ON a.id = f.article_id "
                  : "FROM articles a ";
  std::string where = "WHERE " SINMUN_PUBLISHED("a.");
  if (by_section) where += " AND a.section_id = ?4";
  if (by_reporter) where += " AND f.reporter_id = ?5";
  return LatestSql{
      .list = SummariesOf(
          fmt::format("SELECT a.id {}{} ORDER BY {} LIMIT ?2 OFFSET ?3", from, where, kNewestFirst),
          kNewestFirst),
      .count = fmt::format("SELECT COUNT(*) {}{}", from, where),
  };
}

// Indexed by (section ? 1 : 0) + (reporter ? 2 : 0).
const LatestSql kLatestSql[] = {MakeLatestSql(false, false), MakeLatestSql(true, false),
                                MakeLatestSql(false, true), MakeLatestSql(true, true)};

// MostViewed: ?1 now, ?2 since, ?3 limit, ?4 section.
std::string MakeMostViewedSql(bool by_section, bool since) {
  // Without `since`, the unary + keeps SQLite from using a registered_at index for the
  // `<= now` bound, so that it walks a views index in order and stops after `limit` rows
  // instead of sorting every article. With `since`, the time window is usually the smaller set.
  const std::string_view time =
      since ? "a.registered_at <= ?1 AND a.registered_at >= ?2" : "+a.registered_at <= ?1";
  return SummariesOf(
      fmt::format("SELECT a.id FROM articles a WHERE a.status = 'published' "
                  "AND {}{} ORDER BY {} LIMIT ?3",
                  time, by_section ? " AND a.section_id = ?4" : "", kMostViewedFirst),
      kMostViewedFirst);
}

// Indexed by (section ? 1 : 0) + (since ? 2 : 0).
const std::string kMostViewedSql[] = {
    MakeMostViewedSql(false, false), MakeMostViewedSql(true, false), MakeMostViewedSql(false, true),
    MakeMostViewedSql(true, true)};

// ArticleStamps: ?1 now, ?2 limit, ?3 offset. The articles_stamps index covers it.
constexpr char kArticleStamps[] =
    "SELECT id, registered_at, modified_at FROM articles WHERE " SINMUN_PUBLISHED(
        "") " ORDER BY registered_at, id LIMIT ?2 OFFSET ?3";
// ArticleStampBatches: ?1 now, ?2 batch size. Numbers the rows in the order ArticleStamps
// pages through, so batch i and ArticleStamps(i * size, size) agree.
// Every published article's last change, in sitemap order, cut into batches by the caller as
// the rows stream by: a GROUP BY over row numbers made SQLite sort all of them in memory
// first (40 MB at 1 M articles).
constexpr char kArticleLastChanges[] =
    "SELECT MAX(registered_at, COALESCE(modified_at, registered_at)) FROM articles "
    "WHERE " SINMUN_PUBLISHED("") " ORDER BY registered_at, id";
// ArticlesRegisteredBetween: ?1 now, ?2 from, ?3 to, (?4, ?5) after, ?6 limit.
constexpr std::string_view kOldestFirst = "a.registered_at, a.id";
const std::string kRegisteredBetweenSql = SummariesOf(
    "SELECT a.id FROM articles a WHERE " SINMUN_PUBLISHED("a.")
    " AND a.registered_at >= ?2 AND a.registered_at < ?3 AND (a.registered_at, a.id) > (?4, ?5)"
    " ORDER BY a.registered_at, a.id LIMIT ?6",
    kOldestFirst);

#undef SINMUN_PUBLISHED

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

// A clear reason when the database's folder cannot hold it; SQLite only says "unable to open".
Result<> CheckFolder(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    return Fail(
        ErrorCode::kUnavailable,
        fmt::format("sqlite: cannot open {}: folder {} does not exist", path, folder.string()));
  }
  // The folder must be writable even for an existing file: WAL keeps -wal and -shm beside it.
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return Fail(
        ErrorCode::kUnavailable,
        fmt::format("sqlite: cannot open {}: folder {} is not writable", path, folder.string()));
  }
  return {};
}

}  // namespace

// A reader connection on loan from the pool; returns it when destroyed.
class SqliteStore::ReaderLease {
 public:
  ReaderLease(const SqliteStore* store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ReaderLease(ReaderLease&&) noexcept = default;
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ReaderLease& operator=(ReaderLease&&) = delete;
  ~ReaderLease() {
    if (connection_ != nullptr) store_->ReleaseReader(std::move(connection_));
  }

  Connection& operator*() const { return *connection_; }

 private:
  const SqliteStore* store_;
  std::unique_ptr<Connection> connection_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  if (Result<> folder = CheckFolder(path); !folder) return tl::unexpected(folder.error());
  Result<std::unique_ptr<Connection>> writer = Connection::Open(path, Connection::Role::kWriter);
  if (!writer) return tl::unexpected(writer.error());
  if (Result<> migrated = Migrate(**writer, Migrations()); !migrated) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot migrate {}: {}", path, migrated.error().detail));
  }
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*writer)));
  // Open one reader now, so that a database readers cannot use fails here and not later.
  if (Result<ReaderLease> reader = store->AcquireReader(); !reader) {
    return tl::unexpected(reader.error());
  }
  return store;
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer)
    : path_(std::move(path)), writer_(std::move(writer)) {}

// No `PRAGMA optimize` on close: the statistics it gathers could change query plans that
// were chosen and measured without them (see the notes beside the SQL above).
SqliteStore::~SqliteStore() = default;

Result<SqliteStore::ReaderLease> SqliteStore::AcquireReader(bool scan) const {
  {
    std::lock_guard lock(readers_mutex_);
    auto& idle = scan ? idle_scan_readers_ : idle_readers_;
    if (!idle.empty()) {
      std::unique_ptr<Connection> reader = std::move(idle.back());
      idle.pop_back();
      return ReaderLease(this, std::move(reader));
    }
  }
  // Opening takes a while; do it outside the lock. The pool grows to the peak number of
  // concurrent readers, which the server's thread count bounds.
  Result<std::unique_ptr<Connection>> reader =
      Connection::Open(path_, scan ? Connection::Role::kScanReader : Connection::Role::kReader);
  if (!reader) return tl::unexpected(reader.error());
  return ReaderLease(this, std::move(*reader));
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) const {
  std::lock_guard lock(readers_mutex_);
  auto& idle = reader->role() == Connection::Role::kScanReader ? idle_scan_readers_ : idle_readers_;
  idle.push_back(std::move(reader));
}

template <typename Read>
auto SqliteStore::WithReader(Read read) const -> std::invoke_result_t<Read, Connection&> {
  Result<ReaderLease> reader = AcquireReader();
  if (!reader) return tl::unexpected(reader.error());
  return read(**reader);
}

// WithReader on a kScanReader connection.
template <typename Read>
auto SqliteStore::WithScanReader(Read read) const -> std::invoke_result_t<Read, Connection&> {
  Result<ReaderLease> reader = AcquireReader(/*scan=*/true);
  if (!reader) return tl::unexpected(reader.error());
  return read(**reader);
}

template <typename Work>
auto SqliteStore::OnReader(Work work) const -> std::invoke_result_t<Work, Connection&> {
  return WithReader(std::move(work));
}

template <typename Work>
auto SqliteStore::OnSnapshot(Work work) const -> std::invoke_result_t<Work, Connection&> {
  return WithReader([&](Connection& connection) {
    return InSnapshot(connection, [&] { return work(connection); });
  });
}

template <typename Work>
auto SqliteStore::OnWriter(Work work) -> std::invoke_result_t<Work, Connection&> {
  std::lock_guard lock(writer_mutex_);
  return work(*writer_);
}

template <typename Work>
auto SqliteStore::OnWriteTransaction(Work work) -> std::invoke_result_t<Work, Connection&> {
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  auto result = work(*writer_);
  if (!result) return result;  // the transaction rolls back
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return result;
}

Result<> SqliteStore::ReadWith(const std::function<Result<>(Connection&)>& read) const {
  return WithReader(read);
}

Result<std::vector<Section>> SqliteStore::Sections() const {
  return WithReader([](Connection& connection) {
    return ReadAll<Section>(Query(connection, kSections),
                            [](const Statement& row) { return ReadSection(row); });
  });
}

Result<Section> SqliteStore::SectionBySlug(std::string_view slug) const {
  return WithReader([slug](Connection& connection) {
    return ReadOne<Section>(
        Query(connection, kSectionBySlug, slug),
        [](const Statement& row) { return ReadSection(row); }, fmt::format("no section {}", slug));
  });
}

Result<Reporter> SqliteStore::ReporterById(ReporterId id) const {
  return WithReader([id](Connection& connection) {
    return ReadOne<Reporter>(Query(connection, kReporterById, id), ReadReporter<Statement>,
                             fmt::format("no reporter {}", id));
  });
}

Result<std::vector<Reporter>> SqliteStore::Reporters() const {
  return WithReader([](Connection& connection) {
    return ReadAll<Reporter>(Query(connection, kReporters), ReadReporter<Statement>);
  });
}

Result<Article> SqliteStore::PublishedArticle(ArticleId id, Timestamp now) const {
  // One snapshot for the three queries, so a concurrent edit is seen whole or not at all.
  return WithReader([&](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<Article> {
      Result<Article> article = ReadOne<Article>(
          Query(connection, kArticle, now, id),
          [](const Statement& row) {
            return Article{.id = row.Int(0),
                           .section = ReadSection(row, 1),
                           .headline = row.Text(5),
                           .subheadlines = {},
                           .body_markdown = row.Text(6),
                           .bylines = {},
                           .registered_at = row.Int(7),
                           .modified_at = row.OptionalInt(8),
                           .views = row.Int(9),
                           .recommends = row.Int(10)};
          },
          fmt::format("no published article {}", id));
      if (!article) return article;

      Result<std::vector<std::string>> subheadlines = ReadAll<std::string>(
          Query(connection, kSubheadlines, id), [](const Statement& row) { return row.Text(0); });
      if (!subheadlines) return tl::unexpected(subheadlines.error());
      article->subheadlines = std::move(*subheadlines);

      Result<std::vector<Byline>> bylines =
          ReadAll<Byline>(Query(connection, kBylines, id), [](const Statement& row) {
            return Byline{.id = row.Int(0), .name = row.Text(1), .email = row.Text(2)};
          });
      if (!bylines) return tl::unexpected(bylines.error());
      article->bylines = std::move(*bylines);
      if (Result<> extras = ReadDeskExtras(connection, *article); !extras) {
        return tl::unexpected(extras.error());
      }
      return article;
    });
  });
}

Result<ArticleList> SqliteStore::LatestArticles(const ArticleFilter& filter, Page page,
                                                Timestamp now) const {
  if (page.number < 1 || page.size < 1 ||
      page.number - 1 > std::numeric_limits<std::int64_t>::max() / page.size) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("bad page {} of size {}", page.number, page.size));
  }
  const LatestSql& sql = kLatestSql[(filter.section_id ? 1 : 0) + (filter.reporter_id ? 2 : 0)];
  // The list and the count share ?1, ?4 and ?5; only the present filters are bound.
  const auto prepare = [&](Connection& connection, const std::string& text) {
    Result<Statement> statement = Query(connection, text.c_str(), now);
    if (statement && filter.section_id) statement->Bind(4, *filter.section_id);
    if (statement && filter.reporter_id) statement->Bind(5, *filter.reporter_id);
    return statement;
  };

  // The page and its total come from one snapshot, so they agree.
  return WithReader([&](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<ArticleList> {
      Result<Statement> list = prepare(connection, sql.list);
      if (list) list->Bind(2, std::int64_t{page.size}).Bind(3, (page.number - 1) * page.size);
      Result<std::vector<ArticleSummary>> items =
          ReadAll<ArticleSummary>(std::move(list), ReadSummary<Statement>);
      if (!items) return tl::unexpected(items.error());
      Result<std::int64_t> total = ReadCount(prepare(connection, sql.count));
      if (!total) return tl::unexpected(total.error());
      return ArticleList{.items = std::move(*items), .total = *total};
    });
  });
}

namespace {

// Where a published article sits in its section, the key of NeighborsInSection and
// PositionInSection.
struct Place {
  SectionId section_id = 0;
  Timestamp registered_at = 0;
  ArticleId id = 0;
};

Result<Place> Locate(Connection& connection, ArticleId id, Timestamp now) {
  return ReadOne<Place>(
      Query(connection, kLocate, now, id),
      [id](const Statement& row) {
        return Place{.section_id = row.Int(0), .registered_at = row.Int(1), .id = id};
      },
      fmt::format("no published article {}", id));
}

// Prepares one of the (?1 now, ?2 section, ?3 registered_at, ?4 id) queries for `place`.
Result<Statement> QueryAround(Connection& connection, const char* sql, const Place& place,
                              Timestamp now) {
  return Query(connection, sql, now, place.section_id, place.registered_at, place.id);
}

}  // namespace

Result<Neighbors> SqliteStore::NeighborsInSection(ArticleId id, Timestamp now) const {
  return WithReader([&](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<Neighbors> {
      const Result<Place> place = Locate(connection, id, now);
      if (!place) return tl::unexpected(place.error());
      Result<std::optional<ArticleId>> previous =
          ReadOptionalInt(QueryAround(connection, kOlder, *place, now));
      if (!previous) return tl::unexpected(previous.error());
      Result<std::optional<ArticleId>> next =
          ReadOptionalInt(QueryAround(connection, kNewer, *place, now));
      if (!next) return tl::unexpected(next.error());
      return Neighbors{.previous = *previous, .next = *next};
    });
  });
}

Result<std::int64_t> SqliteStore::PositionInSection(ArticleId id, Timestamp now) const {
  return WithReader([&](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<std::int64_t> {
      const Result<Place> place = Locate(connection, id, now);
      if (!place) return tl::unexpected(place.error());
      return ReadCount(QueryAround(connection, kCountNewer, *place, now));
    });
  });
}

Result<std::vector<ArticleSummary>> SqliteStore::MostViewed(std::optional<SectionId> section,
                                                            std::optional<Timestamp> since,
                                                            int limit, Timestamp now) const {
  if (limit <= 0) return std::vector<ArticleSummary>{};
  const std::string& sql = kMostViewedSql[(section ? 1 : 0) + (since ? 2 : 0)];
  return WithReader([&](Connection& connection) {
    Result<Statement> query = Query(connection, sql.c_str(), now);
    if (query) query->Bind(3, std::int64_t{limit});
    if (query && since) query->Bind(2, *since);
    if (query && section) query->Bind(4, *section);
    return ReadAll<ArticleSummary>(std::move(query), ReadSummary<Statement>);
  });
}

Result<std::vector<ArticleStamp>> SqliteStore::ArticleStamps(std::int64_t offset, int limit,
                                                             Timestamp now) const {
  if (offset < 0 || limit < 1 || limit > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad stamps {} + {}", offset, limit));
  }
  return WithScanReader([&](Connection& connection) {
    return ReadAll<ArticleStamp>(
        Query(connection, kArticleStamps, now, std::int64_t{limit}, offset),
        [](const Statement& row) {
          return ArticleStamp{
              .id = row.Int(0), .registered_at = row.Int(1), .modified_at = row.OptionalInt(2)};
        });
  });
}

Result<std::vector<StampBatch>> SqliteStore::ArticleStampBatches(int batch_size,
                                                                 Timestamp now) const {
  if (batch_size < 1 || batch_size > 100'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad batch size {}", batch_size));
  }
  std::vector<StampBatch> batches;
  Result<> read = WithScanReader([&](Connection& connection) {
    return ForEachRow(Query(connection, kArticleLastChanges, now), [&](const Statement& row) {
      if (batches.empty() || batches.back().count == batch_size) batches.emplace_back();
      StampBatch& batch = batches.back();
      ++batch.count;
      batch.last_modified = std::max(batch.last_modified, row.Int(0));
    });
  });
  if (!read) return tl::unexpected(read.error());
  return batches;
}

Result<std::vector<ArticleSummary>> SqliteStore::ArticlesRegisteredBetween(
    Timestamp from, Timestamp to, ArticleKey after, int limit, Timestamp now) const {
  if (limit < 1 || limit > 10'000) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad limit {}", limit));
  }
  return WithReader([&](Connection& connection) {
    return ReadAll<ArticleSummary>(Query(connection, kRegisteredBetweenSql.c_str(), now, from, to,
                                         after.registered_at, after.id, std::int64_t{limit}),
                                   ReadSummary<Statement>);
  });
}

Result<SectionId> SqliteStore::InsertSection(const NewSection& section) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a section needs a slug and a name");
  }
  std::lock_guard lock(writer_mutex_);
  Result<> done =
      Write(*writer_, kInsertSection, section.slug, section.name, std::int64_t{section.position});
  if (!done && done.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, fmt::format("section slug {} is taken", section.slug));
  }
  if (!done) return tl::unexpected(done.error());
  return writer_->LastInsertId();
}

Result<ReporterId> SqliteStore::InsertReporter(const NewReporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "a reporter needs a name");
  std::lock_guard lock(writer_mutex_);
  Result<> done = Write(*writer_, kInsertReporter, reporter.name, reporter.email, reporter.bio);
  if (!done) return tl::unexpected(done.error());
  return writer_->LastInsertId();
}

namespace {

// Writes one article with its sub-headlines, bylines and change row. `index` is the article's
// place in its batch, for error details.
// REQUIRES: a write transaction is open on `writer`.
Result<ArticleId> WriteArticle(Connection& writer, const NewArticle& article, size_t index,
                               Timestamp at) {
  const std::string snippet = Excerpt(article.body_markdown, kSnippetChars);
  if (Result<> done = Write(writer, kInsertArticle, article.section_id, article.registered_at,
                            article.modified_at, article.views, article.recommends, at,
                            article.headline, snippet, article.body_markdown);
      !done) {
    return tl::unexpected(Explain(
        done.error(), fmt::format("article {}: unknown section id {}", index, article.section_id)));
  }
  const ArticleId id = writer.LastInsertId();
  for (size_t i = 0; i < article.subheadlines.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(writer, kInsertSubheadline, id, position, article.subheadlines[i]);
        !done) {
      return tl::unexpected(done.error());
    }
  }
  for (size_t i = 0; i < article.reporter_ids.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(writer, kInsertByline, id, article.reporter_ids[i], position);
        !done) {
      return tl::unexpected(Explain(done.error(), fmt::format("article {}: unknown reporter id {}",
                                                              index, article.reporter_ids[i])));
    }
  }
  if (Result<> done = Write(writer, kInsertChange, id, std::string_view("insert"), at); !done) {
    return tl::unexpected(done.error());
  }
  return id;
}

}  // namespace

Result<std::vector<ArticleId>> SqliteStore::InsertArticles(
    const std::vector<NewArticle>& articles) {
  if (Result<> valid = ValidateArticles(articles); !valid) return tl::unexpected(valid.error());
  std::vector<ArticleId> ids;
  if (articles.empty()) return ids;
  ids.reserve(articles.size());
  const Timestamp at = WallClock();

  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  for (size_t i = 0; i < articles.size(); ++i) {
    Result<ArticleId> id = WriteArticle(*writer_, articles[i], i, at);
    if (!id) return tl::unexpected(id.error());  // the transaction rolls back
    ids.push_back(*id);
  }
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return ids;
}

Result<std::int64_t> SqliteStore::ChangeSequence() const {
  return WithReader([](Connection& connection) -> Result<std::int64_t> {
    // sqlite_sequence has no row for `changes` until the first change is written.
    Result<std::optional<std::int64_t>> sequence =
        ReadOptionalInt(Query(connection, kChangeSequence));
    if (!sequence) return tl::unexpected(sequence.error());
    return sequence->value_or(0);
  });
}

Result<std::vector<Change>> SqliteStore::ChangesSince(std::int64_t after_seq, int limit) const {
  if (limit <= 0) return std::vector<Change>{};
  return WithReader([&](Connection& connection) {
    return ReadAll<Change>(
        Query(connection, kChangesSince, after_seq, std::int64_t{limit}),
        [](const Statement& row) { return Change{.seq = row.Int(0), .article_id = row.Int(1)}; });
  });
}

}  // namespace sinmun::store::sqlite

template class sinmun::store::SqlStore<sinmun::store::sqlite::SqliteStore>;
