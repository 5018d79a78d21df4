#pragma once
// Small helpers over Connection shared by the SqliteStore source files: binding parameters,
// reading rows into records, and read snapshots. Internal to store/sqlite.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/sql/dialect.hpp"
#include "store/sqlite/connection.hpp"

namespace sinmun::store::sqlite {

// Prepares `sql` and binds `params` to ?1, ?2, … in order.
// REQUIRES: text parameters outlive the statement's use (they are not copied).
template <typename... Params>
Result<Statement> Query(Connection& connection, const char* sql, const Params&... params) {
  Result<Statement> statement = connection.Prepare(sql);
  if (!statement) return statement;
  int index = 0;
  (statement->Bind(++index, params), ...);
  return statement;
}

// Query of one statement written once (sql/dialect.hpp), in its SQLite form.
template <typename... Params>
Result<Statement> Query(Connection& connection, const Sql& sql, const Params&... params) {
  return Query(connection, sql.sqlite(), params...);
}

// Runs a statement that returns no rows, with `params` bound as by Query.
template <typename... Params>
Result<> Write(Connection& connection, const char* sql, const Params&... params) {
  Result<Statement> statement = Query(connection, sql, params...);
  if (!statement) return tl::unexpected(statement.error());
  return statement->Run();
}

template <typename... Params>
Result<> Write(Connection& connection, const Sql& sql, const Params&... params) {
  return Write(connection, sql.sqlite(), params...);
}

// Runs a write and returns how many rows it changed.
inline Result<std::int64_t> ReadAffected(Result<Statement> statement) {
  if (!statement) return tl::unexpected(statement.error());
  if (Result<> done = statement->Run(); !done) return tl::unexpected(done.error());
  return statement->Changes();
}

// Steps `statement` to its end, calling read(row) for every row.
template <typename ReadRow>
Result<> ForEachRow(Result<Statement> statement, ReadRow read) {
  if (!statement) return tl::unexpected(statement.error());
  for (;;) {
    const Result<bool> row = statement->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
    read(*statement);
  }
}

template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Result<Statement> statement, ReadRow read) {
  if (!statement) return tl::unexpected(statement.error());
  std::vector<T> rows;
  for (;;) {
    const Result<bool> row = statement->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return rows;
    rows.push_back(read(*statement));
  }
}

// Steps `statement` once: the row read with `read`, or kNotFound with `what` when there is none.
template <typename T, typename ReadRow>
Result<T> ReadOne(Result<Statement> statement, ReadRow read, std::string_view what) {
  if (!statement) return tl::unexpected(statement.error());
  const Result<bool> row = statement->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, std::string(what));
  return read(*statement);
}

// The integer in the first column of the first row, or nullopt when there is no row.
inline Result<std::optional<std::int64_t>> ReadOptionalInt(Result<Statement> statement) {
  if (!statement) return tl::unexpected(statement.error());
  const Result<bool> row = statement->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::nullopt;
  return statement->Int(0);
}

inline Result<std::int64_t> ReadCount(Result<Statement> statement) {
  return ReadOne<std::int64_t>(
      std::move(statement), [](const Statement& row) { return row.Int(0); }, "count");
}

// Runs `read` inside one read transaction, so that its several queries see one snapshot.
template <typename Read>
auto InSnapshot(Connection& connection, Read read) -> std::invoke_result_t<Read> {
  Result<Transaction> snapshot = Transaction::Begin(connection, Transaction::Mode::kRead);
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto result = read();
  if (!result) return result;
  if (Result<> done = snapshot->Commit(); !done) return tl::unexpected(done.error());
  return result;
}

}  // namespace sinmun::store::sqlite
