#include "archive/paper_dump.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "archive/backup_tar.hpp"
#include "archive/sha256.hpp"

namespace sinmun::archive {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kDumpVersion = 1;

// A new file written through a buffer, hashed as it goes, synced on Close().
class HashedFile {
 public:
  static Result<HashedFile> Create(const fs::path& path) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (ec || fd < 0)
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()));
    return HashedFile(fd, path.string());
  }
  HashedFile(HashedFile&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)), sha_(other.sha_) {}
  HashedFile(const HashedFile&) = delete;
  HashedFile& operator=(const HashedFile&) = delete;
  HashedFile& operator=(HashedFile&&) = delete;
  ~HashedFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  Result<> Write(std::string_view data) {
    sha_.Add(data.data(), data.size());
    size_ += data.size();
    buffer_ += data;
    return buffer_.size() >= (1 << 16) ? Flush() : Result<>{};
  }
  // Flushes, syncs and closes; returns the file's SHA-256.
  Result<std::string> Close() {
    if (Result<> flushed = Flush(); !flushed) return tl::unexpected(flushed.error());
    if (::fsync(fd_) != 0 || ::close(std::exchange(fd_, -1)) != 0) {
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", path_));
    }
    return sha_.Hex();
  }
  std::uint64_t size() const { return size_; }

 private:
  HashedFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Result<> Flush() {
    for (std::string_view left = buffer_; !left.empty();) {
      const ssize_t n = ::write(fd_, left.data(), left.size());
      if (n <= 0)
        return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {} (disk full?)", path_));
      left.remove_prefix(static_cast<size_t>(n));
    }
    buffer_.clear();
    return {};
  }

  int fd_;
  std::string path_;
  Sha256 sha_;
  std::string buffer_;
  std::uint64_t size_ = 0;
};

// Copies `from` to the new file `to`; returns its size and SHA-256.
Result<TarEntry> CopyFile(const fs::path& from, const fs::path& to, const std::string& name) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, fmt::format("cannot read {}", from.string()));
  Result<HashedFile> out = HashedFile::Create(to);
  if (!out) return tl::unexpected(out.error());
  std::string chunk(1 << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (Result<> done =
            out->Write(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
        !done) {
      return tl::unexpected(done.error());
    }
  }
  if (in.bad()) return Fail(ErrorCode::kUnavailable, fmt::format("cannot read {}", from.string()));
  const std::uint64_t size = out->size();
  Result<std::string> sha = out->Close();
  if (!sha) return tl::unexpected(sha.error());
  return TarEntry{name, size, *sha};
}

// SHA-256 and size of the file at `path`.
Result<TarEntry> HashFile(const fs::path& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInvalidInput, fmt::format("{} is missing", name));
  Sha256 sha;
  std::uint64_t size = 0;
  std::string chunk(1 << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    sha.Add(chunk.data(), static_cast<size_t>(in.gcount()));
    size += static_cast<std::uint64_t>(in.gcount());
  }
  return TarEntry{name, size, sha.Hex()};
}

