#pragma once
// A consistent copy of a running paper's SQLite store, and the check that a copy is sound:
// for `sinmun backup` and `sinmun restore` (issue #15). Internal to store/ and app/.

#include <string>

#include "core/error.hpp"

namespace sinmun::store {

// Writes a consistent snapshot of the SQLite database at `db_path` into the new file `to`
// with VACUUM INTO: one read transaction, so writers of a running `serve` go on (WAL mode) and
// the copy holds exactly the transactions committed before it began. The copy is compacted,
// has no -wal file, and is synced before this returns.
// REQUIRES: `to` does not exist. kUnavailable when either file cannot be used.
Result<> SnapshotSqlite(const std::string& db_path, const std::string& to);

// PRAGMA integrity_check of the SQLite file at `db_path`, opened read-only: "ok" when the
// file is sound, else the problems it lists, one a line. kUnavailable when the file cannot be
// opened or is not a database.
Result<std::string> SqliteIntegrityCheck(const std::string& db_path);

}  // namespace sinmun::store
