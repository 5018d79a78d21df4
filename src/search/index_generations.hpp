#pragma once
// Private to search/.
// The index folder and its generations of databases: `current` is a symlink to the live
// database (`db-<n>`); a reindex builds a new one beside it and renames a new symlink over
// `current`, so readers in any process move from one generation to the next without a gap.
// Xapian headers are fine here: this header never leaves src/search/.

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace sinmun::search {

// The database `current` points to ("db-3"), or "" when there is none.
std::string CurrentTarget(const std::filesystem::path& folder);

// The last change sequence number indexed into `database` (its metadata).
std::int64_t LastSequence(const Xapian::Database& database);

// Creates the folder and a first, empty database when there is none; replaces a database of
// another format (kIndexFormat) by an empty one the follower fills again.
Result<> PrepareFolder(const std::filesystem::path& folder);

}  // namespace sinmun::search
