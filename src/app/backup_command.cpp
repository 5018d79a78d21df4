// `sinmun backup`: one file holding a consistent snapshot of a paper's store (the SQLite file,
// or a PostgreSQL paper's export), its uploads, its configuration and its keys, while the
// paper keeps serving.

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
#include "archive/paper_dump.hpp"
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

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

// Every file under `folder`, as ("prefix/relative path", path), sorted so that two backups of
// one paper list them alike.
std::vector<std::pair<std::string, std::string>> FilesUnder(const std::string& folder,
                                                            const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    files.emplace_back(prefix + "/" + fs::relative(it->path(), folder).string(),
                       it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The files of the data folder besides the store, as (entry name, path): the configuration,
// the keys (without them signed links and device cookies in circulation stop working), and
// every upload unless the paper export already holds them. The search index is left out: it
// is rebuilt from the store on restore.
std::vector<std::pair<std::string, std::string>> PaperFiles(const DataDir& data,
                                                            bool with_uploads) {
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code ec;
  for (const std::string& path : {data.config_path, AdKeyPath(data), TokenKeyPath(data)}) {
    if (fs::is_regular_file(path, ec)) files.emplace_back(fs::path(path).filename().string(), path);
  }
  // The uploads' originals (issue #19) are in no paper export: always here.
  std::vector<std::pair<std::string, std::string>> originals =
      FilesUnder(data.originals_path, "originals");
  files.insert(files.end(), originals.begin(), originals.end());
  if (!with_uploads) return files;
  std::vector<std::pair<std::string, std::string>> uploads =
      FilesUnder(data.uploads_path, "uploads");
  files.insert(files.end(), uploads.begin(), uploads.end());
  return files;
}

// The store's part of the backup, written into `snapshot_dir`, as (entry name, path).
Result<std::vector<std::pair<std::string, std::string>>> SnapshotStore(
    const std::string& source, const DataDir& data, const std::string& snapshot_dir) {
  if (IsPostgresUrl(source)) {
    const std::string paper = snapshot_dir + "/paper";
    if (Result<archive::DumpSummary> written =
            archive::ExportPaper(source, data.uploads_path, paper);
        !written) {
      return tl::unexpected(written.error());
    }
    return FilesUnder(paper, "paper");
  }
  const std::string snapshot = snapshot_dir + "/sinmun.db";
  if (Result<> copied = store::SnapshotSqlite(source, snapshot); !copied) {
    return tl::unexpected(copied.error());
  }
  return std::vector<std::pair<std::string, std::string>>{{"sinmun.db", snapshot}};
}

}  // namespace

Result<std::string> BackupSource(const DataDir& data) {
  // Read from the configuration rather than with ChooseStore, which would make an empty store
  // in a folder that holds none.
  Result<Config> config = LoadPaperConfig(data);
  if (!config) return tl::unexpected(config.error());
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string& url = config->store_url;
  if (IsPostgresUrl(url)) return url;
  if (!url.empty() && !url.starts_with(kSqlite)) {
    return Fail(
        ErrorCode::kInvalidInput,
        fmt::format("[server] store in {} is neither sqlite: nor postgres://", data.config_path));
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

Result<BackupWritten> WriteBackup(const std::string& source, const DataDir& data,
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
  Result<std::vector<std::pair<std::string, std::string>>> store_files =
      SnapshotStore(source, data, snapshot_dir);
  if (!store_files) return tl::unexpected(store_files.error());

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
  std::vector<std::pair<std::string, std::string>> files = std::move(*store_files);
  for (auto& file : PaperFiles(data, /*with_uploads=*/!IsPostgresUrl(source))) {
    files.push_back(std::move(file));
  }
  for (const auto& [name, path] : files) {
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
  return BackupWritten{.files = entries.size(),
                       .uploads = static_cast<std::size_t>(
                           std::count_if(entries.begin(), entries.end(),
                                         [](const archive::TarEntry& e) {
                                           return e.name.starts_with("uploads/") ||
                                                  e.name.starts_with("paper/uploads/");
                                         })),
                       .bytes = size};
}

int Backup(const BackupOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun backup: {}\n", data.error().detail);
    return kExitUsage;
  }
  Result<std::string> source = BackupSource(*data);
  if (!source) {
    fmt::print(stderr, "sinmun backup: {}\n", source.error().detail);
    return kExitUsage;
  }
  std::error_code ec;
  if (fs::is_directory(options.to, ec)) {
    fmt::print(stderr, "sinmun backup: {} is a folder; give the backup file's name\n", options.to);
    return kExitUsage;
  }
  Result<BackupWritten> written = WriteBackup(*source, *data, options.to);
  if (!written) {
    fmt::print(stderr, "sinmun backup: {}; no backup was written\n", written.error().detail);
    return kExitFailed;
  }
  fmt::print("sinmun backup: {} files ({} uploads), {:.1f} MB, written to {}\n", written->files,
             written->uploads, static_cast<double>(written->bytes) / 1e6, options.to);
  return kExitOk;
}

}  // namespace sinmun::app
