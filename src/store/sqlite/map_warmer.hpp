#pragma once
// Private to store/sqlite: reads once each page of the database file that the process's one
// map (shared_file_map.hpp) maps already, so that the first readers after a start do not pay
// for it. SqliteStore runs it when it opens a large file, on a thread of its own at a
// background thread's priority (core/background_priority.hpp).
//
// Why: on a virtual machine that shadows the guest's page tables (the one docs/BENCHMARKS.md
// was measured on), the first read of each page of a mapping costs about 11 µs though the page
// is in memory and mapped in already (a fault the guest does not see); later reads cost
// 0.05 µs. A freshly started server paid that for every B-tree page an archive article's miss
// read first: 0.09-0.21 ms of an idle server's 0.9-1.1 ms miss (issue #14). Elsewhere the walk
// costs milliseconds. It reads nothing in from disk (SharedFileMap::TouchMappedPages says how)
// and allocates nothing.

#include <cstddef>
#include <stop_token>

namespace sinmun::store::sqlite {

class Connection;

// Walks the file 1 MB at a time, each inside its own read transaction on `reader`, so that no
// checkpoint can shrink the file under the pages read and none is held back for long. Returns
// at the file's end, on `stop`, or when the file has no map, with how many pages it read. Runs
// at the calling thread's priority.
// REQUIRES: `reader` was opened with the kept-map VFS (Connection::Role::kReader).
std::size_t WarmMap(Connection& reader, const std::stop_token& stop);

}  // namespace sinmun::store::sqlite
