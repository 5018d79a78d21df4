#pragma once
// A VFS that reads the database file's pages out of one memory map the whole process shares
// (store/sqlite/shared_file_map.hpp, issue #14), for the readers and the writer.
//
// SQLite's own map is one per connection, at most 2 GB, and unmapped whenever a read
// transaction finds the WAL changed, so that every page touched after that is a page fault
// again: the view counter writes every few seconds, and under load a miss's first read of
// each B-tree page was its dearest instruction (docs/BENCHMARKS.md). A shared mapping always
// shows the file's current bytes, so only the file's size can make it wrong, and that is
// read again whenever SQLite asks to unmap. This VFS forwards everything to the default one
// ("unix") but xFetch and xUnfetch, which it answers from the shared map.

#include <cstddef>
#include <cstdint>

namespace sinmun::store::sqlite {

// sqlite3_file_control(db, "main", kTouchMappedPagesOp, &range) on a connection opened with
// this VFS reads the mapped pages of the database file's range through the shared map
// (SharedFileMap::TouchMappedPages) and sets `touched`; SQLITE_NOTFOUND when the file has no
// map. Custom opcodes are above 100 (SQLite's xFileControl documentation).
constexpr int kTouchMappedPagesOp = 0x53696e;  // "Sin"
struct TouchRange {
  std::int64_t offset = 0;
  std::int64_t length = 0;
  std::size_t touched = 0;
};

// The VFS's name for sqlite3_open_v2, registered (not as the default) on first use; null when
// it cannot be registered, and the caller opens with the default VFS. The writer's files read
// from the map readers keep but never grow it (kept_map_vfs.cpp).
const char* KeptMapVfsName(bool writer = false);

}  // namespace sinmun::store::sqlite
