#include "http/folder_files.hpp"

#include <fstream>
#include <iterator>
#include <string_view>
#include <utility>

namespace sinmun::http {
namespace {

constexpr std::size_t kMaxFileBytes = 64 << 20;

const char* ContentType(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  const std::string_view ext = path.substr(dot + 1);
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "png") return "image/png";
  if (ext == "webp") return "image/webp";
  return nullptr;
}

bool IsSafe(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    start = end + 1;
  }
  return path.find('\0') == std::string_view::npos && path.find('\\') == std::string_view::npos;
}

}  // namespace

Handler FolderFiles(std::string dir, Handler not_found) {
  return [dir = std::move(dir), not_found = std::move(not_found)](const Request& request) {
    const std::string_view path = request.PathParam("path");
    const char* type = ContentType(path);
    if (type == nullptr || !IsSafe(path)) return not_found(request);
    std::ifstream in(dir + "/" + std::string(path), std::ios::binary);
    if (!in) return not_found(request);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.size() > kMaxFileBytes) return not_found(request);
    Response response;
    response.content_type = type;
    response.body = Prepare(std::move(bytes), /*compressible=*/false);
    response.cache_control = "public, max-age=31536000, immutable";
    return response;
  };
}

}  // namespace sinmun::http
