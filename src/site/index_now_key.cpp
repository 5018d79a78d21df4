// IndexNow's key file (issue #18): a search engine that receives a ping fetches /{key}.txt from
// the paper's host and finds the key in it, which proves the ping came from the site. The
// address has no route of its own since the key is a setting that may change: the not-found
// handler asks here first.

#include "site/pages.hpp"
#include "site/xml.hpp"

namespace sinmun::site {

std::optional<http::Response> IndexNowKeyFile(const SiteContext& site,
                                              const http::Request& request) {
  const std::string_view path = request.path;
  constexpr std::string_view kSuffix = ".txt";
  // One segment ending in .txt: anything else is not the key file, and costs no settings read.
  if (!path.ends_with(kSuffix) || path.find('/', 1) != std::string_view::npos) return std::nullopt;
  const std::string key = CurrentConfig(site)->indexnow_key;
  if (key.empty() || path.substr(1, path.size() - 1 - kSuffix.size()) != key) return std::nullopt;
  return PreparedText(key, "text/plain; charset=utf-8");
}

}  // namespace sinmun::site
