#include "store/static_pages.hpp"

namespace sinmun::store {

bool IsStaticPagePath(std::string_view path) {
  if (path.empty() || path.size() > 200) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (const char c : segment) {
      const auto byte = static_cast<unsigned char>(c);
      const bool allowed =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || byte >= 0x80;
      if (!allowed) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace sinmun::store
