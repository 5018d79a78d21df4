#include "site/article_data.hpp"

#include "core/text.hpp"
#include "site/params.hpp"

namespace sinmun::site {
namespace {

Result<std::optional<NeighborLink>> Neighbor(const store::Catalog& store,
                                             std::optional<store::ArticleId> id, Timestamp now) {
  if (!id) return std::nullopt;
  Result<store::Article> article = store.PublishedArticle(*id, now);
  if (!article) {
    // Unpublished between the two reads: show no link rather than fail the page.
    if (article.error().code == ErrorCode::kNotFound) return std::nullopt;
    return tl::unexpected(article.error());
  }
  return NeighborLink{article->id, std::move(article->headline)};
}

}  // namespace

Result<ArticleData> LoadArticle(const store::Catalog& store, store::ArticleId id, Timestamp now) {
  Result<store::Article> article = store.PublishedArticle(id, now);
  if (!article) return tl::unexpected(article.error());
  const Result<store::Neighbors> neighbors = store.NeighborsInSection(id, now);
  if (!neighbors) return tl::unexpected(neighbors.error());
  Result<std::optional<NeighborLink>> previous = Neighbor(store, neighbors->previous, now);
  if (!previous) return tl::unexpected(previous.error());
  Result<std::optional<NeighborLink>> next = Neighbor(store, neighbors->next, now);
  if (!next) return tl::unexpected(next.error());

  ArticleData data;
  data.links.list_url = ArticlePath(id) + "/list";  // BackToListRedirect finds the page
  data.links.previous = std::move(*previous);
  data.links.next = std::move(*next);
  data.snippet = Excerpt(article->body_markdown, kDescriptionChars);
  data.article = std::move(*article);
  return data;
}

}  // namespace sinmun::site
