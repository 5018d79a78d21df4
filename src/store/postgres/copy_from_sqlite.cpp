// CopyPaper (copy_paper.hpp): SQLite rows into PostgreSQL, table by table, then a count and a
// checksum of both sides. The two schemas use the same table and column names
// (postgres/migrations/0001_schema.sql mirrors sqlite/migrations/0001-0005), so one list of
// tables drives both sides.

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "store/copy_paper.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace sinmun::store {
namespace {

constexpr int kBatchRows = 1000;

struct Table {
  const char* name;
  std::vector<std::string> columns;
  std::vector<std::string> key;
  std::vector<std::string> booleans;  // boolean in PostgreSQL, 0/1 in SQLite
  bool identity = false;              // `id` is an identity whose counter must follow
};

// Parents before children, for the foreign keys.
const std::vector<Table> kTables = {
    {"sections", {"id", "slug", "name", "position", "hidden"}, {"id"}, {"hidden"}, true},
    {"reporters", {"id", "name", "email", "bio", "photo"}, {"id"}, {}, true},
    {"photos",
     {"id", "name", "format", "width", "height", "widths", "uploaded_by", "uploaded_at"},
     {"id"},
     {},
     true},
    {"articles",
     {"id", "section_id", "status", "registered_at", "modified_at", "views", "recommends",
      "created_at", "headline", "snippet", "body_markdown"},
     {"id"},
     {},
     true},
    {"article_subheadlines", {"article_id", "position", "text"}, {"article_id", "position"}, {}},
    {"article_reporters",
     {"article_id", "reporter_id", "position"},
     {"article_id", "position"},
     {}},
    {"article_tags", {"article_id", "position", "tag"}, {"article_id", "position"}, {}},
    {"article_corrections", {"article_id", "text"}, {"article_id"}, {}},
    {"article_photos", {"article_id", "photo_id", "caption", "credit"}, {"article_id"}, {}},
    {"article_desk",
     {"article_id", "revision", "created_by", "updated_at", "publish_at", "published_once"},
     {"article_id"},
     {"published_once"}},
    {"article_revisions",
     {"article_id", "revision", "saved_by", "saved_at", "section_id", "headline", "subheadlines",
      "reporter_ids", "tags", "correction", "photo_id", "photo_caption", "photo_credit",
      "body_markdown"},
     {"article_id", "revision"},
     {}},
    {"changes", {"seq", "article_id", "kind", "at"}, {"seq"}, {}},
    {"article_views_hourly", {"article_id", "hour", "views"}, {"article_id", "hour"}, {}},
    {"recommends", {"article_id", "visitor", "at"}, {"article_id", "visitor"}, {}},
    {"mail_requests",
     {"id", "article_id", "client", "sender_email", "recipients", "created_at"},
     {"id"},
     {},
     true},
    {"mail_outbox",
     {"id", "request_id", "recipient", "message", "status", "attempts", "next_attempt_at",
      "last_error", "sent_at"},
     {"id"},
     {},
     true},
    {"users",
     {"id", "email", "name", "role", "reporter_id", "active", "password_hash", "created_at"},
     {"id"},
     {"active"},
     true},
    {"sessions",
     {"token_hash", "user_id", "csrf_token", "created_at", "last_seen_at"},
     {"token_hash"},
     {}},
    {"login_throttles", {"key", "failures", "locked_until"}, {"key"}, {}},
    {"audit_log",
     {"id", "at", "user_id", "actor", "action", "target", "detail", "remote_address"},
     {"id"},
     {},
     true},
    {"site_settings", {"key", "value"}, {"key"}, {}},
    {"ad_campaigns",
     {"id", "advertiser", "title", "slots", "photo_id", "target_url", "starts_at", "ends_at",
      "weight", "section_id", "active", "created_at", "updated_at"},
     {"id"},
     {"active"},
     true},
    {"ad_daily_counts",
     {"campaign_id", "day", "slot", "impressions", "clicks"},
     {"campaign_id", "day", "slot"},
     {}},
};

bool IsBoolean(const Table& table, const std::string& column) {
  for (const std::string& name : table.booleans) {
    if (name == column) return true;
  }
  return false;
}

// The statements of one table. Both backends cache statements by the address of their text,
// so the texts live as long as the program (kTableSql below).
struct TableSql {
  std::string sqlite_select;      // every row, columns in Table order
  std::string postgres_select;    // the same, booleans as 0/1
  std::string postgres_upsert;    // one row by its key
  std::string postgres_identity;  // moves the id counter past the largest id ("" if none)
};

TableSql MakeTableSql(const Table& table) {
  std::vector<std::string> selected;
  std::vector<std::string> placeholders;
  std::vector<std::string> updates;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const std::string& column = table.columns[i];
    selected.push_back(IsBoolean(table, column) ? column + "::int" : column);
    placeholders.push_back(fmt::format("${}", i + 1));
    bool is_key = false;
    for (const std::string& key : table.key) is_key = is_key || key == column;
    if (!is_key) updates.push_back(fmt::format("{0} = excluded.{0}", column));
  }
  const std::string columns = fmt::format("{}", fmt::join(table.columns, ", "));
  return TableSql{
      .sqlite_select = fmt::format("SELECT {} FROM {}", columns, table.name),
      .postgres_select = fmt::format("SELECT {} FROM {}", fmt::join(selected, ", "), table.name),
      .postgres_upsert =
          fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO {}", table.name, columns,
                      fmt::join(placeholders, ", "), fmt::join(table.key, ", "),
                      updates.empty() ? std::string("NOTHING")
                                      : fmt::format("UPDATE SET {}", fmt::join(updates, ", "))),
      .postgres_identity = table.identity
                               ? fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                             "GREATEST((SELECT MAX(id) FROM {0}), 1), "
                                             "(SELECT MAX(id) FROM {0}) IS NOT NULL)",
                                             table.name)
                               : std::string(),
  };
}

