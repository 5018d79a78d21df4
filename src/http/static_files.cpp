#include "http/static_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "http/encoding.hpp"

namespace sinmun::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPlainCache = "public, max-age=3600";
constexpr const char* kImmutableCache = "public, max-age=31536000, immutable";

std::string ContentTypeFor(std::string_view extension) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml"},
      {".html", "text/html; charset=utf-8"},
  };
  for (const auto& [known, type] : kTypes) {
    if (EqualsIgnoreCase(extension, known)) return std::string(type);
  }
  return "application/octet-stream";
}

// Encodes each segment of a "/"-separated path for use in a URL.
std::string EncodePath(std::string_view path) {
  std::string out;
  while (true) {
    const size_t slash = path.find('/');
    out += PercentEncode(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    path.remove_prefix(slash + 1);
  }
  return out;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot read {}", path.string()));
  }
  if (!in.is_open()) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot open {}", path.string()));
  }
  return bytes.str();
}

}  // namespace

Result<std::shared_ptr<StaticFiles>> StaticFiles::Load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail(ErrorCode::kUnavailable, fmt::format("static folder {} cannot be read", dir));
  }
  auto files = std::make_shared<StaticFiles>();
  fs::recursive_directory_iterator it(dir, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("static folder {} cannot be read: {}", dir, ec.message()));
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec)) continue;
    const fs::path& path = it->path();
    const std::string relative = fs::relative(path, dir, ec).generic_string();
    if (ec) break;
    // Braces would read as route parameters; such names have no place under static/.
    if (relative.find_first_of("{}") != std::string::npos) continue;
    Result<std::string> bytes = ReadFile(path);
    if (!bytes) return tl::unexpected(bytes.error());

    std::string content_type = ContentTypeFor(path.extension().string());
    PreparedBody body = Prepare(std::move(*bytes), IsCompressibleType(content_type));
    const std::string fingerprint = body.etag.substr(1, 8);

    const fs::path rel_path(relative);
    const std::string parent = rel_path.parent_path().generic_string();
    const std::string fingerprinted =
        fmt::format("/static/{}{}{}.{}{}", parent, parent.empty() ? "" : "/",
                    rel_path.stem().string(), fingerprint, rel_path.extension().string());

    auto plain = std::make_shared<File>(File{body, content_type, false});
    auto immutable = std::make_shared<File>(File{std::move(body), std::move(content_type), true});
    files->by_url_["/static/" + relative] = std::move(plain);
    files->by_url_[fingerprinted] = std::move(immutable);
    files->fingerprinted_[relative] = EncodePath(fingerprinted);
  }
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("static folder {} cannot be read: {}", dir, ec.message()));
  }
  return files;
}

std::string StaticFiles::Url(std::string_view relative_path) const {
  const auto it = fingerprinted_.find(std::string(relative_path));
  if (it != fingerprinted_.end()) return it->second;
  return "/static/" + EncodePath(relative_path);
}

void StaticFiles::AddRoutes(Router& router) const {
  for (const auto& [url, file] : by_url_) {
    router.Get(url, [file = file](const Request&) {
      Response response = Prepared(file->body, file->content_type);
      response.cache_control = file->immutable ? kImmutableCache : kPlainCache;
      return response;
    });
  }
}

}  // namespace sinmun::http
