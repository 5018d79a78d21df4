#pragma once
// The change log (store/change_feed.hpp) as both backends write it. Internal to store/.

#include <cstdint>
#include <ctime>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store {

// Appends one change with the next change number, in the caller's write transaction; article
// id 0 is a change that is not about one article. SQLite numbers changes with the table's
// AUTOINCREMENT (sqlite_sequence); PostgreSQL with a one-row counter that every writer locks,
// so that numbers commit in order across nodes (postgres/migrations/0001_schema.sql).
inline const Sql kAppendChange = Sql::Override(
    "INSERT INTO changes (article_id, kind, at) VALUES (?1, ?2, ?3)",
    "WITH next AS (UPDATE change_sequence SET seq = seq + 1 RETURNING seq) "
    "INSERT INTO changes (seq, article_id, kind, at) SELECT seq, $1, $2, $3 FROM next");
// Locks the change counter before a write that decides from what it read (the next section
// position, the set of sections), so that two nodes cannot interleave. SQLite's one writer
// holds the database lock already: a statement that reads nothing.
inline const Sql kLockChanges =
    Sql::Override("SELECT 0 WHERE 0", "SELECT seq FROM change_sequence FOR UPDATE");

template <typename Db>
Result<> LogChange(Db& db, std::int64_t article_id, std::string_view kind, Timestamp at) {
  return Write(db, kAppendChange, article_id, kind, at);
}

// A change that is not about one article (sections, reporters, settings, campaigns), now.
template <typename Db>
Result<> LogSiteChange(Db& db, std::string_view kind) {
  return LogChange(db, 0, kind, static_cast<Timestamp>(std::time(nullptr)));
}

}  // namespace sinmun::store
