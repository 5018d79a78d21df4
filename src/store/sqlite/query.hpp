#pragma once
// Query over Connection for the SqliteStore source files: binding parameters; reading rows is
// store/row_reads.hpp. Internal to store/sqlite.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/row_reads.hpp"
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

// For argument-dependent lookup from the methods written once (sql/sql_store.hpp).
using store::ForEachRow, store::ReadAffected, store::ReadAll, store::ReadCount, store::ReadFirst,
    store::ReadOne, store::ReadOptionalInt, store::ReadPage, store::Write, store::WriteOne;

}  // namespace sinmun::store::sqlite
