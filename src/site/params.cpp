#include "site/params.hpp"

#include <algorithm>
#include <charconv>

namespace sinmun::site {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Digits only and within [1, max]; leading zeros are accepted ("007" is 7).
std::optional<std::int64_t> ParseBounded(std::string_view text, std::int64_t max) {
  if (!AllDigits(text)) return std::nullopt;
  const size_t first = text.find_first_not_of('0');
  if (first == std::string_view::npos) return std::nullopt;  // all zeros
  text.remove_prefix(first);
  if (text.size() > 18) return std::nullopt;  // would not fit; certainly over max
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 1 || value > max) return std::nullopt;
  return value;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

}  // namespace

Result<std::int64_t> ParseId(std::string_view text) {
  const std::optional<std::int64_t> id = ParseBounded(text, kMaxId);
  if (!id)
    return Fail(ErrorCode::kInvalidInput, "bad id '" + std::string(text.substr(0, 40)) + "'");
  return *id;
}

Result<std::int64_t> ParsePageNumber(const http::Request& request) {
  const std::optional<std::string> text = request.Query("page");
  if (!text) return 1;
  const std::optional<std::int64_t> page = ParseBounded(*text, kMaxPageNumber);
  if (!page) {
    return Fail(ErrorCode::kInvalidInput, "bad page number '" + text->substr(0, 40) + "'");
  }
  return *page;
}

ViewMode ViewModeOf(const http::Request& request) {
  const std::optional<std::string> view = request.Cookie("view");
  if (view == "mobile") return ViewMode::kMobile;
  if (view == "pc") return ViewMode::kPc;
  return ViewMode::kAuto;
}

std::string_view ViewModeName(ViewMode mode) {
  switch (mode) {
    case ViewMode::kMobile:
      return "mobile";
    case ViewMode::kPc:
      return "pc";
    case ViewMode::kAuto:
      break;
  }
  return "";
}

std::string EncodePath(std::string_view decoded_path) {
  std::string out;
  out.reserve(decoded_path.size());
  for (unsigned char c : decoded_path) {
    if (c == '/' || IsUnreserved(c)) {
      out += static_cast<char>(c);
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

std::string RequestOrigin(std::string_view base_url, const http::Request& request) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  if (!base_url.empty()) return std::string(base_url);
  const std::string_view host = request.Header("host");
  const size_t colon = host.find(':');
  const std::string_view name = host.substr(0, colon);
  bool ok = !name.empty() && name.size() <= 253 && name.front() != '.' && name.front() != '-';
  for (const char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-');
  }
  if (colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    ok = ok && !port.empty() && port.size() <= 5;
    for (const char c : port) ok = ok && c >= '0' && c <= '9';
  }
  if (!ok) return std::string(kFallbackOrigin);
  return "http://" + std::string(host);
}

std::string CanonicalUrl(const http::Request& request, const std::vector<std::string>& keys) {
  std::string url = EncodePath(request.path);
  char separator = '?';
  for (const std::string& key : keys) {
    const std::optional<std::string> value = request.Query(key);
    if (!value) continue;
    url += separator;
    url += key;
    url += '=';
    url += http::PercentEncode(*value);
    separator = '&';
  }
  return url;
}

namespace {

// A number as written in a URL, if it names a valid value but is not written as that value
// alone: its canonical text ("" for a page number 1, which pages leave out).
std::optional<std::string> Renumbered(std::string_view text, std::int64_t max, bool is_page) {
  const std::optional<std::int64_t> value = ParseBounded(text, max);
  if (!value) return std::nullopt;
  std::string canonical = is_page && *value == 1 ? "" : std::to_string(*value);
  if (canonical == text) return std::nullopt;
  return canonical;
}

// The host in canonical form when `host` is a valid one written otherwise.
std::optional<std::string> CanonicalHost(std::string_view host) {
  std::string out;
  const size_t colon = host.find(':');
  std::string_view name = host.substr(0, colon);
  std::string_view port = colon == std::string_view::npos ? "" : host.substr(colon + 1);
  bool changed = false;
  if (name.size() > 1 && name.back() == '.') {
    name.remove_suffix(1);
    changed = true;
  }
  if (port == "80") {
    port = "";
    changed = true;
  }
  for (const char c : name) {
    changed = changed || (c >= 'A' && c <= 'Z');
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!port.empty()) out.append(":").append(port);
  return changed ? std::optional(out) : std::nullopt;
}

}  // namespace

std::optional<std::string> CanonicalRedirect(const http::Request& request,
                                             const std::vector<std::string>& keys,
                                             std::string_view base_url) {
  std::optional<http::Request> canonical;
  const std::string_view id = request.PathParam("id");
  if (!id.empty() && id[0] == '0') {
    if (const std::optional<std::string> number = Renumbered(id, kMaxId, false)) {
      canonical = request;
      std::string& path = canonical->path;
      for (size_t at = path.find(id); at != std::string::npos; at = path.find(id, at + 1)) {
        const size_t end = at + id.size();
        if (at > 0 && path[at - 1] == '/' && (end == path.size() || path[end] == '/')) {
          path.replace(at, id.size(), *number);
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < request.query.size(); ++i) {
    const auto& [key, value] = request.query[i];
    if (key != "page") continue;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) break;
    if (!value.empty() && value[0] != '0' && value != "1") break;
    if (const std::optional<std::string> number = Renumbered(value, kMaxPageNumber, true)) {
      if (!canonical) canonical = request;
      if (number->empty()) {
        canonical->query.erase(canonical->query.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        canonical->query[i].second = *number;
      }
    }
    break;  // Query() reads the first one only
  }
  std::optional<std::string> host;
  if (base_url.empty() && RequestOrigin(base_url, request) != kFallbackOrigin) {
    host = CanonicalHost(request.Header("host"));
  }
  if (!canonical && !host) return std::nullopt;
  std::string url = CanonicalUrl(canonical ? *canonical : request, keys);
  return host ? "http://" + *host + url : url;
}

std::string PageUrl(std::string_view base, std::int64_t page) {
  std::string url(base);
  if (page == 1) return url;
  url += url.find('?') == std::string::npos ? "?page=" : "&page=";
  url += std::to_string(page);
  return url;
}

std::optional<std::string> SafeReturnPath(std::string_view path) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return std::nullopt;
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
    if (c >= 0x80 || c == ' ' || c == '"' || c == '<' || c == '>') {
      AppendEscaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace sinmun::site
