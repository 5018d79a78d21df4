// CopyPaper (copy_paper.hpp): every row of one store into a store of the other backend, table
// by table, then a count and a checksum of both sides. The two schemas use the same table and
// column names, so one list of tables drives both sides and each statement is written once
// (sql/dialect.hpp); the copy runs either way, SQLite to PostgreSQL or back.

#include "store/copy_paper.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/postgres/query.hpp"
#include "store/sql/dialect.hpp"
#include "store/sqlite/query.hpp"
#include "store/store.hpp"
#include "store/transaction.hpp"

namespace sinmun::store {
namespace {

constexpr int kBatchRows = 1000;

struct Table {
  const char* name;
  const char* key;      // the primary key's columns; a key `id` is an identity
  const char* columns;  // the others; `:bool` marks a boolean (0/1 in SQLite)
};

// Parents before children, for the foreign keys. The store test CopyPaperTest checks that
// this list names every table of both schemas.
constexpr Table kTables[] = {
    {"sections", "id", "slug, name, position, hidden:bool"},
    {"reporters", "id", "name, email, bio, photo"},
    {"photos", "id", "name, format, width, height, widths, uploaded_by, uploaded_at, webp:bool"},
    {"articles", "id",
     "section_id, status, registered_at, modified_at, recommends, created_at, headline, "
     "snippet, body_markdown, kind, video, gallery"},
    {"article_subheadlines", "article_id, position", "text"},
    {"article_reporters", "article_id, position", "reporter_id"},
    {"article_tags", "article_id, position", "tag"},
    {"article_corrections", "article_id", "text"},
    {"article_photos", "article_id", "photo_id, caption, credit"},
    {"article_gallery", "article_id, position", "photo_id, caption, credit"},
    {"article_desk", "article_id",
     "revision, created_by, updated_at, publish_at, published_once:bool"},
    {"article_revisions", "article_id, revision",
     "saved_by, saved_at, section_id, headline, subheadlines, reporter_ids, tags, correction, "
     "photo_id, photo_caption, photo_credit, body_markdown, kind, video, gallery, photos"},
    {"changes", "seq", "article_id, kind, at"},
    {"article_views_hourly", "article_id, hour", "views"},
    {"section_views_hourly", "hour, section_id", "views"},
    {"reporter_views_hourly", "reporter_id, hour", "views"},
    {"recommends", "article_id, visitor", "at"},
    {"users", "id", "email, name, role, reporter_id, active:bool, password_hash, created_at"},
    {"sessions", "token_hash", "user_id, csrf_token, created_at, last_seen_at"},
    {"login_throttles", "key", "failures, locked_until"},
    {"audit_log", "id", "at, user_id, actor, action, target, detail, remote_address"},
    {"site_settings", "key", "value"},
    {"ad_campaigns", "id",
     "advertiser, title, slots, photo_id, target_url, starts_at, ends_at, weight, section_id, "
     "active:bool, created_at, updated_at"},
    {"ad_daily_counts", "campaign_id, day, slot", "impressions, clicks"},
    {"comments", "id",
     "article_id, parent_id, author_kind, nickname, user_id, password_hash, body, state, "
     "recommends, not_recommends, reports, replies, client, created_at, edited_at, badge, "
     "address_prefix, visitor, address_hash"},
    {"comment_counts", "article_id", "visible"},
    {"comment_votes", "comment_id, visitor", "up:bool, at"},
    {"comment_reports", "comment_id, visitor", "reason, at"},
    {"article_comment_settings", "article_id", "policy, close_days"},
    {"comment_bans", "id",
     "kind, target, range_low, range_high, reason, created_by, created_at, expires_at, "
     "lifted_at, lifted_by"},
    {"article_related", "article_id, position", "related_id"},
    {"import_keys", "origin, kind, source_id", "target_id, fingerprint"},
    {"legacy_paths", "path", "kind, target_id, target"},
    {"static_pages", "path, version", "title, body, footer, effective_at, saved_at, saved_by"},
    {"corrections", "id",
     "article_id, kind, state, requester, contact, text, reason, status_token, assignee, answer, "
     "published_text, received_at, decided_at, published_at, client"},
    {"correction_files", "correction_id, position", "name, media_type, data"},
    {"tips", "id",
     "kind, state, anonymous, name, contact, title, text, status_token, client, assignee, reply, "
     "draft_id, received_at, updated_at"},
    {"tip_files", "tip_id, position", "name, media_type, data"},
    {"tip_events", "id", "tip_id, at, user_id, action, text"},
    {"mail_requests", "id",
     "article_id, correction_id, tip_id, client, sender_email, recipients, created_at"},
    {"mail_outbox", "id",
     "request_id, recipient, message, status, attempts, next_attempt_at, last_error, sent_at"},
    {"breaking_news", "id", "text, url, starts_at, expires_at, set_by, cleared_at"},
    {"view_slots", "slot, referrer, mobile", "views"},
    {"indexnow_queue", "id",
     "endpoint, article_id, status, attempts, created_at, next_attempt_at, last_error, sent_at"},
    {"indexnow_position", "one", "seq"},
    {"series", "id", "title, description, created_at"},
    {"article_series", "article_id", "series_id, episode"},
    {"article_views", "article_id", "views"},
};

std::vector<std::string> Split(std::string_view list) {
  std::vector<std::string> items;
  for (size_t comma = 0; comma != std::string_view::npos; list.remove_prefix(comma + 2)) {
    comma = list.find(", ");
    items.emplace_back(list.substr(0, comma));
  }
  return items;
}

// The statements of one table, every column as text in the order key, then the others.
// Statements are cached by the address of their text, so these live as long as the program.
struct TableSql {
  size_t columns;
  std::vector<std::string> names;
  Sql select;
  Sql upsert;  // one row by its key, so that a second run is harmless
  // Moves PostgreSQL's counters (ids, change numbers; change_sequence in 0001_schema.sql) past
  // the copied rows; SQLite's follow the rows themselves. No change is ever deleted, so the
  // last change number is the largest in `changes` on both sides.
  Sql follow;
};

TableSql MakeTableSql(const Table& table) {
  std::vector<std::string> names = Split(table.key);
  std::vector<std::string> selected = names;
  std::vector<std::string> placeholders;
  std::vector<std::string> updates;
  for (std::string column : Split(table.columns)) {
    const bool boolean = column.ends_with(":bool");
    if (boolean) column.resize(column.size() - 5);
    selected.push_back(boolean ? column + "{::int}" : column);
    updates.push_back(fmt::format("{0} = excluded.{0}", column));
    names.push_back(std::move(column));
  }
  for (size_t i = 1; i <= names.size(); ++i) placeholders.push_back(fmt::format("?{}", i));
  return TableSql{
      .columns = names.size(),
      .names = names,
      // In key order: a row that names another row of its table (a reply its parent
      // comment, by a smaller id) is written after it.
      .select = Sql(fmt::format("SELECT {} FROM {} ORDER BY {}", fmt::join(selected, ", "),
                                table.name, table.key)),
      .upsert = Sql(fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
                                table.name, fmt::join(names, ", "), fmt::join(placeholders, ", "),
                                table.key, fmt::join(updates, ", "))),
      .follow = Sql::Override(
          "SELECT 0 WHERE 0",
          std::string_view(table.key) == "id"
              ? fmt::format(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), GREATEST((SELECT MAX(id) "
                    "FROM {0}), 1), (SELECT MAX(id) FROM {0}) IS NOT NULL)",
                    table.name)
          : std::string_view(table.name) == "changes"
              ? "UPDATE change_sequence SET seq = GREATEST(seq, (SELECT MAX(seq) FROM changes))"
              : "SELECT 0 WHERE FALSE"),
  };
}

const std::vector<TableSql> kTableSql = [] {
  std::vector<TableSql> sql;
  for (const Table& table : kTables) sql.push_back(MakeTableSql(table));
  return sql;
}();

using Values = PaperRow;

// Calls visit(values) with each of `rows` as text, until it fails.
template <typename Rows, typename Visit>
Result<> VisitRows(Rows& rows, size_t columns, Visit& visit) {
  Values values(columns);
  for (;;) {
    const Result<bool> more = rows.Step();
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
    for (size_t i = 0; i < columns; ++i) values[i] = rows.row().OptionalText(static_cast<int>(i));
    if (Result<> done = visit(values); !done) return done;
  }
}

// Calls visit(values) with every row of `sql` as text, until it fails.
template <typename Visit>
Result<> EachRow(sqlite::Connection& db, const Sql& sql, size_t columns, Visit visit) {
  Result<sqlite::Statement> rows = Query(db, sql);
  if (!rows) return tl::unexpected(rows.error());
  return VisitRows(*rows, columns, visit);
}

// PostgreSQL hands over a statement's rows all at once; a cursor fetches them a batch at a
// time, so that the largest table need not fit in memory. REQUIRES: inside a transaction.
template <typename Visit>
Result<> EachRow(postgres::Connection& db, const Sql& sql, size_t columns, Visit visit) {
  if (Result<> done = db.Execute(fmt::format("DECLARE copy_rows CURSOR FOR {}", sql.postgres()));
      !done) {
    return done;
  }
  for (;;) {
    Result<postgres::Rows> rows = postgres::Query(db, "FETCH 1000 FROM copy_rows");
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return db.Execute("CLOSE copy_rows");
    if (Result<> done = VisitRows(*rows, columns, visit); !done) return done;
  }
}

// Runs `sql` with text values.
Result<> Run(sqlite::Connection& db, const Sql& sql, const Values& values) {
  Result<sqlite::Statement> statement = sqlite::Query(db, sql);
  if (!statement) return tl::unexpected(statement.error());
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) {
      statement->Bind(static_cast<int>(i + 1), std::string_view(*values[i]));
    } else {
      statement->Bind(static_cast<int>(i + 1), std::optional<std::int64_t>());
    }
  }
  return statement->Run();
}