const std::vector<TableSql> kTableSql = [] {
  std::vector<TableSql> sql;
  for (const Table& table : kTables) sql.push_back(MakeTableSql(table));
  return sql;
}();

constexpr char kSqliteChangeSequence[] = "SELECT seq FROM sqlite_sequence WHERE name = 'changes'";
constexpr char kSetChangeSequence[] = "UPDATE change_sequence SET seq = GREATEST(seq, $1)";

// FNV-1a over a row's values, NULL told apart from any text; rows are summed, so the order
// in which each side reads them does not matter.
class Checksum {
 public:
  void AddRow(const std::vector<std::optional<std::string>>& values) {
    std::uint64_t hash = 1469598103934665603ULL;
    const auto add = [&hash](unsigned char byte) {
      hash ^= byte;
      hash *= 1099511628211ULL;
    };
    for (const std::optional<std::string>& value : values) {
      if (!value) {
        add(0xff);
      } else {
        for (const char c : *value) add(static_cast<unsigned char>(c));
      }
      add(0x1f);
    }
    sum_ += hash;
    ++rows_;
  }
  std::uint64_t sum() const { return sum_; }
  std::int64_t rows() const { return rows_; }

 private:
  std::uint64_t sum_ = 0;
  std::int64_t rows_ = 0;
};

// Copies one table; returns the source's rows and checksum.
Result<Checksum> CopyTable(sqlite::Connection& source, postgres::Connection& target,
                           const Table& table, const TableSql& sql) {
  Result<sqlite::Statement> rows = source.Prepare(sql.sqlite_select.c_str());
  if (!rows) return tl::unexpected(rows.error());
  Checksum checksum;
  std::optional<postgres::Transaction> batch;
  int in_batch = 0;
  std::vector<std::optional<std::string>> values(table.columns.size());
  for (;;) {
    const Result<bool> row = rows->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    for (size_t i = 0; i < values.size(); ++i) values[i] = rows->OptionalText(static_cast<int>(i));
    checksum.AddRow(values);
    if (!batch) {
      Result<postgres::Transaction> begun =
          postgres::Transaction::Begin(target, postgres::Transaction::Mode::kWrite);
      if (!begun) return tl::unexpected(begun.error());
      batch.emplace(std::move(*begun));
    }
    if (Result<postgres::Rows> done = target.Run(sql.postgres_upsert.c_str(), values); !done) {
      return Fail(done.error().code, fmt::format("{}: {}", table.name, done.error().detail));
    }
    if (++in_batch == kBatchRows) {
      if (Result<> done = batch->Commit(); !done) return tl::unexpected(done.error());
      batch.reset();
      in_batch = 0;
    }
  }
  if (batch) {
    if (Result<> done = batch->Commit(); !done) return tl::unexpected(done.error());
  }
  if (!sql.postgres_identity.empty()) {
    if (Result<> done = target.Execute(sql.postgres_identity); !done) {
      return tl::unexpected(done.error());
    }
  }
  return checksum;
}

