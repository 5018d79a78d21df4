#pragma once
// Private to site/: the series (연재, issue #18) of listed articles for the JSON APIs. A list
// row knows only its episode number; the series' id and title are read here, once per series
// a response names.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "store/records.hpp"
#include "store/series_book.hpp"

namespace sinmun::site {

// One per response; not thread-safe. `book` null: the site has no series (every Of is null).
class ApiSeriesReader {
 public:
  ApiSeriesReader(const store::SeriesBook* book, const Config& config);

  // {"id", "title", "episode", "url"} of the article's series, or null for an article in none,
  // and when the series cannot be read: the list is served without it, as the article page
  // leaves its series box out.
  nlohmann::ordered_json Of(const store::ArticleSummary& summary);

 private:
  const store::SeriesBook* book_;
  const Config& config_;
  std::map<store::SeriesId, std::optional<std::string>> titles_;  // nullopt: not readable
};

}  // namespace sinmun::site
