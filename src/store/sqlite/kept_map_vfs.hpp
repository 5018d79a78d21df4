#pragma once
// A VFS for reader connections that keeps a connection's memory map of the database file when
// another connection writes (issue #14).
//
// SQLite unmaps a connection's whole window of the file (`mmap_size`) whenever its next read
// transaction finds the WAL changed, and every page touched after that is a page fault again.
// The view counter writes every few seconds, so under load every reader dropped and faulted
// back the pages of the articles it served, and a miss's first read of each B-tree page was
// its dearest instruction (docs/BENCHMARKS.md). A shared mapping always shows the file's
// current bytes, so only the file's size can make a mapping wrong: this VFS forwards
// everything to the default one ("unix") but the unmap-all, which it skips while the file is
// no smaller than when the mapping was made and has grown by at most a 32nd (pages past the
// mapping's end are read with pread meanwhile, as SQLite does for pages past its window).
// A shrunk file (VACUUM) or one grown more is unmapped as before.

namespace sinmun::store::sqlite {

// The VFS's name for sqlite3_open_v2, registered (not as the default) on first use; null when
// it cannot be registered, and the caller opens with the default VFS.
const char* KeptMapVfsName();

}  // namespace sinmun::store::sqlite
