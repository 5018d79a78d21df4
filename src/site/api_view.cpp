#include "core/photo_marker.hpp"
#include "render/markdown.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

nlohmann::ordered_json ApiSectionView(const store::Section& section) {
  return {{"slug", section.slug}, {"name", section.name}};
}

nlohmann::ordered_json OptionalId(const std::optional<NeighborLink>& link) {
  return link ? nlohmann::ordered_json(link->id) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json ApiArticleSeriesView(const std::optional<store::ArticleSeries>& series,
                                            const Config& config) {
  if (!series) return nullptr;
  const auto near = [](const std::optional<store::SeriesEpisode>& episode) {
    return episode ? nlohmann::ordered_json(episode->article_id) : nlohmann::ordered_json(nullptr);
  };
  return {{"id", series->series.id},
          {"title", series->series.title},
          {"episode", series->episode},
          {"url", AbsoluteUrl(config, SeriesPath(series->series.id))},
          {"prev_id", near(series->previous)},
          {"next_id", near(series->next)}};
}

nlohmann::ordered_json ApiSummaryView(const store::ArticleSummary& summary, const Config& config,
                                      nlohmann::ordered_json series) {
  return {{"id", summary.id},
          {"section", ApiSectionView(summary.section)},
          {"headline", summary.headline},
          {"type", store::ArticleKindName(summary.kind)},
          {"paid", store::IsPaid(summary.kind)},
          {"snippet", summary.snippet},
          {"reporter", summary.reporter_name},
          {"registered_at", FormatIso8601Kst(summary.registered_at)},
          {"url", AbsoluteUrl(config, ArticlePath(summary.id))},
          {"series", std::move(series)}};
}

nlohmann::ordered_json ApiArticleView(const store::Article& article, const ArticleLinks& links,
                                      const Config& config, nlohmann::ordered_json series) {
  nlohmann::ordered_json reporters = nlohmann::ordered_json::array();
  for (const store::Byline& byline : article.bylines) {
    reporters.push_back({{"id", byline.id}, {"name", byline.name}, {"email", byline.email}});
  }
  return {
      {"id", article.id},
      {"section", ApiSectionView(article.section)},
      {"headline", article.headline},
      {"type", store::ArticleKindName(article.kind)},
      {"paid", store::IsPaid(article.kind)},
      {"subheadlines", article.subheadlines},
      {"reporter", article.bylines.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(article.bylines.front().name)},
      {"reporters", std::move(reporters)},
      {"registered_at", FormatIso8601Kst(article.registered_at)},
      {"modified_at", article.modified_at
                          ? nlohmann::ordered_json(FormatIso8601Kst(*article.modified_at))
                          : nlohmann::ordered_json(nullptr)},
      {"url", AbsoluteUrl(config, ArticlePath(article.id))},
      {"prev_id", OptionalId(links.previous)},
      {"next_id", OptionalId(links.next)},
      {"series", std::move(series)},
      // The API carries no photos: the lines that place them in the body go.
      {"body_html", render::MarkdownToHtml(WithoutPhotoMarkers(article.body_markdown))}};
}

}  // namespace sinmun::site
