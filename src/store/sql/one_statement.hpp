#pragma once
// Methods that are one read statement on a reader connection the backend lends
// (sql/sql_store.hpp): the statement, its parameters and how a row is read, nothing else.
// Internal to store/.

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
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

}  // namespace sinmun::store
