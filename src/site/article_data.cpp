#include "site/article_data.hpp"

#include "core/text.hpp"
#include "site/params.hpp"

namespace sinmun::site {
Result<ArticleData> LoadArticle(const store::Catalog& store, store::ArticleId id, Timestamp now) {
  Result<store::Article> article = store.PublishedArticle(id, now);
  if (!article) return tl::unexpected(article.error());
  // Ids and headlines in one read: the links need no whole article.
  Result<store::Neighbors> neighbors = store.NeighborsInSection(id, now);
  if (!neighbors) return tl::unexpected(neighbors.error());

  ArticleData data;
  data.links.list_url = ArticlePath(id) + "/list";  // BackToListRedirect finds the page
  if (neighbors->previous) {
    data.links.previous =
        NeighborLink{*neighbors->previous, std::move(neighbors->previous_headline)};
  }
  if (neighbors->next) {
    data.links.next = NeighborLink{*neighbors->next, std::move(neighbors->next_headline)};
  }
  data.snippet = Excerpt(article->body_markdown, kDescriptionChars);
  data.article = std::move(*article);
  return data;
}

}  // namespace sinmun::site