// The uploads below `folder` as (name relative to the dump, path), sorted.
std::vector<std::pair<std::string, fs::path>> Uploads(const std::string& folder) {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      files.emplace_back("uploads/" + fs::relative(it->path(), folder).string(), it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<DumpSummary> WriteDump(std::string_view store_url, const std::string& uploads_dir,
                              const fs::path& folder) {
  DumpSummary summary;
  json tables = json::array();
  std::optional<HashedFile> file;
  std::int64_t rows = 0;
  const auto close_table = [&]() -> Result<> {
    if (!file) return {};
    Result<std::string> sha = file->Close();
    if (!sha) return tl::unexpected(sha.error());
    tables.back()["rows"] = rows;
    tables.back()["sha256"] = *sha;
    file.reset();
    return {};
  };
  std::vector<std::string> columns;
  const auto table = [&](std::string_view name, const std::vector<std::string>& names) -> Result<> {
    if (Result<> closed = close_table(); !closed) return closed;
    Result<HashedFile> created =
        HashedFile::Create(folder / "tables" / fmt::format("{}.jsonl", name));
    if (!created) return tl::unexpected(created.error());
    file.emplace(std::move(*created));
    columns = names;
    rows = 0;
    tables.push_back({{"name", name}, {"columns", names}});
    ++summary.tables;
    return {};
  };
  const auto row = [&](const store::PaperRow& values) -> Result<> {
    json object = json::object();
    for (size_t i = 0; i < values.size(); ++i) {
      object[columns[i]] = values[i] ? json(*values[i]) : json(nullptr);
    }
    std::string line;
    try {
      line = object.dump();
    } catch (const json::exception&) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("a value in {} row {} is not UTF-8",
                              tables.back()["name"].get<std::string>(), rows + 1));
    }
    ++rows;
    ++summary.rows;
    return file->Write(line + "\n");
  };
  if (Result<> read = store::ReadPaper(store_url, table, row); !read)
    return tl::unexpected(read.error());
  if (Result<> closed = close_table(); !closed) return tl::unexpected(closed.error());

  json files = json::array();
  for (const auto& [name, path] : Uploads(uploads_dir)) {
    Result<TarEntry> copied = CopyFile(path, folder / name, name);
    if (!copied) return tl::unexpected(copied.error());
    files.push_back({{"path", name}, {"size", copied->size}, {"sha256", copied->sha256}});
    ++summary.files;
  }
  const json manifest = {
      {"format", "sinmun-paper"},
      {"version", kDumpVersion},
      {"created_at", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)))},
      {"tables", tables},
      {"files", files}};
  Result<HashedFile> out = HashedFile::Create(folder / "manifest.json");
  if (!out) return tl::unexpected(out.error());
  if (Result<> written = out->Write(manifest.dump(2) + "\n"); !written)
    return tl::unexpected(written.error());
  if (Result<std::string> closed = out->Close(); !closed) return tl::unexpected(closed.error());
  for (const fs::path& sub : {folder / "tables", folder}) {
    if (Result<> synced = SyncFolder(sub.string()); !synced) return tl::unexpected(synced.error());
  }
  return summary;
}

// The manifest of the dump at `folder`, after checking every file it lists.
Result<json> CheckedManifest(const fs::path& folder) {
  std::ifstream in(folder / "manifest.json", std::ios::binary);
  if (!in)
    return Fail(ErrorCode::kInvalidInput, fmt::format("{} has no manifest.json", folder.string()));
  const json manifest = json::parse(in, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != "sinmun-paper" ||
      !manifest.contains("tables") || !manifest["tables"].is_array() ||
      !manifest.contains("files") || !manifest["files"].is_array()) {
    return Fail(ErrorCode::kInvalidInput, "its manifest.json is not a sinmun paper's");
  }
  if (manifest.value("version", 0) != kDumpVersion) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("it is format version {}; this sinmun reads version {}",
                            manifest.value("version", 0), kDumpVersion));
  }
  const auto check = [&](const json& entry, const std::string& path) -> Result<> {
    if (!entry.is_object() || !entry.contains("sha256") || !entry["sha256"].is_string()) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("its manifest has no sha256 for {}", path));
    }
    if (path.empty() || path.front() == '/' || path.find("..") != std::string::npos) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("its manifest names {:?}", path));
    }
    Result<TarEntry> hashed = HashFile(folder / path, path);
    if (!hashed) return tl::unexpected(hashed.error());
    if (hashed->sha256 != entry["sha256"].get<std::string>()) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("the SHA-256 of {} differs from its manifest's", path));
    }
    return {};
  };
  for (const json& table : manifest["tables"]) {
    const std::string name = table.is_object() ? table.value("name", "") : "";
    if (Result<> ok = check(table, "tables/" + name + ".jsonl"); !ok)
      return tl::unexpected(ok.error());
  }
  for (const json& file : manifest["files"]) {
    const std::string path = file.is_object() ? file.value("path", "") : "";
    if (!path.starts_with("uploads/")) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("its manifest names {:?}", path));
    }
    if (Result<> ok = check(file, path); !ok) return tl::unexpected(ok.error());
  }
  return manifest;
}

// A dump made before the article_views table (store/migrations/1000_article_views.sql) holds
// each article's all-time views in articles.views: taken aside as (id, views) rows while its
// articles are put, then put as the article_views rows such a dump does not list.
struct OldDumpViews {
  static bool IsOldColumn(std::string_view table, std::string_view column) {
    return table == "articles" && column == "views";
  }
  std::vector<store::PaperRow> rows;
};