Result<> Run(postgres::Connection& db, const Sql& sql, const Values& values) {
  Result<postgres::Rows> rows = db.Run(sql.postgres(), values);
  if (!rows) return tl::unexpected(rows.error());
  return {};
}

// Counts a row and adds its FNV-1a hash to `checksum`: NULL is told apart from any text, and
// rows are summed, so the order in which each side reads them does not matter.
Result<> AddRow(const Values& values, std::int64_t& rows, std::uint64_t& checksum) {
  std::uint64_t hash = 1469598103934665603ULL;
  const auto add = [&hash](unsigned char byte) { hash = (hash ^ byte) * 1099511628211ULL; };
  for (const std::optional<std::string>& value : values) {
    if (!value) add(0xff);
    for (const char c : value.value_or("")) add(static_cast<unsigned char>(c));
    add(0x1f);
  }
  checksum += hash;
  ++rows;
  return {};
}

// How TableUpsert commits: `migrate` commits every kBatchRows rows, so an interrupted copy
// keeps what it copied and is run again; `import paper` writes inside the caller's one
// transaction, so a dump that fails half-way leaves the new paper empty.
enum class UpsertCommits { kEveryBatch, kByCaller };

// Upserts the rows of one table, counting them as the source side of `check`; Finish()
// commits the last batch (kEveryBatch) and lets the counters follow.
template <typename Target>
class TableUpsert {
 public:
  TableUpsert(Target& target, const Table& table, const TableSql& sql, TableCheck& check,
              UpsertCommits commits = UpsertCommits::kEveryBatch)
      : target_(target), table_(table), sql_(sql), check_(check), commits_(commits) {}

