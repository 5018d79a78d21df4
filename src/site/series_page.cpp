// Series (연재, issue #18) for readers: the series page listing the published episodes in order,
// and the series box of an episode's page (its label and the episodes before and after it).

#include <fmt/format.h>

#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

std::string SeriesPath(store::SeriesId id) { return fmt::format("/series/{}", id); }

// ① … ⑳ as Korean papers number episodes; "(21)" beyond. The circled 21 to 50 (㉑ …) come from
// another Unicode block, which many Korean fonts draw in another size and style.
std::string CircledNumber(int number) {
  if (number < 1 || number > 20) return fmt::format("({})", number);
  const char32_t code = 0x2460 + (number - 1);
  // Every one of these is three bytes of UTF-8.
  return {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
          static_cast<char>(0x80 | (code & 0x3F))};
}

ListedMarks ListedHeadlineMarks(const render::Renderer& labels, int series_episode) {
  if (series_episode <= 0) return {};
  return {fmt::format("[{}] ", labels.Label("series_label")), " " + CircledNumber(series_episode)};
}

std::string ListedHeadline(const render::Renderer& labels, std::string_view headline,
                           int series_episode) {
  const ListedMarks marks = ListedHeadlineMarks(labels, series_episode);
  return marks.before + std::string(headline) + marks.after;
}

nlohmann::json ArticleSeriesView(const render::Renderer& renderer,
                                 const std::optional<store::ArticleSeries>& series) {
  if (!series) return nullptr;
  const auto episode = [](const std::optional<store::SeriesEpisode>& near) -> nlohmann::json {
    if (!near) return nullptr;
    return {{"url", ArticlePath(near->article_id)},
            {"headline", near->headline},
            {"mark", CircledNumber(near->episode)}};
  };
  return {{"url", SeriesPath(series->series.id)},
          {"label", renderer.Label("series_label")},
          {"title", series->series.title},
          {"mark", CircledNumber(series->episode)},
          {"previous", episode(series->previous)},
          {"next", episode(series->next)},
          {"has_neighbors", series->previous.has_value() || series->next.has_value()}};
}

http::Response SeriesPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page) {
  const store::SeriesBook* book = site.deps.store.series;
  if (book == nullptr) return ErrorResponse(site, 404, page.view_mode);
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<store::Series> series = book->SeriesById(*id);
  if (!series) return ErrorResponse(site, series.error(), page.view_mode);
  const Result<std::vector<store::SeriesEpisode>> episodes =
      book->SeriesEpisodes(*id, site.deps.clock->Now());
  if (!episodes) return ErrorResponse(site, episodes.error(), page.view_mode);

  nlohmann::json items = nlohmann::json::array();
  for (const store::SeriesEpisode& episode : *episodes) {
    items.push_back({{"url", ArticlePath(episode.article_id)},
                     {"headline", episode.headline},
                     {"mark", CircledNumber(episode.episode)},
                     {"registered", TimeView(episode.registered_at)}});
  }
  nlohmann::json view = {{"series",
                          {{"label", site.deps.renderer->Label("series_label")},
                           {"title", series->title},
                           {"description", series->description}}},
                         {"has_items", !items.empty()},
                         {"items", std::move(items)}};
  PageMeta meta{.title = series->title,
                .description = series->description,
                .canonical_path = SeriesPath(series->id)};
  return RenderPage(site, page, "site/series", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
