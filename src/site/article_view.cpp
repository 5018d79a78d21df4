#include "render/markdown.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

nlohmann::json NeighborView(const std::optional<NeighborLink>& link) {
  if (!link) return nullptr;
  return {{"url", ArticlePath(link->id)}, {"headline", link->headline}};
}

}  // namespace

nlohmann::json ArticleView(const store::Article& article, const ArticleLinks& links,
                           const Config& config) {
  const std::string path = ArticlePath(article.id);
  nlohmann::json bylines = nlohmann::json::array();
  for (const store::Byline& byline : article.bylines) {
    bylines.push_back({{"id", byline.id},
                       {"name", byline.name},
                       {"email", byline.email},
                       {"url", ReporterPath(byline.id)}});
  }
  return {{"id", article.id},
          {"url", path},
          {"absolute_url", AbsoluteUrl(config, path)},
          {"section", SectionView(article.section)},
          {"headline", article.headline},
          {"subheadlines", article.subheadlines},
          {"has_subheadlines", !article.subheadlines.empty()},
          {"bylines", std::move(bylines)},
          {"registered", TimeView(article.registered_at)},
          {"modified", article.modified_at ? TimeView(*article.modified_at) : nullptr},
          {"body_html", render::MarkdownToHtml(article.body_markdown)},
          {"recommends", article.recommends},
          {"recommend_url", path + "/recommend"},
          {"email_url", path + "/email"},
          {"print_url", path + "/print"},
          {"list_url", links.list_url},
          {"previous", NeighborView(links.previous)},
          {"next", NeighborView(links.next)},
          {"has_neighbors", links.previous.has_value() || links.next.has_value()}};
}

}  // namespace sinmun::site