Result<Checksum> TargetChecksum(postgres::Connection& target, const TableSql& sql) {
  Result<postgres::Rows> rows = target.Run(sql.postgres_select.c_str(), {});
  if (!rows) return tl::unexpected(rows.error());
  Checksum checksum;
  for (int r = 0; r < rows->size(); ++r) {
    const postgres::Row row = (*rows)[r];
    std::vector<std::optional<std::string>> values;
    for (int c = 0; c < rows->columns(); ++c) values.push_back(row.OptionalText(c));
    checksum.AddRow(values);
  }
  return checksum;
}

std::string SqlitePath(std::string_view url) {
  return std::string(url.substr(std::string_view("sqlite:").size()));
}

}  // namespace

Result<std::vector<TableCheck>> CopyPaper(std::string_view from, std::string_view to,
                                          const std::function<void(std::string_view)>& progress) {
  if (!from.starts_with("sqlite:")) {
    return Fail(ErrorCode::kInvalidInput, "migrate copies from a sqlite: store");
  }
  if (!to.starts_with("postgres://") && !to.starts_with("postgresql://")) {
    return Fail(ErrorCode::kInvalidInput, "migrate copies to a postgres:// store");
  }
  // Opening each store applies its migrations, so both have every table; the source's file
  // name is then the one OpenStore chose (sqlite:DIR is DIR/sinmun.db).
  {
    Result<std::unique_ptr<Store>> source = OpenStore(from);
    if (!source) return tl::unexpected(source.error());
    Result<std::unique_ptr<Store>> target = OpenStore(to);
    if (!target) return tl::unexpected(target.error());
  }
  std::string path = SqlitePath(from);
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) path += "/sinmun.db";
  Result<std::unique_ptr<sqlite::Connection>> source =
      sqlite::Connection::Open(path, sqlite::Connection::Role::kReader);
  if (!source) return tl::unexpected(source.error());
  Result<postgres::PoolUrl> url = postgres::SplitPoolSize(std::string(to), 1);
  if (!url) return tl::unexpected(url.error());
  Result<std::unique_ptr<postgres::Connection>> target = postgres::Connection::Open(url->conninfo);
  if (!target) return tl::unexpected(target.error());

  // One read snapshot of the source for the whole copy and its check.
  Result<sqlite::Transaction> snapshot =
      sqlite::Transaction::Begin(**source, sqlite::Transaction::Mode::kRead);
  if (!snapshot) return tl::unexpected(snapshot.error());
  std::vector<TableCheck> checks;
  for (size_t i = 0; i < kTables.size(); ++i) {
    progress(kTables[i].name);
    Result<Checksum> copied = CopyTable(**source, **target, kTables[i], kTableSql[i]);
    if (!copied) return tl::unexpected(copied.error());
    checks.push_back(TableCheck{
        .table = kTables[i].name, .source_rows = copied->rows(), .source_checksum = copied->sum()});
  }
  // The change sequence goes on from the source's, never back.
  Result<sqlite::Statement> sequence = (*source)->Prepare(kSqliteChangeSequence);
  if (!sequence) return tl::unexpected(sequence.error());
  Result<bool> has_sequence = sequence->Step();
  if (!has_sequence) return tl::unexpected(has_sequence.error());
  const std::int64_t last_change = *has_sequence ? sequence->Int(0) : 0;
  if (Result<postgres::Rows> done = postgres::Query(**target, kSetChangeSequence, last_change);
      !done) {
    return tl::unexpected(done.error());
  }
  for (size_t i = 0; i < kTables.size(); ++i) {
    Result<Checksum> copy = TargetChecksum(**target, kTableSql[i]);
    if (!copy) return tl::unexpected(copy.error());
    checks[i].target_rows = copy->rows();
    checks[i].target_checksum = copy->sum();
  }
  return checks;
}

}  // namespace sinmun::store
