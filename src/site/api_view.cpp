#include "render/markdown.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

nlohmann::json ApiSectionView(const store::Section& section) {
  return {{"slug", section.slug}, {"name", section.name}};
}

nlohmann::json OptionalId(const std::optional<NeighborLink>& link) {
  return link ? nlohmann::json(link->id) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ApiSummaryView(const store::ArticleSummary& summary, const Config& config) {
  return {{"id", summary.id},
          {"section", ApiSectionView(summary.section)},
          {"headline", summary.headline},
          {"snippet", summary.snippet},
          {"reporter", summary.reporter_name},
          {"registered_at", FormatIso8601Kst(summary.registered_at)},
          {"url", AbsoluteUrl(config, ArticlePath(summary.id))}};
}

nlohmann::json ApiArticleView(const store::Article& article, const ArticleLinks& links,
                              const Config& config) {
  nlohmann::json reporters = nlohmann::json::array();
  for (const store::Byline& byline : article.bylines) {
    reporters.push_back({{"id", byline.id}, {"name", byline.name}, {"email", byline.email}});
  }
  return {{"id", article.id},
          {"section", ApiSectionView(article.section)},
          {"headline", article.headline},
          {"subheadlines", article.subheadlines},
          {"reporter", article.bylines.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json(article.bylines.front().name)},
          {"reporters", std::move(reporters)},
          {"registered_at", FormatIso8601Kst(article.registered_at)},
          {"modified_at", article.modified_at ? nlohmann::json(FormatIso8601Kst(*article.modified_at))
                                              : nlohmann::json(nullptr)},
          {"url", AbsoluteUrl(config, ArticlePath(article.id))},
          {"prev_id", OptionalId(links.previous)},
          {"next_id", OptionalId(links.next)},
          {"body_html", render::MarkdownToHtml(article.body_markdown)}};
}

}  // namespace sinmun::site
