#include "core/text.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response PrintPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<store::Article> article =
      site.deps.store.catalog->PublishedArticle(*id, site.deps.clock->Now());
  if (!article) return ErrorResponse(site, article.error(), page.view_mode);

  // A printed article carries its published corrections too (issue #18).
  const nlohmann::json corrections = ArticleCorrectionsView(site, article->id);
  nlohmann::json view = {{"article", ArticleView(*article, ArticleLinks{}, site.deps.config)},
                         {"published_corrections", corrections},
                         {"has_published_corrections", !corrections.empty()}};
  PageMeta meta;
  meta.title = article->headline;
  meta.description = Excerpt(article->body_markdown, kDescriptionChars);
  return RenderPage(site, page, "site/print", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
