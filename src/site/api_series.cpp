#include "site/api_series.hpp"

#include "site/views.hpp"

namespace sinmun::site {

ApiSeriesReader::ApiSeriesReader(const store::SeriesBook* book, const Config& config)
    : book_(book), config_(config) {}

nlohmann::ordered_json ApiSeriesReader::Of(const store::ArticleSummary& summary) {
  // Most rows are in no series, and say so without a read.
  if (book_ == nullptr || summary.series_episode <= 0) return nullptr;
  const Result<std::optional<store::SeriesPlace>> place = book_->SeriesPlaceOf(summary.id);
  if (!place || !*place) return nullptr;
  const store::SeriesId id = (*place)->series_id;
  auto [known, fresh] = titles_.try_emplace(id);
  if (fresh) {
    if (Result<store::Series> series = book_->SeriesById(id)) {
      known->second = std::move(series->title);
    }
  }
  if (!known->second) return nullptr;
  return {{"id", id},
          {"title", *known->second},
          {"episode", (*place)->episode},
          {"url", AbsoluteUrl(config_, SeriesPath(id))}};
}

}  // namespace sinmun::site
