#include "site/article_data.hpp"
#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response ArticlePage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<ArticleData> data = LoadArticle(*site.deps.store, *id, now);
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);
  Result<nlohmann::json> most_viewed = MostViewedBox(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);

  const nlohmann::json view = {
      {"article", ArticleView(data->article, data->links, site.deps.config)},
      {"most_viewed", std::move(*most_viewed)},
      {"staff_edit_url", page.staff_edit_url}};
  PageMeta meta;
  meta.title = data->article.headline;
  meta.description = data->snippet;
  meta.section_slug = data->article.section.slug;
  meta.canonical_path = ArticlePath(data->article.id);
  const PageOrigin where{page.origin,
                         page.origin + site.deps.static_files->Url("img/logo.svg")};
  meta.structured_data =
      NewsArticleJsonLd(data->article, data->snippet, site.deps.config, where);
  meta.open_graph = ArticleOpenGraph(data->article, data->snippet, site.deps.config,
                                     page.origin + meta.canonical_path);
  return RenderPage(site, page, "site/article", view, meta);
}

}  // namespace sinmun::site
