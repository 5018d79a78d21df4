#pragma once
// Private to store/sqlite: one read-only memory map of a database file for every reader
// connection of the process (issue #14), which kept_map_vfs.cpp hands pages out of.
//
// SQLite maps the file once per connection, at most 2 GB of it (Debian's
// SQLITE_MAX_MMAP_SIZE), and reads the rest with one pread() per page into each connection's
// small page cache. On a 1,000,000-article paper (3.4 GB) the newest articles, which readers
// ask for most, sit past that window: the news mix made 14 read calls a request there against
// 0.6 on a 100,000-article paper, and cost 28 % more CPU a request (docs/BENCHMARKS.md). One
// mapping of the whole file serves every connection: a page is faulted in once per process,
// not once per connection, and none is copied.
//
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
  // The map of the file at `path` (one per file, by device and inode); null when the file
  // cannot be mapped (the connection then reads with pread, as without a map).
  static std::shared_ptr<SharedFileMap> Of(const char* path);

  ~SharedFileMap();
  SharedFileMap(const SharedFileMap&) = delete;
  SharedFileMap& operator=(const SharedFileMap&) = delete;

  // The `size` bytes at `offset`, or null when they lie past the file's end.
  const void* Page(std::int64_t offset, std::size_t size);
  // Reads the file's size again: SQLite asks this when another connection may have changed it.
  void Refresh();

 private:
  struct Mapping {
    char* base = nullptr;
    std::size_t length = 0;
  };
  explicit SharedFileMap(int fd);
  // Under mutex_: reads the size, maps more when it outgrew the current mapping.
  void RefreshLocked();

  int fd_;  // our own descriptor, open as long as the map
  std::mutex mutex_;
  std::vector<Mapping> mappings_;           // the last one is current; all stay mapped
  std::size_t populated_ = 0;               // bytes of the current mapping filled in so far
  std::atomic<const char*> base_{nullptr};  // of the current mapping
  std::atomic<std::int64_t> size_{0};       // pages below this are handed out
};

}  // namespace sinmun::store::sqlite
