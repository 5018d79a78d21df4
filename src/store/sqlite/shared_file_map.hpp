#pragma once
// Private to store/sqlite: one read-only memory map of a database file for every connection
// of the process but the scan reader (issue #14), which kept_map_vfs.cpp hands pages out of.
//
// SQLite maps the file once per connection, at most 2 GB of it (Debian's
// SQLITE_MAX_MMAP_SIZE), and reads the rest with one pread() per page into each connection's
// small page cache. On a 1,000,000-article paper (3.4 GB) the newest articles, which readers
// ask for most, sit past that window: the news mix made 14.8 read calls a request there, 0.4
// with this map (docs/BENCHMARKS.md). One
// mapping of the whole file serves every connection: a page is faulted in once per process,
// not once per connection, and none is copied.
//
// Descriptors: the map never opens or closes one of its own. Closing any descriptor of a file
// drops every POSIX lock the process holds on it, SQLite's included, and a first version that
// opened and closed its own lost acknowledged writes in the crash-safety test. It maps and
// reads the size through the descriptor of the SQLite connection that calls it.
// Safety: a page is handed out only below the file's size as last read (fstat), and mappings
// are never unmapped while a connection holds the map, so a page pointer stays valid for as
// long as SQLite holds it. A file that grows past the mapping gets a new, larger mapping;
// the old ones stay until the last connection closes (address space, not memory). A file
// that shrinks (VACUUM, which needs every reader gone first) lowers the size pages are handed
// out below at the next refresh.
// Thread safety: Page and Refresh from any thread.

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace sinmun::store::sqlite {

class SharedFileMap {
 public:
  // The map of the file open as SQLite's descriptor `fd` (one per file, by device and inode);
  // null when the file cannot be mapped (the connection then reads with pread).
  static std::shared_ptr<SharedFileMap> Of(int fd);

  ~SharedFileMap();
  SharedFileMap(const SharedFileMap&) = delete;
  SharedFileMap& operator=(const SharedFileMap&) = delete;

  // The `size` bytes at `offset`, or null when they lie past the file's end. `fd`: the calling
  // connection's descriptor of the file, open for the call. With `follow_growth` false, a page
  // past the size last read is null at once: the size is not read again and nothing is mapped.
  const void* Page(int fd, std::int64_t offset, std::size_t size, bool follow_growth = true);
  // Reads the file's size again: SQLite asks this when another connection may have changed it.
  void Refresh(int fd);
  // Reads one byte of every page of [offset, offset + length), below the size pages are handed
  // out below, that this process's page tables map already (the pages in memory when the file
  // was mapped or grew, and those a reader has read since); returns how many. On a virtual
  // machine that shadows the guest's page tables (the one docs/BENCHMARKS.md was measured on),
  // the first read of each mapped page costs about 11 µs, against 0.05 µs after: map_warmer.hpp
  // pays that off the request path. Pages the tables do not map are left alone: reading one
  // would fault, and a fault on a page the kernel read ahead starts the next read-ahead, so a
  // walk over the pages in memory could pull the whole file in from disk.
  // REQUIRES: the file cannot shrink meanwhile (the caller holds a read transaction).
  std::size_t TouchMappedPages(std::int64_t offset, std::int64_t length);

 private:
  struct Mapping {
    char* base = nullptr;
    std::size_t length = 0;
  };
  SharedFileMap() = default;
  // Under mutex_: reads the size through `fd`, maps more when it outgrew the current mapping.
  void RefreshLocked(int fd);

  std::mutex mutex_;
  std::vector<Mapping> mappings_;           // the last one is current; all stay mapped
  std::size_t populated_ = 0;               // bytes of the current mapping filled in so far
  std::atomic<const char*> base_{nullptr};  // of the current mapping
  std::atomic<std::int64_t> size_{0};       // pages below this are handed out
};

}  // namespace sinmun::store::sqlite
