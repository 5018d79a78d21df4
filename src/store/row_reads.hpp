#pragma once
// Reading the rows of one statement, for either backend. `Rows` is what a backend's Query
// returns (sqlite::Statement, postgres::Rows) and offers:
//   Result<bool> Step()    moves to the next row; false after the last
//   row()                  the current row: Int(c), Text(c), OptionalInt(c), OptionalText(c)
//   Result<> Run()         runs the statement to its end
//   std::int64_t Changes() rows the statement inserted, updated or deleted, once run
// Each backend's query.hpp brings these names into its namespace, where its callers and
// argument-dependent lookup find them. Internal to store/.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// Steps `rows` to their end, calling read(row) for every row.
template <typename Rows, typename ReadRow>
Result<> ForEachRow(Result<Rows> rows, ReadRow read) {
  if (!rows) return tl::unexpected(rows.error());
  for (;;) {
    const Result<bool> more = rows->Step();
    if (!more) return tl::unexpected(more.error());
    if (!*more) return {};
    read(rows->row());
  }
}

// Every row read with `read`.
template <typename T, typename Rows, typename ReadRow>
Result<std::vector<T>> ReadAll(Result<Rows> rows, ReadRow read) {
  std::vector<T> items;
  Result<> done = ForEachRow(std::move(rows), [&](const auto& row) { items.push_back(read(row)); });
  if (!done) return tl::unexpected(done.error());
  return items;
}

// The first row read with `read`, or kNotFound with `what` when there is none.
template <typename T, typename Rows, typename ReadRow>
Result<T> ReadOne(Result<Rows> rows, ReadRow read, std::string_view what) {
  if (!rows) return tl::unexpected(rows.error());
  const Result<bool> row = rows->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, std::string(what));
  return read(rows->row());
}

// The first row read with `read`, or nullopt when there is none. For reads only: a write that
// returns rows is read to its end (ReadAll), so that SQLite has run it whole.
template <typename T, typename Rows, typename ReadRow>
Result<std::optional<T>> ReadFirst(Result<Rows> rows, ReadRow read) {
  if (!rows) return tl::unexpected(rows.error());
  const Result<bool> row = rows->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::nullopt;
  return std::optional<T>(read(rows->row()));
}

// The integer in the first column of the first row, or nullopt when there is no row.
template <typename Rows>
Result<std::optional<std::int64_t>> ReadOptionalInt(Result<Rows> rows) {
  if (!rows) return tl::unexpected(rows.error());
  const Result<bool> row = rows->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::nullopt;
  return rows->row().OptionalInt(0);
}

template <typename Rows>
Result<std::int64_t> ReadCount(Result<Rows> rows) {
  return ReadOne<std::int64_t>(
      std::move(rows), [](const auto& row) { return row.Int(0); }, "count");
}

// A page: the rows of `items` read with `read`, and the count `total` (one row, one column) of
// the whole list. REQUIRES: both statements run in one snapshot, so that the two agree.
template <typename T, typename Rows, typename ReadRow>
Result<ItemPage<T>> ReadPage(Result<Rows> items, ReadRow read, Result<Rows> total) {
  Result<std::vector<T>> page = ReadAll<T>(std::move(items), read);
  if (!page) return tl::unexpected(page.error());
  const Result<std::int64_t> count = ReadCount(std::move(total));
  if (!count) return tl::unexpected(count.error());
  return ItemPage<T>{.items = std::move(*page), .total = *count};
}

// Runs a write and returns how many rows it changed.
template <typename Rows>
Result<std::int64_t> ReadAffected(Result<Rows> rows) {
  if (!rows) return tl::unexpected(rows.error());
  if (Result<> done = rows->Run(); !done) return tl::unexpected(done.error());
  return rows->Changes();
}

// Runs a write and fails with kNotFound and `what` when it changed no row.
template <typename Connection, typename Text, typename... Params>
Result<> WriteOne(Connection& connection, std::string what, const Text& sql,
                  const Params&... params) {
  const Result<std::int64_t> changed = ReadAffected(Query(connection, sql, params...));
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return Fail(ErrorCode::kNotFound, std::move(what));
  return {};
}

// Runs a statement whose rows are not needed, with `params` bound as by the backend's Query.
template <typename Connection, typename Text, typename... Params>
Result<> Write(Connection& connection, const Text& sql, const Params&... params) {
  auto rows = Query(connection, sql, params...);
  if (!rows) return tl::unexpected(rows.error());
  return rows->Run();
}

}  // namespace sinmun::store
