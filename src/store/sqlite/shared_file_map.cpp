#include "store/sqlite/shared_file_map.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <utility>

namespace sinmun::store::sqlite {
namespace {

// A new mapping reaches this far past the file's end (rounded up to kMapStep), so a file the
// counters' flushes grow a little at every checkpoint is mapped again rarely.
constexpr std::size_t kMapStep = std::size_t{64} << 20;

std::size_t MapLength(std::int64_t file_size) {
  const auto size = static_cast<std::size_t>(file_size);
  return (size + size / 8 + kMapStep) / kMapStep * kMapStep;
}

// Maps into `mapping` every page of its first `length` bytes whose file page is in memory
// already, so that reading it takes no page fault: on an idle server an archive article's
// miss took about 17 faults in SQLite's reads (a perf count of page faults). Pages not in memory
// are left to be read when asked for: populating them would read the whole file from disk at once.
// The page tables cost 2 kB per MB. Errors are ignored (a kernel before 5.14 has no
// MADV_POPULATE_READ): reads fault as before. (Where the machine shadows the page tables, a
// page's first read still costs more than the next: TouchMappedPages.)
void MapResidentPages(char* mapping, std::size_t length) {
#ifdef MADV_POPULATE_READ
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // mincore and madvise take page-aligned addresses: start at the page holding `mapping`.
  const auto misalignment = reinterpret_cast<std::uintptr_t>(mapping) % page;
  mapping -= misalignment;
  length += misalignment;
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

std::mutex registry_mutex;
std::map<std::pair<dev_t, ino_t>, std::weak_ptr<SharedFileMap>> registry;

}  // namespace

std::shared_ptr<SharedFileMap> SharedFileMap::Of(int fd) {
  struct stat file {};
  if (::fstat(fd, &file) != 0) return nullptr;
  const std::lock_guard lock(registry_mutex);
  std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });
  std::weak_ptr<SharedFileMap>& slot = registry[{file.st_dev, file.st_ino}];
  if (std::shared_ptr<SharedFileMap> existing = slot.lock()) return existing;
  std::shared_ptr<SharedFileMap> map(new SharedFileMap());
  {
    const std::lock_guard refresh(map->mutex_);
    map->RefreshLocked(fd);
  }
  if (map->mappings_.empty()) return nullptr;
  slot = map;
  return map;
}

SharedFileMap::~SharedFileMap() {
  for (const Mapping& mapping : mappings_) ::munmap(mapping.base, mapping.length);
}

const void* SharedFileMap::Page(int fd, std::int64_t offset, std::size_t size, bool follow_growth) {
  const auto end = offset + static_cast<std::int64_t>(size);
  // The size first: a size that covers the page comes with a mapping that covers it.
  if (end > size_.load(std::memory_order_acquire)) {
    if (!follow_growth) return nullptr;
    const std::lock_guard lock(mutex_);
    RefreshLocked(fd);
    if (end > size_.load(std::memory_order_acquire)) return nullptr;
  }
  return base_.load(std::memory_order_acquire) + offset;
}

std::size_t SharedFileMap::TouchMappedPages(std::int64_t offset, std::int64_t length) {
  const std::int64_t size = size_.load(std::memory_order_acquire);
  const std::int64_t end = std::min(offset + length, size);
  if (offset < 0 || offset >= end) return 0;
  // base_ after size_: a mapping is made before the size it covers is stored (RefreshLocked).
  const char* mapping = base_.load(std::memory_order_acquire);
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const auto first = (reinterpret_cast<std::uintptr_t>(mapping) + offset) / page;
  const auto last = (reinterpret_cast<std::uintptr_t>(mapping) + end - 1) / page;
  // One 64-bit entry per page; bit 63: the page is present in this process's page tables.
  const int pagemap = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (pagemap < 0) return 0;
  constexpr std::size_t kBatch = 512;
  std::array<std::uint64_t, kBatch> entries{};
  std::size_t touched = 0;
  for (std::uintptr_t at = first; at <= last; at += kBatch) {
    const std::size_t count = std::min<std::uintptr_t>(kBatch, last - at + 1);
    const auto bytes = static_cast<ssize_t>(count * sizeof(std::uint64_t));
    if (::pread(pagemap, entries.data(), bytes, static_cast<off_t>(at * sizeof(std::uint64_t))) !=
        bytes) {
      break;
    }
    for (std::size_t i = 0; i < count; ++i) {
      if ((entries[i] >> 63) == 0) continue;
      // volatile: a read the compiler keeps though nothing uses its value.
      (void)*reinterpret_cast<const volatile char*>((at + i) * page);
      ++touched;
    }
  }
  ::close(pagemap);
  return touched;
}

void SharedFileMap::Refresh(int fd) {
  const std::lock_guard lock(mutex_);
  RefreshLocked(fd);
}

void SharedFileMap::RefreshLocked(int fd) {
  struct stat file {};
  if (::fstat(fd, &file) != 0) return;
  const auto size = static_cast<std::size_t>(file.st_size);
  if (mappings_.empty() || size > mappings_.back().length) {
    const std::size_t length = MapLength(file.st_size);
    void* base = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
      // Pages past the current mapping are read with pread meanwhile.
      size_.store(static_cast<std::int64_t>(
                      mappings_.empty() ? 0 : std::min(size, mappings_.back().length)),
                  std::memory_order_release);
      return;
    }
    mappings_.push_back({static_cast<char*>(base), length});
    populated_ = 0;
    base_.store(static_cast<const char*>(base), std::memory_order_release);
  }
  // What the file grew by since (a checkpoint's pages, in memory as it wrote them) is mapped
  // in as the whole file was when the mapping was made; a file that shrank is filled again
  // from its new end when it grows back.
  populated_ = std::min(populated_, size);
  if (size > populated_) {
    MapResidentPages(mappings_.back().base + populated_, size - populated_);
    populated_ = size;
  }
  size_.store(file.st_size, std::memory_order_release);
}

}  // namespace sinmun::store::sqlite
