#pragma once
// Private to site/: view models. Plain functions from store records to the JSON the
// templates (and the API) read; no store access here. Every object sets all its keys, null
// or false when absent, so a Mustache section never picks a same-named key from a parent.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/time.hpp"
#include "render/article_view.hpp"
#include "render/renderer.hpp"
#include "store/records.hpp"
#include "store/series_book.hpp"

namespace sinmun::site {

std::string ArticlePath(store::ArticleId id);       // "/article/12"
std::string SectionPath(std::string_view slug);     // "/section/politics"
std::string ReporterPath(store::ReporterId id);     // "/reporter/3"
std::string StaticPagePath(std::string_view path);  // "/page/privacy", percent-encoded
std::string SeriesPath(store::SeriesId id);         // "/series/4"
// An episode number as Korean papers print it: 5 -> "⑤" (circled up to 20, "(21)" beyond).
std::string CircledNumber(int number);
// How a list names an article (issue #18): "[연재] 제목 ⑤" for episode 5 of a series, the
// headline alone for an article in none (series_episode 0). Every list, ranking, search
// result and feed title that names an article goes through it.
std::string ListedHeadline(const render::Renderer& labels, std::string_view headline,
                           int series_episode);
// What ListedHeadline puts before and after the headline ("[연재] ", " ⑤"; both "" for none),
// for a headline shown in parts (search results mark the words searched for).
struct ListedMarks {
  std::string before;
  std::string after;
};
ListedMarks ListedHeadlineMarks(const render::Renderer& labels, int series_episode);
// An episode's series box: {"url", "label" (연재), "title", "mark", "previous", "next",
// "has_neighbors"}, previous and next {"url", "headline", "mark"} or null; null without a series.
nlohmann::json ArticleSeriesView(const render::Renderer& renderer,
                                 const std::optional<store::ArticleSeries>& series);
// config.base_url + path; the path alone when no base_url is configured.
std::string AbsoluteUrl(const Config& config, std::string_view path);

// {"text": "2017-08-01 13:13", "iso": "2017-08-01T13:13:00+09:00"} (KST).
using render::TimeView;
// {"name", "slug", "url", "current"}
nlohmann::json SectionView(const store::Section& section, bool current = false);
// A store photo as render/ takes it.
render::ArticleContentData::Photo PhotoData(const store::LeadPhoto& photo);
// A list's small thumbnail (render::PictureView, loaded lazily); null without a photo.
nlohmann::json ThumbnailView(const std::optional<store::LeadPhoto>& photo);
// {"id", "url", "headline", "snippet", "reporter", "section", "registered", "views", "kind",
//  "photo"}: headline is ListedHeadline's, photo a thumbnail's render::PictureView, loaded
//  lazily, or null.
nlohmann::json SummaryView(const render::Renderer& labels, const store::ArticleSummary& summary);
// Makes the thumbnails of the first `count` items of a SummaryView list load at once: they are
// above the fold.
void LoadFirstPhotos(nlohmann::json& items, std::size_t count);
// How many thumbnails a list page shows above the fold on a phone.
inline constexpr std::size_t kPhotosAboveTheFold = 2;
nlohmann::json SummaryListView(const render::Renderer& labels,
                               const std::vector<store::ArticleSummary>& summaries);

// Number of pages for `total` items (at least 1, so an empty list has its page 1).
std::int64_t PageCount(std::int64_t total, int page_size);
// {"show", "prev_url", "next_url", "pages": [{"number", "url", "current"}]}: prev/next and a
// window of up to 10 page numbers around `page`. show is false for a single page.
nlohmann::json PaginationView(std::string_view base_url, std::int64_t page, std::int64_t total,
                              int page_size);

// A neighbouring article as the article page links it.
struct NeighborLink {
  store::ArticleId id = 0;
  std::string headline;
};

struct ArticleLinks {
  std::string list_url;                  // leads to the section list page that holds it
  std::optional<NeighborLink> previous;  // older, in the same section
  std::optional<NeighborLink> next;      // newer, in the same section
};

// Everything the article and print pages show of one article (body as sanitized HTML).
nlohmann::json ArticleView(const store::Article& article, const ArticleLinks& links,
                           const Config& config);

}  // namespace sinmun::site

namespace sinmun::site {

// The JSON API's shapes (documented in site.hpp), keys in the documented order. `series` is
// ApiSeriesReader::Of's for a summary (site/api_series.hpp), ApiArticleSeriesView's for an
// article.
nlohmann::ordered_json ApiSummaryView(const store::ArticleSummary& summary, const Config& config,
                                      nlohmann::ordered_json series);
nlohmann::ordered_json ApiArticleView(const store::Article& article, const ArticleLinks& links,
                                      const Config& config, nlohmann::ordered_json series);

// An article's series for the JSON API: the summary's keys and "prev_id", "next_id" (the
// episodes published before and after it, or null); null for none.
nlohmann::ordered_json ApiArticleSeriesView(const std::optional<store::ArticleSeries>& series,
                                            const Config& config);

}  // namespace sinmun::site
