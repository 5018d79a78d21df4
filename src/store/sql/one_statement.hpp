#pragma once
// Methods that are one statement on a connection the backend lends (sql/sql_store.hpp): the
// statement, its parameters and how a row is read, nothing else.
// Internal to store/.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store {

// Every row of `sql` read with read(row).
template <typename T, typename Backend, typename Read, typename... Params>
Result<std::vector<T>> ReadAllOn(const Backend& backend, Read read, const Sql& sql,
                                 const Params&... params) {
  return backend.OnReader([&](auto& db) { return ReadAll<T>(Query(db, sql, params...), read); });
}

// The first row of `sql` read with read(row), or kNotFound saying `what`.
template <typename T, typename Backend, typename Read, typename... Params>
Result<T> ReadOneOn(const Backend& backend, Read read, std::string_view what, const Sql& sql,
                    const Params&... params) {
  return backend.OnReader(
      [&](auto& db) { return ReadOne<T>(Query(db, sql, params...), read, what); });
}

// The first row of `sql` read with read(row), or nullopt when there is none.
template <typename T, typename Backend, typename Read, typename... Params>
Result<std::optional<T>> ReadFirstOn(const Backend& backend, Read read, const Sql& sql,
                                     const Params&... params) {
  return backend.OnReader([&](auto& db) { return ReadFirst<T>(Query(db, sql, params...), read); });
}

// Runs `sql`, a write whose rows are not read, on the writer.
template <typename Backend, typename... Params>
Result<> WriteOn(Backend& backend, const Sql& sql, const Params&... params) {
  return backend.OnWriter([&](auto& db) { return Write(db, sql, params...); });
}

// The id that `insert` (an INSERT … RETURNING id) gave its row. In a write transaction, as
// every write that reads rows back: SQLite commits a lone statement only when it is reset, and
// that commit's error would reach no one.
template <typename Backend, typename... Params>
Result<std::int64_t> InsertOn(Backend& backend, const Sql& insert, const Params&... params) {
  return backend.OnWriteTransaction(
      [&](auto& db) { return ReadCount(Query(db, insert, params...)); });
}

// The rows a queue's `claim` (one UPDATE … RETURNING: ?1 now, ?2 limit, ?3 lease end) leased,
// read with read(row), oldest first: RETURNING follows no ORDER BY, and ids grow as rows are
// queued.
template <typename T, typename Backend, typename Read>
Result<std::vector<T>> ClaimDueOn(Backend& backend, Read read, const Sql& claim, Timestamp now,
                                  int limit, Timestamp lease_until) {
  if (limit <= 0) return std::vector<T>{};
  Result<std::vector<T>> claimed = backend.OnWriter([&](auto& db) {
    return ReadAll<T>(Query(db, claim, now, std::int64_t{limit}, lease_until), read);
  });
  if (!claimed) return claimed;
  std::sort(claimed->begin(), claimed->end(), [](const T& a, const T& b) { return a.id < b.id; });
  return claimed;
}

}  // namespace sinmun::store
