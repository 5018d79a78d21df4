#pragma once
// Small helpers shared by the PgStore source files: running work on a pooled connection
// inside a snapshot or a write transaction; reading rows is store/row_reads.hpp. Internal to
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
#include "store/row_reads.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store::postgres {

// Runs one statement written once (sql/dialect.hpp), in its PostgreSQL form.
template <typename... Params>
Result<Rows> Query(Connection& connection, const Sql& sql, const Params&... params) {
  return connection.Run(sql.postgres(), std::vector<Param>{ToParam(params)...});
}

// For argument-dependent lookup from the methods written once (sql/sql_store.hpp).
using store::ForEachRow, store::ReadAffected, store::ReadAll, store::ReadCount, store::ReadFirst,
    store::ReadOne, store::ReadOptionalInt, store::ReadPage, store::Write, store::WriteOne;

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
  return pool.With([&](Connection& connection) { return Transact(connection, mode, work); });
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

}  // namespace sinmun::store::postgres
