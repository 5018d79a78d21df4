#pragma once
// Small helpers shared by the PgStore source files: reading rows into records, and running
// work on a pooled connection inside a snapshot or a write transaction. Internal to
// store/postgres.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/pool.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store::postgres {

// Runs one statement written once (sql/dialect.hpp), in its PostgreSQL form.
template <typename... Params>
Result<Rows> Query(Connection& connection, const Sql& sql, const Params&... params) {
  return connection.Run(sql.postgres(), std::vector<Param>{ToParam(params)...});
}

template <typename... Params>
Result<> Write(Connection& connection, const Sql& sql, const Params&... params) {
  Result<Rows> rows = Query(connection, sql, params...);
  if (!rows) return tl::unexpected(rows.error());
  return {};
}

// Every row of `rows` read with `read`.
template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Result<Rows> rows, ReadRow read) {
  if (!rows) return tl::unexpected(rows.error());
  std::vector<T> items;
  items.reserve(static_cast<size_t>(rows->size()));
  for (int i = 0; i < rows->size(); ++i) items.push_back(read((*rows)[i]));
  return items;
}

// The first row read with `read`, or kNotFound with `what` when there is none.
template <typename T, typename ReadRow>
Result<T> ReadOne(Result<Rows> rows, ReadRow read, std::string_view what) {
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, std::string(what));
  return read((*rows)[0]);
}

// The integer in the first column of the first row, or nullopt when there is no row.
inline Result<std::optional<std::int64_t>> ReadOptionalInt(Result<Rows> rows) {
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::nullopt;
  return (*rows)[0].OptionalInt(0);
}

inline Result<std::int64_t> ReadCount(Result<Rows> rows) {
  return ReadOne<std::int64_t>(
      std::move(rows), [](const Row& row) { return row.Int(0); }, "count");
}

// How many rows a write changed.
inline Result<std::int64_t> ReadAffected(Result<Rows> rows) {
  if (!rows) return tl::unexpected(rows.error());
  return rows->Affected();
}

// Calls work(Connection&) on a pooled connection (see Pool::With) and returns its Result.
template <typename Work>
auto WithConnection(Pool& pool, Work work) -> std::invoke_result_t<Work, Connection&> {
  return pool.With(std::move(work));
}

// Calls work(Connection&) inside a transaction of `mode` on a pooled connection and commits
// when it succeeds; rolls back otherwise.
template <typename Work>
auto InTransaction(Pool& pool, Transaction::Mode mode, Work work)
    -> std::invoke_result_t<Work, Connection&> {
  return pool.With([&](Connection& connection) -> std::invoke_result_t<Work, Connection&> {
    Result<Transaction> transaction = Transaction::Begin(connection, mode);
    if (!transaction) return tl::unexpected(transaction.error());
    auto result = work(connection);
    if (!result) return result;
    if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
    return result;
  });
}

// Several reads that see one snapshot.
template <typename Work>
auto InSnapshot(Pool& pool, Work work) -> std::invoke_result_t<Work, Connection&> {
  return InTransaction(pool, Transaction::Mode::kRead, std::move(work));
}

// A write of several statements, all or nothing.
template <typename Work>
auto InWriteTransaction(Pool& pool, Work work) -> std::invoke_result_t<Work, Connection&> {
  return InTransaction(pool, Transaction::Mode::kWrite, std::move(work));
}

// Appends one entry to the change log with the next change number, in the caller's
// transaction (0001_schema.sql explains the counter). article_id 0 is a change that is not
// about one article.
inline Result<> AppendChange(Connection& connection, std::int64_t article_id, std::string_view kind,
                             std::int64_t at) {
  static constexpr char kAppendChange[] =
      "WITH next AS (UPDATE change_sequence SET seq = seq + 1 RETURNING seq) "
      "INSERT INTO changes (seq, article_id, kind, at) SELECT seq, $1, $2, $3 FROM next";
  return Write(connection, kAppendChange, article_id, kind, at);
}

}  // namespace sinmun::store::postgres
