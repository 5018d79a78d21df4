#pragma once
// Private to site/: strict parsing of what readers type into URLs, and the URLs pages link.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"

namespace sinmun::site {

// Largest id a URL may name: 2^53, so every id survives a round trip through JSON numbers.
inline constexpr std::int64_t kMaxId = std::int64_t{1} << 53;
// A page number past this is not a real page of any list: 400 rather than a store query.
inline constexpr std::int64_t kMaxPageNumber = 1'000'000;
inline constexpr int kPageSize = 20;
// Length of <meta name="description"> excerpts, in characters.
inline constexpr size_t kDescriptionChars = 150;

// Digits only, 1..kMaxId. kInvalidInput otherwise ("abc", "0", "-1", "1e3", " 1", "").
Result<std::int64_t> ParseId(std::string_view text);
// The ?page= parameter: absent means 1; else digits only, 1..kMaxPageNumber, or kInvalidInput.
Result<std::int64_t> ParsePageNumber(const http::Request& request);

// How the reader asked to see pages (cookie view=mobile|pc); kAuto follows the screen width.
enum class ViewMode { kAuto, kMobile, kPc };
ViewMode ViewModeOf(const http::Request& request);
std::string_view ViewModeName(ViewMode mode);  // "", "mobile", "pc"

// The URL path for a decoded path: every segment percent-encoded, '/' kept.
std::string EncodePath(std::string_view decoded_path);
// The request's path plus only the query parameters in `keys` that it has, in that order:
// the page's own address, for cache keys and "return to this page" links. Parameters a page
// ignores stay out, so /?x=1 and / are one page.
std::string CanonicalUrl(const http::Request& request, const std::vector<std::string>& keys);
// Where a request for a canonical page written another way is sent (a 301), so that such
// addresses never render a page or make a page cache entry of their own (#14, #17 item 3):
// an {id} with leading zeros ("/article/007" -> "/article/7"), a ?page= with leading zeros or
// 1 ("?page=0002" -> "?page=2", "?page=1" -> none), and without base_url a Host in another
// form than lower case without a trailing dot or ":80" ("Example.COM." -> "http://example.com").
// `keys` are the page's query keys, as for CanonicalUrl. nullopt when the address is canonical
// already, or invalid (the page answers that with its 400 or 404).
std::optional<std::string> CanonicalRedirect(const http::Request& request,
                                             const std::vector<std::string>& keys,
                                             std::string_view base_url);
// `base` with "?page=N" (or "&page=N" if base has a query) unless N is 1.
std::string PageUrl(std::string_view base, std::int64_t page);

// The scheme and host that absolute URLs (feeds, sitemaps, canonical links, JSON-LD) start
// with, without a trailing slash: config.base_url when set; else "http://" + the request's
// Host header when it is a plain host[:port] (letters, digits, '.', '-', at most 253
// characters, port digits); else kFallbackOrigin. A forged Host can only name another
// well-formed host, and the page cache keys pages by origin too, so it never reaches
// readers who sent the real one.
inline constexpr std::string_view kFallbackOrigin = "http://127.0.0.1";
std::string RequestOrigin(std::string_view base_url, const http::Request& request);

// A same-site path that is safe in a Location header: starts with "/" but not "//" or "/\",
// has no control characters or backslashes. nullopt otherwise (no open redirect). Bytes
// outside printable ASCII are percent-encoded.
std::optional<std::string> SafeReturnPath(std::string_view path);

}  // namespace sinmun::site