  Result<> Put(const Values& values) {
    if (values.size() != sql_.columns) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("{}: a row of {} values, expected {}",
                                                        table_.name, values.size(), sql_.columns));
    }
    AddRow(values, check_.source_rows, check_.source_checksum);
    if (commits_ == UpsertCommits::kByCaller) return Upsert(values);
    if (!batch_) {
      auto begun = Transaction<Target>::Begin(target_, TransactionMode::kWrite);
      if (!begun) return tl::unexpected(begun.error());
      batch_.emplace(std::move(*begun));
    }
    if (Result<> done = Upsert(values); !done) return done;
    if (++in_batch_ < kBatchRows) return {};
    in_batch_ = 0;
    return std::exchange(batch_, std::nullopt)->Commit();
  }

  Result<> Finish() {
    if (batch_) {
      if (Result<> done = std::exchange(batch_, std::nullopt)->Commit(); !done) return done;
    }
    return Run(target_, sql_.follow, {});
  }

 private:
  Result<> Upsert(const Values& values) {
    if (Result<> done = Run(target_, sql_.upsert, values); !done) {
      return Fail(done.error().code, fmt::format("{}: {}", table_.name, done.error().detail));
    }
    return {};
  }

  Target& target_;
  const Table& table_;
  const TableSql& sql_;
  TableCheck& check_;
  UpsertCommits commits_;
  std::optional<Transaction<Target>> batch_;
  int in_batch_ = 0;
};

