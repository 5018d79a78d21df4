// The index folder's generations of databases and the atomic switch between them; Reindex
// builds a generation from the whole store.

#include "search/index_generations.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include "search/change_follower.hpp"
#include "search/related_follower.hpp"
#include "search/searcher.hpp"
#include "search/xapian_index.hpp"

namespace sinmun::search {
namespace {

namespace fs = std::filesystem;

constexpr char kCurrent[] = "current";
// A reindex commits this often: Xapian keeps a sorted map per term of the documents not yet
// committed, and adding to long maps costs more than committing (1,000 articles/s or better
// at 2,000; 330/s at 30,000, measured at 20,000 demo articles).
constexpr int kReindexCommit = 2000;

// Threads making a reindex's related lists: one per core, up to four (each reads the whole
// index at random; more than the cores only adds switching).
int RelateThreads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

// A new, unused database name in `folder`.
std::string NewDatabaseName(const fs::path& folder) {
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  for (int n = 0;; ++n) {
    std::string name = "db-" + std::to_string(stamp) + "-" + std::to_string(n);
    if (!fs::exists(folder / name)) return name;
  }
}

// Points `current` at `target` atomically: a new symlink renamed over the old one.
Result<> SwitchTo(const fs::path& folder, const std::string& target) {
  std::error_code error;
  const fs::path temporary = folder / (std::string(kCurrent) + ".new");
  fs::remove(temporary, error);
  fs::create_symlink(target, temporary, error);
  if (!error) fs::rename(temporary, folder / kCurrent, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "search: cannot switch " + (folder / kCurrent).string() + ": " + error.message());
  }
  return {};
}

// Flushes every file of `folder` to disk.
Result<> SyncFiles(const fs::path& folder) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) {
      return Fail(ErrorCode::kUnavailable, "search: cannot sync " + entry.path().string());
    }
  }
  if (error) return Fail(ErrorCode::kUnavailable, "search: cannot list " + folder.string());
  return {};
}

// Indexes every change of the store into a new database: one thread reads articles and makes
// documents while this one writes them (the two halves cost about the same), committing every
// kReindexCommit articles but not the last time. Returns the articles written.
Result<std::int64_t> IndexEverything(Xapian::WritableDatabase& database, SearchStore store) {
  constexpr size_t kQueued = 4;  // batches made ahead of the writer
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Result<Batch>> queue;  // guarded by mutex; ends with an error or an empty batch
  bool stop = false;                // guarded by mutex: the writer failed
  std::thread reader([&] {
    const KoreanAnalyzer analyzer;
    const Xapian::Stem stemmer("en");
    std::int64_t seq = 0;
    for (;;) {
      Result<Batch> batch = ReadBatch(store, seq, analyzer, stemmer);
      const bool last = !batch || batch->last_seq == 0;
      if (batch) seq = batch->last_seq;
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stop || queue.size() < kQueued; });
      if (stop) return;
      queue.push_back(std::move(batch));
      changed.notify_all();
      if (last) return;
    }
  });
  Result<std::int64_t> written = 0;
  std::int64_t since_commit = 0;
  try {
    for (;;) {
      Result<Batch> batch;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty(); });
        batch = std::move(queue.front());
        queue.pop_front();
        changed.notify_all();
      }
      if (!batch) {
        written = tl::unexpected(batch.error());
        break;
      }
      if (batch->last_seq == 0) break;
      const std::int64_t count = ApplyBatch(database, *batch);
      *written += count;
      since_commit += count;
      if (since_commit >= kReindexCommit) {
        database.commit();
        since_commit = 0;
      }
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    reader.join();
    throw;
  }
  reader.join();
  return written;
}

}  // namespace

std::string CurrentTarget(const fs::path& folder) {
  std::error_code error;
  const fs::path target = fs::read_symlink(folder / kCurrent, error);
  return error ? std::string() : target.string();
}

std::int64_t LastSequence(const Xapian::Database& database) {
  const std::string text = database.get_metadata(kLastSeqKey);
  return text.empty() ? 0 : std::stoll(text);
}

Result<> PrepareFolder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "search: cannot create " + folder.string() + ": " + error.message());
  }
  const std::string previous = CurrentTarget(folder);
  std::string stale;  // a database of another format, removed once `current` has moved on
  if (!previous.empty() && fs::is_directory(folder / kCurrent)) {
    try {
      if (Xapian::Database((folder / kCurrent).string()).get_metadata(kFormatKey) == kIndexFormat)
        return {};
    } catch (const Xapian::Error& e) {
      return Fail(ErrorCode::kUnavailable, "search: " + e.get_description());
    }
    spdlog::warn("search: the index in {} was built by another version; building it again",
                 folder.string());
    stale = previous;
  }
  const std::string name = NewDatabaseName(folder);
  try {
    Xapian::WritableDatabase database((folder / name).string(), Xapian::DB_CREATE_OR_OPEN);
    database.set_metadata(kFormatKey, kIndexFormat);
    database.commit();
  } catch (const Xapian::Error& e) {
    return Fail(ErrorCode::kUnavailable, "search: " + e.get_description());
  }
  if (Result<> switched = SwitchTo(folder, name); !switched) return switched;
  if (!stale.empty()) {
    std::error_code ignored;
    fs::remove_all(folder / stale, ignored);
  }
  return {};
}

Result<std::int64_t> Reindex(SearchStore store, const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  const std::string previous = CurrentTarget(folder);
  const std::string name = NewDatabaseName(folder);
  // Built without fsync in a scratch database, then compacted (full B-tree blocks: smaller,
  // fewer pages to read) into the database that goes live; every article's related list is
  // made against that one, whole, before it is synced and switched to. The scratch one is
  // removed.
  const fs::path scratch = folder / ("build-" + name);
  Result<std::int64_t> written = 0;
  try {
    {
      const auto start = std::chrono::steady_clock::now();
      Xapian::WritableDatabase database(scratch.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      written = IndexEverything(database, store);
      database.set_metadata(kFormatKey, kIndexFormat);
      if (written) {
        database.commit();
        spdlog::info(
            "search: {} articles indexed in {:.1f} s", *written,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
    }
    if (written) {
      Xapian::Database built(scratch.string());
      built.compact((folder / name).string(), Xapian::DBCOMPACT_NO_RENUMBER);
      built.close();
      std::error_code ignored;
      fs::remove_all(scratch, ignored);
      const Result<std::int64_t> related = RelateAll(folder / name, store, RelateThreads());
      if (!related) written = tl::unexpected(related.error());
    }
    if (written) {
      if (Result<> synced = SyncFiles(folder / name); !synced) {
        written = tl::unexpected(synced.error());
      }
    }
  } catch (const Xapian::Error& error) {
    written = Fail(ErrorCode::kUnavailable, "search: " + error.get_description());
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  if (!written) {
    fs::remove_all(folder / name, ignored);
    return written;
  }
  if (Result<> switched = SwitchTo(folder, name); !switched) {
    return tl::unexpected(switched.error());
  }
  // Keep the database just replaced: searchers may still be reading it until their next
  // request. Anything older has had a whole reindex to move on; a scratch database left here
  // is from a reindex that died.
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ignored)) {
    const std::string file = entry.path().filename().string();
    if ((file.starts_with("db-") || file.starts_with("build-")) && file != name &&
        file != previous) {
      fs::remove_all(entry.path(), ignored);
    }
  }
  return written;
}

}  // namespace sinmun::search
