#include "store/sqlite/kept_map_vfs.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <new>

#include "store/sqlite/shared_file_map.hpp"

namespace sinmun::store::sqlite {
namespace {

constexpr const char* kReaderName = "sinmun-kept-map";
constexpr const char* kWriterName = "sinmun-kept-map-writer";

sqlite3_vfs* base_vfs = nullptr;  // the default VFS, set once before registration
sqlite3_vfs reader_vfs;
sqlite3_vfs writer_vfs;  // its pAppData is &writer_vfs: files opened by it are the writer's

// Our file, with the default VFS's file right after it in the same allocation (szOsFile).
struct KeptFile {
  sqlite3_file file;  // first: SQLite hands us this pointer
  // The database file's one mapping for the process; null for the WAL and journals, or when
  // the file could not be mapped (pages are then read with xRead).
  std::shared_ptr<SharedFileMap> map;
  int fd;  // the default VFS's descriptor of the file, when `map` is set
  // Readers follow the file's growth (a larger mapping when it outgrows this one). The writer
  // reads pages from the mapping readers keep and the rest with xRead: a bulk load grows the
  // file at every commit, and a new mapping each time, each filled with the file's resident
  // pages, took a 100,000-article demo from 0.5 to 1.2 GB of resident memory.
  bool follows_growth;
};

sqlite3_file* Base(sqlite3_file* file) {
  return reinterpret_cast<sqlite3_file*>(reinterpret_cast<KeptFile*>(file) + 1);
}
KeptFile* Kept(sqlite3_file* file) { return reinterpret_cast<KeptFile*>(file); }
const sqlite3_io_methods* BaseMethods(sqlite3_file* file) { return Base(file)->pMethods; }

int Close(sqlite3_file* f) {
  const int rc = BaseMethods(f)->xClose(Base(f));
  Kept(f)->map.~shared_ptr();  // made in Open by placement new: SQLite allocated the struct
  return rc;
}
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
  if (op == kTouchMappedPagesOp) {
    const KeptFile* kept = Kept(f);
    if (!kept->map) return SQLITE_NOTFOUND;
    auto* range = static_cast<TouchRange*>(arg);
    range->touched = kept->map->TouchMappedPages(range->offset, range->length);
    return SQLITE_OK;
  }
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

// Pages come from the process's one mapping of the file, never from SQLite's own mapping per
// connection (the default VFS's xFetch is not called, so it maps nothing).
int Fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  const KeptFile* kept = Kept(f);
  *out = kept->map ? const_cast<void*>(kept->map->Page(kept->fd, at, static_cast<std::size_t>(n),
                                                       kept->follows_growth))
                   : nullptr;
  return SQLITE_OK;  // a null page is read with xRead
}

// A page handed out needs no release. The unmap-all, which SQLite asks for when the file may
// have changed under it, reads the file's size again (a shrunk file hands out less); the
// writer's reads nothing, as it grows nothing (the readers' unmap-alls keep the size).
int Unfetch(sqlite3_file* f, sqlite3_int64, void* page) {
  const KeptFile* kept = Kept(f);
  if (page == nullptr && kept->map && kept->follows_growth) kept->map->Refresh(kept->fd);
  return SQLITE_OK;
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

// The default VFS's descriptor of `file` (its unixFile's fourth member, after three pointers,
// unchanged since SQLite 3.7), or -1. SQLite has no call that returns it, and the map must not
// use a descriptor of its own (shared_file_map.hpp). Checked: the default VFS is "unix" and
// the descriptor is open on the very file at `name`; else the connection reads with pread.
int SqliteDescriptor(sqlite3_file* file, const char* name) {
  struct UnixFileHead {
    const sqlite3_io_methods* methods;
    sqlite3_vfs* vfs;
    void* inode;
    int h;
  };
  if (std::strcmp(base_vfs->zName, "unix") != 0) return -1;
  const int fd = reinterpret_cast<const UnixFileHead*>(file)->h;
  struct stat opened {};
  struct stat named {};
  if (fd < 0 || ::fstat(fd, &opened) != 0 || ::stat(name, &named) != 0 ||
      opened.st_dev != named.st_dev || opened.st_ino != named.st_ino) {
    return -1;
  }
  return fd;
}

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  KeptFile* kept = Kept(file);
  kept->file.pMethods = nullptr;
  const int rc = base_vfs->xOpen(base_vfs, name, Base(file), flags, out_flags);
  const sqlite3_io_methods* base = BaseMethods(file);
  if (base == nullptr) return rc;  // SQLite will not call Close
  new (&kept->map) std::shared_ptr<SharedFileMap>();
  const bool full = base->iVersion >= 3 && base->xShmMap != nullptr && base->xFetch != nullptr;
  kept->fd = -1;
  kept->follows_growth = vfs->pAppData != &writer_vfs;
  if (full && (flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr) {
    kept->fd = SqliteDescriptor(Base(file), name);
    if (kept->fd >= 0) kept->map = SharedFileMap::Of(kept->fd);
  }
  kept->file.pMethods = full ? &kMethods : &kPlainMethods;
  return rc;
}

}  // namespace

const char* KeptMapVfsName(bool writer) {
  static std::once_flag once;
  static bool registered = false;
  std::call_once(once, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr) return;
    for (sqlite3_vfs* vfs : {&reader_vfs, &writer_vfs}) {
      *vfs = *base_vfs;  // every other method is the default VFS's own
      vfs->pNext = nullptr;
      vfs->szOsFile = static_cast<int>(sizeof(KeptFile)) + base_vfs->szOsFile;
      vfs->xOpen = Open;
    }
    reader_vfs.zName = kReaderName;
    reader_vfs.pAppData = nullptr;
    writer_vfs.zName = kWriterName;
    writer_vfs.pAppData = &writer_vfs;
    registered = sqlite3_vfs_register(&reader_vfs, 0) == SQLITE_OK &&
                 sqlite3_vfs_register(&writer_vfs, 0) == SQLITE_OK;
  });
  if (!registered) return nullptr;
  return writer ? kWriterName : kReaderName;
}

}  // namespace sinmun::store::sqlite