// Reads every table of `target` back in one snapshot, as the target side of `checks`.
template <typename Target>
Result<> ReadBack(Target& target, std::vector<TableCheck>& checks) {
  auto check = Transaction<Target>::Begin(target, TransactionMode::kRead);
  if (!check) return tl::unexpected(check.error());
  for (size_t i = 0; i < std::size(kTables); ++i) {
    const auto add = [&check = checks[i]](const Values& values) {
      return AddRow(values, check.target_rows, check.target_checksum);
    };
    if (Result<> done = EachRow(target, kTableSql[i].select, kTableSql[i].columns, add); !done) {
      return done;
    }
  }
  return check->Commit();
}

template <typename Source, typename Target>
Result<std::vector<TableCheck>> Copy(Source& source, Target& target,
                                     const std::function<void(std::string_view)>& progress) {
  // One read snapshot of the source for the whole copy and its check.
  auto snapshot = Transaction<Source>::Begin(source, TransactionMode::kRead);
  if (!snapshot) return tl::unexpected(snapshot.error());
  std::vector<TableCheck> checks(std::size(kTables));
  for (size_t i = 0; i < std::size(kTables); ++i) {
    progress(kTables[i].name);
    checks[i].table = kTables[i].name;
    TableUpsert<Target> upsert(target, kTables[i], kTableSql[i], checks[i]);
    const auto put = [&upsert](const Values& values) { return upsert.Put(values); };
    if (Result<> done = EachRow(source, kTableSql[i].select, kTableSql[i].columns, put); !done) {
      return tl::unexpected(done.error());
    }
    if (Result<> done = upsert.Finish(); !done) return tl::unexpected(done.error());
  }
  // The copy is read back in one snapshot too.
  if (Result<> done = ReadBack(target, checks); !done) return tl::unexpected(done.error());
  return checks;
}

using AnyConnection =
    std::variant<std::unique_ptr<sqlite::Connection>, std::unique_ptr<postgres::Connection>>;

// A connection to the database of the store at `url`, which OpenStore has migrated.
Result<AnyConnection> Connect(std::string_view url, bool write) {
  if (url.starts_with("sqlite:")) {
    // sqlite:DIR is DIR/sinmun.db, as OpenStore chose.
    std::string path(url.substr(std::string_view("sqlite:").size()));
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) path += "/sinmun.db";
    Result<std::unique_ptr<sqlite::Connection>> connection = sqlite::Connection::Open(
        path, write ? sqlite::Connection::Role::kWriter : sqlite::Connection::Role::kReader);
    // A paper is written in one transaction (WritePaper) or in batches of kBatchRows rows
    // (Copy): every page it changes stays in the writer's cache until the commit, and what does
    // not fit is spilled to the WAL. The store's writer keeps 8 MB for a server's small writes
    // (sqlite/connection.cpp); a copy takes 64 MB. With 8 MB `import paper` of 100,000 articles
    // spent 1.1-2.0 s more in the kernel and took 8-11 % longer (docs/BENCHMARKS.md, session 25).
    if (connection && write) {
      if (Result<> sized = (*connection)->Execute("PRAGMA cache_size = -65536"); !sized) {
        return tl::unexpected(sized.error());
      }
    }
    return connection;
  }
  Result<postgres::PoolUrl> split = postgres::SplitPoolSize(std::string(url), 1);
  if (!split) return tl::unexpected(split.error());
  return postgres::Connection::Open(split->conninfo);
}