// Puts the rows of tables/<table>.jsonl, mapping its columns by name onto this version's.
Result<> FillTable(const fs::path& folder, const json& manifest, std::string_view table,
                   const std::vector<std::string>& columns, const store::PutRow& put,
                   OldDumpViews& old_views) {
  const json* listed = nullptr;
  for (const json& entry : manifest["tables"]) {
    if (entry.value("name", "") == table) listed = &entry;
  }
  if (listed == nullptr && table == "article_views") {
    for (const store::PaperRow& row : old_views.rows) {
      if (Result<> done = put(row); !done) return done;
    }
    return {};
  }
  if (listed == nullptr) return {};  // a table this dump's version did not have
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < columns.size(); ++i) position[columns[i]] = i;
  std::ifstream in(folder / "tables" / fmt::format("{}.jsonl", table), std::ios::binary);
  std::string line;
  std::int64_t rows = 0;
  store::PaperRow values(columns.size());
  while (std::getline(in, line)) {
    ++rows;
    const json object = json::parse(line, nullptr, false);
    if (!object.is_object()) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("{} line {} is not a JSON object", table, rows));
    }
    std::fill(values.begin(), values.end(), std::nullopt);
    std::optional<std::string> views;
    for (const auto& [column, value] : object.items()) {
      if (OldDumpViews::IsOldColumn(table, column) && value.is_string()) {
        views = value.get<std::string>();
        continue;
      }
      const auto it = position.find(column);
      if (it == position.end() || !(value.is_string() || value.is_null())) {
        return Fail(ErrorCode::kInvalidInput,
                    fmt::format("{} line {}: column {:?} is unknown to this version or not text",
                                table, rows, column));
      }
      if (value.is_string()) values[it->second] = value.get<std::string>();
    }
    // A count of 0 was no row there (article_views holds counted articles only).
    if (views && *views != "0") old_views.rows.push_back({values[position.at("id")], views});
    if (Result<> done = put(values); !done) return done;
  }
  if (rows != listed->value("rows", std::int64_t{-1})) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("{} holds {} rows, its manifest says {}", table, rows,
                            listed->value("rows", std::int64_t{-1})));
  }
  return {};
}

}  // namespace

Result<DumpSummary> ExportPaper(std::string_view store_url, const std::string& uploads_dir,
                                const std::string& out_dir) {
  std::error_code ec;
  fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  if (ec || fs::exists(target, ec)) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("{} exists; name a new folder", out_dir));
  }
  std::string partial = fmt::format("{}/.{}.partial-XXXXXX", target.parent_path().string(),
                                    target.filename().string());
  if (::mkdtemp(partial.data()) == nullptr) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot write in {}", target.parent_path().string()));
  }
  Result<DumpSummary> summary = WriteDump(store_url, uploads_dir, partial);
  if (summary) {
    fs::rename(partial, target, ec);
    if (ec)
      summary =
          Fail(ErrorCode::kUnavailable, fmt::format("cannot create {}: {}", out_dir, ec.message()));
  }
  if (!summary) {
    fs::remove_all(partial, ec);
    return summary;
  }
  if (Result<> synced = SyncFolder(target.parent_path().string()); !synced)
    return tl::unexpected(synced.error());
  return summary;
}

Result<std::vector<store::TableCheck>> ImportPaper(std::string_view store_url,
                                                   const std::string& uploads_dir,
                                                   const std::string& from_dir) {
  const fs::path folder(from_dir);
  Result<json> manifest = CheckedManifest(folder);
  if (!manifest) return tl::unexpected(manifest.error());
  // Only into a new paper: rows of another paper would collide with the dump's ids.
  std::int64_t existing = 0;
  const auto count = [&existing](const store::PaperRow&) -> Result<> {
    ++existing;
    return {};
  };
  if (Result<> read = store::ReadPaper(
          store_url, [](auto, const auto&) -> Result<> { return {}; }, count);
      !read) {
    return tl::unexpected(read.error());
  }
  if (existing > 0) {
    return Fail(
        ErrorCode::kInvalidInput,
        fmt::format("the store already holds a paper ({} rows); import into a new one", existing));
  }
  for (const json& file : (*manifest)["files"]) {
    const std::string path = file.value("path", "");
    std::error_code ec;
    if (fs::exists(fs::path(uploads_dir) / path.substr(std::string_view("uploads/").size()), ec)) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("{} exists already in the paper", path));
    }
  }
  OldDumpViews old_views;
  Result<std::vector<store::TableCheck>> checks = store::WritePaper(
      store_url, [&](std::string_view table, const std::vector<std::string>& columns,
                     const store::PutRow& put) {
        return FillTable(folder, *manifest, table, columns, put, old_views);
      });
  if (!checks) return checks;
  for (const json& file : (*manifest)["files"]) {
    const std::string path = file.value("path", "");
    Result<TarEntry> copied =
        CopyFile(folder / path,
                 fs::path(uploads_dir) / path.substr(std::string_view("uploads/").size()), path);
    if (!copied) return tl::unexpected(copied.error());
  }
  return checks;
}

}  // namespace sinmun::archive
