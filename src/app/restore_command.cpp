// `sinmun restore`: a `sinmun backup` file into a new data folder, checked before it is put
// in place: every file against the manifest's SHA-256, and the store with PRAGMA
// integrity_check. A PostgreSQL paper's backup (its paper export) is restored as a SQLite
// paper, which `sinmun migrate` can copy into a new PostgreSQL database. Until every check has
// passed the files live in a hidden folder beside the new one, which is removed on any failure, so
// a bad backup leaves nothing half-restored.

#include <fmt/format.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "archive/backup_manifest.hpp"
#include "archive/backup_tar.hpp"
#include "archive/paper_dump.hpp"
#include "search/searcher.hpp"
#include "store/snapshot.hpp"
#include "store/store.hpp"

namespace sinmun::app {
namespace fs = std::filesystem;
namespace {

struct Staging {
  std::string path;
  ~Staging() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
};

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A PostgreSQL paper's backup holds its paper export under paper/: it becomes the new
// folder's SQLite paper (sinmun.db and uploads/), checked table by table, and paper/ goes.
Result<> ImportPaperExport(const std::string& folder) {
  Result<std::vector<store::TableCheck>> checks = archive::ImportPaper(
      "sqlite:" + folder + "/sinmun.db", folder + "/uploads", folder + "/paper");
  if (!checks) return tl::unexpected(checks.error());
  for (const store::TableCheck& check : *checks) {
    if (!check.Matches()) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("its paper export's table {} did not import whole ({} rows, {} read "
                              "back)",
                              check.table, check.source_rows, check.target_rows));
    }
  }
  std::error_code ec;
  fs::remove_all(folder + "/paper", ec);
  if (ec) return Fail(ErrorCode::kUnavailable, fmt::format("cannot tidy {}/paper", folder));
  return {};
}

// Extracts `from` into `folder` and checks it. kInvalidInput when the backup is damaged.
Result<std::size_t> ExtractAndCheck(const std::string& from, const std::string& folder) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(from.c_str(), "rb"), std::fclose);
  if (!in) return Fail(ErrorCode::kInvalidInput, fmt::format("cannot read {}", from));
  Result<std::vector<archive::TarEntry>> extracted = archive::ExtractTar(in.get(), folder);
  if (!extracted) return tl::unexpected(extracted.error());
  if (extracted->empty() || extracted->back().name != archive::kManifestName) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("it does not end with {} (not a sinmun backup, or cut short)",
                            archive::kManifestName));
  }
  Result<std::vector<archive::TarEntry>> manifest =
      archive::ParseManifest(ReadWhole(folder + "/" + archive::kManifestName));
  if (!manifest) return tl::unexpected(manifest.error());
  if (Result<> same = archive::CheckAgainstManifest(*extracted, *manifest); !same) {
    return tl::unexpected(same.error());
  }
  std::error_code ec;
  fs::remove(folder + "/" + archive::kManifestName, ec);
  if (!fs::is_regular_file(folder + "/sinmun.db", ec)) {
    if (!fs::is_regular_file(folder + "/paper/manifest.json", ec)) {
      return Fail(ErrorCode::kInvalidInput, "it holds no sinmun.db and no paper export");
    }
    if (Result<> imported = ImportPaperExport(folder); !imported) {
      return tl::unexpected(imported.error());
    }
  }
  Result<std::string> integrity = store::SqliteIntegrityCheck(folder + "/sinmun.db");
  if (!integrity) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("its sinmun.db cannot be read: {}", integrity.error().detail));
  }
  if (*integrity != "ok") {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("PRAGMA integrity_check of its sinmun.db failed:\n{}", *integrity));
  }
  return manifest->size();
}

// Opens the restored store (applying this version's migrations) and builds its search index,
// which backups leave out. Returns the articles indexed.
Result<std::int64_t> PrepareStore(const std::string& folder) {
  Result<DataDir> data = PrepareDataDir(folder, /*create=*/false);
  if (!data) return tl::unexpected(data.error());
  Result<Config> config = LoadPaperConfig(*data);
  if (!config) return tl::unexpected(config.error());
  if (!config->store_url.empty()) {
    fmt::print(stderr,
               "sinmun restore: note: sinmun.toml names the store {}; the restored database is "
               "sinmun.db in the new folder (empty [server] store to use it)\n",
               config->store_url);
  }
  Result<std::unique_ptr<store::Store>> paper = store::OpenStore("sqlite:" + folder + "/sinmun.db");
  if (!paper) return tl::unexpected(paper.error());
  // The search folder is the default one: a configured [search] dir may be another node's.
  return search::Reindex(**paper, SearchFolder(*data));
}

}  // namespace

int Restore(const RestoreOptions& options) {
  std::error_code ec;
  fs::path target = fs::absolute(options.data_dir, ec).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "new/" names "new"
  if (ec || options.data_dir.empty()) {
    fmt::print(stderr, "sinmun restore: bad data folder '{}'\n", options.data_dir);
    return kExitUsage;
  }
  if (fs::exists(target, ec) && (!fs::is_directory(target, ec) || !fs::is_empty(target, ec))) {
    fmt::print(stderr,
               "sinmun restore: {} already holds files; restore into a new or empty folder\n",
               options.data_dir);
    return kExitUsage;
  }
  const fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, ec)) {
    fmt::print(stderr, "sinmun restore: folder {} does not exist\n", parent.string());
    return kExitUsage;
  }
  if (!fs::is_regular_file(options.from, ec)) {
    fmt::print(stderr, "sinmun restore: {} is not a file\n", options.from);
    return kExitUsage;
  }
  Staging staging{
      fmt::format("{}/.{}.restore-XXXXXX", parent.string(), target.filename().string())};
  if (::mkdtemp(staging.path.data()) == nullptr) {  // mode 0700, as a data folder should be
    staging.path.clear();
    fmt::print(stderr, "sinmun restore: cannot write in {}\n", parent.string());
    return kExitFailed;
  }

  const Result<std::size_t> files = ExtractAndCheck(options.from, staging.path);
  if (!files) {
    const bool damaged = files.error().code == ErrorCode::kInvalidInput;
    fmt::print(stderr, "sinmun restore: {}{}; nothing was restored\n",
               damaged ? fmt::format("{} is not a sound backup: ", options.from) : "",
               files.error().detail);
    return damaged ? kExitUsage : kExitFailed;
  }
  const Result<std::int64_t> indexed = PrepareStore(staging.path);
  if (!indexed) {
    fmt::print(stderr, "sinmun restore: {}; nothing was restored\n", indexed.error().detail);
    return kExitFailed;
  }
  // rename(2) replaces an empty folder, so an empty NEWDIR made beforehand is fine too.
  if (Result<> synced = archive::SyncFolder(staging.path); !synced) {
    fmt::print(stderr, "sinmun restore: {}; nothing was restored\n", synced.error().detail);
    return kExitFailed;
  }
  fs::rename(staging.path, target, ec);
  if (ec) {
    fmt::print(stderr, "sinmun restore: cannot create {}: {}; nothing was restored\n",
               options.data_dir, ec.message());
    return kExitFailed;
  }
  staging.path.clear();
  if (Result<> synced = archive::SyncFolder(parent.string()); !synced) {
    fmt::print(stderr, "sinmun restore: {}\n", synced.error().detail);
    return kExitFailed;
  }
  fmt::print(
      "sinmun restore: {} files checked against their SHA-256, integrity_check ok, {} articles "
      "indexed; serve it with `sinmun serve --data {}`\n",
      *files, *indexed, options.data_dir);
  return kExitOk;
}

}  // namespace sinmun::app
