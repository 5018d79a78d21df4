// `sinmun backup`: one file holding a consistent snapshot of a paper's SQLite store, its
// uploads, its configuration and its keys, while the paper keeps serving.

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/backup.hpp"
#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "archive/backup_manifest.hpp"
#include "archive/backup_tar.hpp"
#include "store/snapshot.hpp"

namespace sinmun::app {
namespace fs = std::filesystem;
namespace {

// Removes what a backup left half-made unless Keep() was called.
struct Leftovers {
  std::string snapshot_dir;
  std::string partial_file;
  ~Leftovers() {
    std::error_code ignored;
    if (!snapshot_dir.empty()) fs::remove_all(snapshot_dir, ignored);
    if (!partial_file.empty()) fs::remove(partial_file, ignored);
  }
};

// The files of the data folder besides the store, as (entry name, path): the configuration,
// the keys (without them signed links and device cookies in circulation stop working), and
// every upload, sorted so that two backups of one paper list them alike. The search index is
// left out: it is rebuilt from the store on restore.
std::vector<std::pair<std::string, std::string>> PaperFiles(const DataDir& data) {
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (const std::string& path : {data.config_path, AdKeyPath(data), TokenKeyPath(data)}) {
    if (fs::is_regular_file(path, ec)) files.emplace_back(fs::path(path).filename().string(), path);
  }
  std::vector<std::pair<std::string, std::string>> uploads;
  for (auto it = fs::recursive_directory_iterator(data.uploads_path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    uploads.emplace_back("uploads/" + fs::relative(it->path(), data.uploads_path).string(),
                         it->path().string());
  }
  std::sort(uploads.begin(), uploads.end());
  files.insert(files.end(), uploads.begin(), uploads.end());
  return files;
}

}  // namespace

Result<std::string> BackupSource(const DataDir& data) {
  // Read from the configuration rather than with ChooseStore, which would make an empty store
  // in a folder that holds none.
  Result<Config> config = LoadPaperConfig(data);
  if (!config) return tl::unexpected(config.error());
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string& url = config->store_url;
  if (!url.empty() && !url.starts_with(kSqlite)) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("this paper's store is PostgreSQL ([server] store in {}); back up its "
                            "database with pg_dump and this folder's files as docs/DEPLOY.md "
                            "describes, or write the whole paper with `sinmun export paper`",
                            data.config_path));
  }
  std::string db_file = url.empty() ? data.path + "/sinmun.db" : url.substr(kSqlite.size());
  std::error_code ec;
  if (fs::is_directory(db_file, ec)) db_file += "/sinmun.db";
  if (!fs::exists(db_file, ec) || fs::file_size(db_file, ec) == 0) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("{} holds no paper ({} is missing or empty)", data.path, db_file));
  }
  return db_file;
}

Result<BackupWritten> WriteBackup(const std::string& db_file, const DataDir& data,
                                  const std::string& to) {
  Leftovers leftovers;
  const fs::path target = fs::absolute(to);
  const std::string folder = target.parent_path().string();
  // The database first, then the files: an upload the snapshot names is already on disk
  // when the uploads are read (uploads are added, never rewritten).
  std::string snapshot_dir = folder + "/.sinmun-backup-XXXXXX";
  if (::mkdtemp(snapshot_dir.data()) == nullptr) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot write in {}", folder));
  }
  leftovers.snapshot_dir = snapshot_dir;
  const std::string snapshot = snapshot_dir + "/sinmun.db";
  if (Result<> copied = store::SnapshotSqlite(db_file, snapshot); !copied) {
    return tl::unexpected(copied.error());
  }

  std::string partial = target.string() + ".partial-XXXXXX";
  const int fd = ::mkstemp(partial.data());  // mode 0600
  if (fd < 0) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", to));
  leftovers.partial_file = partial;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(::fdopen(fd, "wb"), std::fclose);
  if (!out) {
    ::close(fd);
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", to));
  }
  archive::TarWriter tar(out.get());
  std::vector<archive::TarEntry> entries;
  Result<archive::TarEntry> db_entry = tar.AddFile("sinmun.db", snapshot);
  if (!db_entry) return tl::unexpected(db_entry.error());
  entries.push_back(*db_entry);
  for (const auto& [name, path] : PaperFiles(data)) {
    Result<archive::TarEntry> entry = tar.AddFile(name, path);
    if (!entry) return tl::unexpected(entry.error());
    entries.push_back(*entry);
  }
  const std::string created_at =
      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
  if (Result<archive::TarEntry> manifest =
          tar.AddText(archive::kManifestName, archive::ManifestJson(entries, created_at));
      !manifest) {
    return tl::unexpected(manifest.error());
  }
  if (Result<> finished = tar.Finish(); !finished) return tl::unexpected(finished.error());
  // Acknowledged only when durable: the data synced, then the name, then the folder's entry.
  if (std::fflush(out.get()) != 0 || ::fsync(::fileno(out.get())) != 0) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {} (disk full?)", to));
  }
  const auto size = static_cast<std::uint64_t>(std::ftell(out.get()));
  out.reset();
  std::error_code ec;
  fs::rename(partial, target, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}: {}", to, ec.message()));
  leftovers.partial_file.clear();
  if (Result<> synced = archive::SyncFolder(folder); !synced) return tl::unexpected(synced.error());
  return BackupWritten{
      .files = entries.size(),
      .uploads = static_cast<std::size_t>(
          std::count_if(entries.begin(), entries.end(),
                        [](const archive::TarEntry& e) { return e.name.starts_with("uploads/"); })),
      .bytes = size};
}

int Backup(const BackupOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun backup: {}\n", data.error().detail);
    return kExitUsage;
  }
  Result<std::string> db_file = BackupSource(*data);
  if (!db_file) {
    fmt::print(stderr, "sinmun backup: {}\n", db_file.error().detail);
    return kExitUsage;
  }
  std::error_code ec;
  if (fs::is_directory(options.to, ec)) {
    fmt::print(stderr, "sinmun backup: {} is a folder; give the backup file's name\n", options.to);
    return kExitUsage;
  }
  Result<BackupWritten> written = WriteBackup(*db_file, *data, options.to);
  if (!written) {
    fmt::print(stderr, "sinmun backup: {}; no backup was written\n", written.error().detail);
    return kExitFailed;
  }
  fmt::print("sinmun backup: {} files ({} uploads), {:.1f} MB, written to {}\n", written->files,
             written->uploads, static_cast<double>(written->bytes) / 1e6, options.to);
  return kExitOk;
}

}  // namespace sinmun::app