bool IsPostgres(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

// The store at `url`, migrated by OpenStore, and one connection to its database.
Result<AnyConnection> OpenMigrated(std::string_view url, bool write) {
  if (Result<std::unique_ptr<Store>> store = OpenStore(url); !store) {
    return tl::unexpected(store.error());
  }
  return Connect(url, write);
}

}  // namespace

Result<> ReadPaper(
    std::string_view url,
    const std::function<Result<>(std::string_view, const std::vector<std::string>&)>& table,
    const PutRow& row) {
  Result<AnyConnection> source = OpenMigrated(url, false);
  if (!source) return tl::unexpected(source.error());
  return std::visit(
      [&](auto& db) -> Result<> {
        using Db = std::decay_t<decltype(*db)>;
        auto snapshot = Transaction<Db>::Begin(*db, TransactionMode::kRead);
        if (!snapshot) return tl::unexpected(snapshot.error());
        for (size_t i = 0; i < std::size(kTables); ++i) {
          if (Result<> done = table(kTables[i].name, kTableSql[i].names); !done) return done;
          if (Result<> done = EachRow(*db, kTableSql[i].select, kTableSql[i].columns, row); !done) {
            return done;
          }
        }
        return snapshot->Commit();
      },
      *source);
}

Result<std::vector<TableCheck>> WritePaper(
    std::string_view url,
    const std::function<Result<>(std::string_view, const std::vector<std::string>&, const PutRow&)>&
        fill) {
  Result<AnyConnection> target = OpenMigrated(url, true);
  if (!target) return tl::unexpected(target.error());
  return std::visit(
      [&](auto& db) -> Result<std::vector<TableCheck>> {
        using Db = std::decay_t<decltype(*db)>;
        // One transaction for the whole paper: a dump that fails half-way (a bad row, a full
        // disk) rolls back, and the store is as empty as it was, ready for the next try.
        auto whole = Transaction<Db>::Begin(*db, TransactionMode::kWrite);
        if (!whole) return tl::unexpected(whole.error());
        std::vector<TableCheck> checks(std::size(kTables));
        for (size_t i = 0; i < std::size(kTables); ++i) {
          checks[i].table = kTables[i].name;
          TableUpsert<Db> upsert(*db, kTables[i], kTableSql[i], checks[i],
                                 UpsertCommits::kByCaller);
          const PutRow put = [&upsert](const Values& values) { return upsert.Put(values); };
          if (Result<> done = fill(kTables[i].name, kTableSql[i].names, put); !done) {
            return tl::unexpected(done.error());
          }
          if (Result<> done = upsert.Finish(); !done) return tl::unexpected(done.error());
        }
        if (Result<> done = whole->Commit(); !done) return tl::unexpected(done.error());
        if (Result<> done = ReadBack(*db, checks); !done) return tl::unexpected(done.error());
        return checks;
      },
      *target);
}

Result<std::vector<TableCheck>> CopyPaper(std::string_view from, std::string_view to,
                                          const std::function<void(std::string_view)>& progress) {
  if (!((from.starts_with("sqlite:") && IsPostgres(to)) ||
        (IsPostgres(from) && to.starts_with("sqlite:")))) {
    return Fail(ErrorCode::kInvalidInput,
                "migrate copies between a sqlite: store and a postgres:// store");
  }
  // Opening each store applies its migrations, so both have every table.
  Result<AnyConnection> source = OpenMigrated(from, false);
  if (!source) return tl::unexpected(source.error());
  Result<AnyConnection> target = OpenMigrated(to, true);
  if (!target) return tl::unexpected(target.error());
  return std::visit([&](auto& source, auto& target) { return Copy(*source, *target, progress); },
                    *source, *target);
}

}  // namespace sinmun::store
