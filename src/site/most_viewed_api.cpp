#include <charconv>

#include "site/api_series.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kDefaultLimit = 10;
constexpr int kMaxLimit = 50;

Result<int> ParseLimit(const http::Request& request) {
  const std::optional<std::string> text = request.Query("limit");
  if (!text) return kDefaultLimit;
  int limit = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, limit);
  if (text->empty() || ec != std::errc() || ptr != end || limit < 1 || limit > kMaxLimit) {
    return Fail(ErrorCode::kInvalidInput, "limit must be a whole number from 1 to 50");
  }
  return limit;
}

}  // namespace

http::Response ApiMostViewed(const SiteContext& site, const http::Request& request,
                             const PageRequest& page) {
  const std::string window_name = request.Query("window").value_or("24h");
  const std::optional<counters::Window> window = counters::ParseWindow(window_name);
  if (!window)
    return JsonError(site, Error{ErrorCode::kInvalidInput, "window must be 24h, 7d or 30d"});
  const Result<int> limit = ParseLimit(request);
  if (!limit) return JsonError(site, limit.error());
  std::optional<store::SectionId> section;
  if (const std::optional<std::string> slug = request.Query("section"); slug && !slug->empty()) {
    const Result<store::Section> found = site.deps.store.catalog->SectionBySlug(*slug);
    if (!found) return JsonError(site, found.error());
    section = found->id;
  }
  const Result<std::vector<store::ArticleSummary>> ranking =
      RankedArticles(site, window, section, *limit, site.deps.clock->Now());
  if (!ranking) return JsonError(site, ranking.error());

  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  ApiSeriesReader series(site.deps.store.series, site.deps.config);
  for (const store::ArticleSummary& summary : *ranking) {
    items.push_back({{"id", summary.id},
                     {"headline", summary.headline},
                     {"url", AbsoluteUrl(site.deps.config, ArticlePath(summary.id))},
                     {"views", summary.views},
                     {"series", series.Of(summary)}});
  }
  return JsonResponse(nlohmann::ordered_json{{"window", counters::WindowName(*window)},
                                             {"items", std::move(items)}});
}

}  // namespace sinmun::site
