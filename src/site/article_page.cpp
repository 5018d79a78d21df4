#include "site/article_data.hpp"
#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kRelatedCount = 5;

// The related-articles box (issue #5): articles like this one, from the search index. Empty
// when search is off or cannot answer: the article is served all the same. The box is cached
// with the page, which the page cache drops when the change sequence moves.
nlohmann::json RelatedView(const SiteContext& site, store::ArticleId id, Timestamp now) {
  nlohmann::json items = nlohmann::json::array();
  if (site.deps.searcher == nullptr) return items;
  const Result<std::vector<store::ArticleId>> ids =
      site.deps.searcher->Related(id, kRelatedCount, now);
  if (!ids) return items;
  for (const store::ArticleId related : *ids) {
    // The index may lag the store by a poll: only what is published now is shown.
    const Result<store::Article> article = site.deps.store->PublishedArticle(related, now);
    if (article) {
      items.push_back({{"url", ArticlePath(article->id)}, {"headline", article->headline}});
    }
  }
  return items;
}

}  // namespace

http::Response ArticlePage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<ArticleData> data = LoadArticle(*site.deps.store, *id, now);
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);
  Result<nlohmann::json> most_viewed = MostViewedBox(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);

  const nlohmann::json related = RelatedView(site, data->article.id, now);
  const nlohmann::json view = {
      {"article", ArticleView(data->article, data->links, site.deps.config)},
      {"most_viewed", std::move(*most_viewed)},
      {"related", related},
      {"has_related", !related.empty()}};
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
