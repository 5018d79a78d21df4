#include "app/data_dir.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sinmun::app {
namespace fs = std::filesystem;

namespace {

// Writes a file through a temporary name and a rename, so that a crash never leaves half a
// configuration behind.
Result<> WriteNewFile(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    // Mode 0600: sinmun.toml may come to hold a PostgreSQL password in its store URL.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", tmp.string()));
    ::close(fd);
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot write {}: {}", path.string(), ec.message()));
  return {};
}

}  // namespace

Result<DataDir> PrepareDataDir(const std::string& dir, bool create) {
  std::error_code ec;
  const fs::path root = fs::absolute(dir, ec);
  if (ec || dir.empty())
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad data folder '{}'", dir));
  if (!fs::exists(root, ec)) {
    if (!create) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("data folder {} does not exist (create it, or fill it with "
                              "`sinmun demo --data {}`)",
                              dir, dir));
    }
    if (!fs::create_directory(root, ec) || ec) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("cannot create data folder {}: {}", dir,
                              ec ? ec.message() : "its parent folder does not exist"));
    }
  }
  if (!fs::is_directory(root, ec)) {
    return Fail(ErrorCode::kUnavailable, fmt::format("data folder {} is not a folder", dir));
  }
  if (::access(root.c_str(), W_OK | X_OK) != 0) {
    return Fail(ErrorCode::kUnavailable, fmt::format("data folder {} is not writable", dir));
  }
  DataDir data;
  data.path = root.string();
  data.config_path = (root / "sinmun.toml").string();
  data.store_url = "sqlite:" + (root / "sinmun.db").string();
  data.uploads_path = (root / "uploads").string();
  fs::create_directories(data.uploads_path, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot create {}: {}", data.uploads_path, ec.message()));
  }
  // Only this user may read the originals: they keep the EXIF (a camera's GPS position) that
  // the public sizes drop.
  data.originals_path = (root / "originals").string();
  fs::create_directories(data.originals_path, ec);
  if (!ec) fs::permissions(data.originals_path, fs::perms::owner_all, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot create {}: {}", data.originals_path, ec.message()));
  }
  if (!fs::exists(data.config_path, ec)) {
    if (auto written = WriteNewFile(data.config_path, DefaultConfigText()); !written) {
      return tl::unexpected(written.error());
    }
  }
  return data;
}

Result<Config> LoadPaperConfig(const DataDir& data) { return LoadConfig(data.config_path); }

namespace {

// A new SQLite store is created here, empty and mode 0600, before SQLite opens it: SQLite
// would make it (and its -wal and -shm files, which copy the database's mode) readable by
// every local user, and it holds the staff's password hashes and sessions.
// TODO(#17): move into SqliteStore::Open once the store's role interfaces have landed.
void CreatePrivateSqliteFile(std::string_view url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (url.substr(0, kScheme.size()) != kScheme) return;
  fs::path path(url.substr(kScheme.size()));
  std::error_code ec;
  if (path.empty()) return;
  if (fs::is_directory(path, ec)) path /= "sinmun.db";
  // O_EXCL: an existing store is left as it is.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}

}  // namespace

Result<> ChooseStore(DataDir* data, const std::string& flag) {
  if (!flag.empty()) {
    data->store_url = flag;
  } else {
    Result<Config> config = LoadPaperConfig(*data);
    if (!config) return Fail(ErrorCode::kInvalidInput, config.error().detail);
    if (!config->store_url.empty()) data->store_url = config->store_url;
  }
  CreatePrivateSqliteFile(data->store_url);
  return {};
}

}  // namespace sinmun::app
