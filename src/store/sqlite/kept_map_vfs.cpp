#include "store/sqlite/kept_map_vfs.hpp"

#include <sqlite3.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <vector>

namespace sinmun::store::sqlite {
namespace {

constexpr const char* kName = "sinmun-kept-map";

// A mapping is kept while the file has grown by at most 1/kGrowthKept of its size when mapped.
// The counters' flushes add rows, so under load the file grew at nearly every checkpoint
// (about 100 kB a flush on the 100,000-article paper) and an exact size kept few mappings.
constexpr sqlite3_int64 kGrowthKept = 32;

sqlite3_vfs* base_vfs = nullptr;  // the default VFS, set once before registration
sqlite3_vfs kept_vfs;

// Our file, with the default VFS's file right after it in the same allocation (szOsFile).
struct KeptFile {
  sqlite3_file file;  // first: SQLite hands us this pointer
  // The file's size when its mapping was made (the first fetch since the last unmap-all);
  // -1 when nothing has been fetched since.
  sqlite3_int64 mapped_size;
};

sqlite3_file* Base(sqlite3_file* file) {
  return reinterpret_cast<sqlite3_file*>(reinterpret_cast<KeptFile*>(file) + 1);
}
KeptFile* Kept(sqlite3_file* file) { return reinterpret_cast<KeptFile*>(file); }
const sqlite3_io_methods* BaseMethods(sqlite3_file* file) { return Base(file)->pMethods; }

int Close(sqlite3_file* f) { return BaseMethods(f)->xClose(Base(f)); }
int Read(sqlite3_file* f, void* to, int n, sqlite3_int64 at) {
  return BaseMethods(f)->xRead(Base(f), to, n, at);
}
int Write(sqlite3_file* f, const void* from, int n, sqlite3_int64 at) {
  return BaseMethods(f)->xWrite(Base(f), from, n, at);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return BaseMethods(f)->xTruncate(Base(f), size);
}
int Sync(sqlite3_file* f, int flags) { return BaseMethods(f)->xSync(Base(f), flags); }
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return BaseMethods(f)->xFileSize(Base(f), size);
}
int Lock(sqlite3_file* f, int level) { return BaseMethods(f)->xLock(Base(f), level); }
int Unlock(sqlite3_file* f, int level) { return BaseMethods(f)->xUnlock(Base(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return BaseMethods(f)->xCheckReservedLock(Base(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return BaseMethods(f)->xFileControl(Base(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return BaseMethods(f)->xSectorSize(Base(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return BaseMethods(f)->xDeviceCharacteristics(Base(f));
}
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return BaseMethods(f)->xShmMap(Base(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return BaseMethods(f)->xShmLock(Base(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { BaseMethods(f)->xShmBarrier(Base(f)); }
int ShmUnmap(sqlite3_file* f, int delete_flag) {
  return BaseMethods(f)->xShmUnmap(Base(f), delete_flag);
}

// Maps into `mapping` every page of it whose file page is in memory already, so that reading
// it takes no page fault. A connection's mapping starts with no page mapped, and each page a
// read touches first costs a fault: on an idle server about 17 of an archive article miss's 34
// page faults were SQLite's reads (a perf count of page faults), on every connection again. Pages
// not in memory are left to be read when asked for: populating them would read the whole window
// from disk at once. The page tables cost 2 kB per MB mapped; the pages are the page cache's.
// Errors are ignored (a kernel before 5.14 has no MADV_POPULATE_READ): reads fault as before.
void MapResidentPages(char* mapping, std::size_t length) {
#ifdef MADV_POPULATE_READ
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  constexpr std::size_t kChunkPages = 16384;  // the residency of 64 MB at a time
  std::vector<unsigned char> resident(kChunkPages);
  for (std::size_t chunk = 0; chunk < length; chunk += kChunkPages * page) {
    const std::size_t pages = std::min(kChunkPages, (length - chunk + page - 1) / page);
    if (::mincore(mapping + chunk, pages * page, resident.data()) != 0) return;
    for (std::size_t first = 0; first < pages;) {
      if ((resident[first] & 1) == 0) {
        ++first;
        continue;
      }
      std::size_t end = first;
      while (end < pages && (resident[end] & 1) != 0) ++end;
      ::madvise(mapping + chunk + first * page, (end - first) * page, MADV_POPULATE_READ);
      first = end;
    }
  }
#else
  (void)mapping;
  (void)length;
#endif
}

int Fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  const int rc = BaseMethods(f)->xFetch(Base(f), at, n, out);
  KeptFile* kept = Kept(f);
  // Taken after the mapping: a file grown in between only keeps the mapping shorter than the
  // file (the rest is read with pread), never longer.
  if (rc == SQLITE_OK && kept->mapped_size < 0) {
    sqlite3_int64 size = 0;
    if (BaseMethods(f)->xFileSize(Base(f), &size) == SQLITE_OK) kept->mapped_size = size;
    // A new mapping (SQLite maps min(file size, mmap_size) from offset 0, and hands out
    // pointers into it): fill it now, once per mapping, rather than fault by fault.
    sqlite3_int64 window = -1;  // -1 asks for the limit without changing it
    if (*out != nullptr && size > 0 &&
        BaseMethods(f)->xFileControl(Base(f), SQLITE_FCNTL_MMAP_SIZE, &window) == SQLITE_OK &&
        window > 0) {
      MapResidentPages(static_cast<char*>(*out) - at,
                       static_cast<std::size_t>(std::min(size, window)));
    }
  }
  return rc;
}

int Unfetch(sqlite3_file* f, sqlite3_int64 at, void* page) {
  KeptFile* kept = Kept(f);
  if (page == nullptr && at == 0) {  // the unmap-all
    sqlite3_int64 size = -1;
    if (kept->mapped_size >= 0 && BaseMethods(f)->xFileSize(Base(f), &size) == SQLITE_OK &&
        size >= kept->mapped_size && size - kept->mapped_size <= kept->mapped_size / kGrowthKept) {
      return SQLITE_OK;
    }
    kept->mapped_size = -1;
  }
  return BaseMethods(f)->xUnfetch(Base(f), at, page);
}

// Version 3 for the database file (the memory map and the WAL's shared memory); version 1,
// without those methods, for the WAL and journals, which SQLite neither maps nor shares (the
// default VFS opens the WAL without locks, shared memory or a map).
constexpr sqlite3_io_methods MethodsOfVersion(int version) {
  sqlite3_io_methods methods = {version,
                                Close,
                                Read,
                                Write,
                                Truncate,
                                Sync,
                                FileSize,
                                Lock,
                                Unlock,
                                CheckReservedLock,
                                FileControl,
                                SectorSize,
                                DeviceCharacteristics,
                                ShmMap,
                                ShmLock,
                                ShmBarrier,
                                ShmUnmap,
                                Fetch,
                                Unfetch};
  if (version < 3) {
    methods.xShmMap = nullptr;
    methods.xShmLock = nullptr;
    methods.xShmBarrier = nullptr;
    methods.xShmUnmap = nullptr;
    methods.xFetch = nullptr;
    methods.xUnfetch = nullptr;
  }
  return methods;
}
const sqlite3_io_methods kMethods = MethodsOfVersion(3);
const sqlite3_io_methods kPlainMethods = MethodsOfVersion(1);

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  KeptFile* kept = Kept(file);
  kept->file.pMethods = nullptr;
  kept->mapped_size = -1;
  const int rc = base_vfs->xOpen(base_vfs, name, Base(file), flags, out_flags);
  const sqlite3_io_methods* base = BaseMethods(file);
  if (base == nullptr) return rc;
  const bool full = base->iVersion >= 3 && base->xShmMap != nullptr && base->xFetch != nullptr;
  kept->file.pMethods = full ? &kMethods : &kPlainMethods;
  return rc;
}

}  // namespace

const char* KeptMapVfsName() {
  static std::once_flag once;
  static bool registered = false;
  std::call_once(once, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr) return;
    kept_vfs = *base_vfs;  // every other method is the default VFS's own
    kept_vfs.pNext = nullptr;
    kept_vfs.szOsFile = static_cast<int>(sizeof(KeptFile)) + base_vfs->szOsFile;
    kept_vfs.zName = kName;
    kept_vfs.xOpen = Open;
    registered = sqlite3_vfs_register(&kept_vfs, 0) == SQLITE_OK;
  });
  return registered ? kName : nullptr;
}

}  // namespace sinmun::store::sqlite
