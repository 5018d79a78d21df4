#include "site/article_data.hpp"

#include "core/text.hpp"
#include "site/params.hpp"

namespace sinmun::site {

Result<ArticleData> LoadArticle(const store::Store& store, store::ArticleId id, Timestamp now) {
  Result<store::Article> article = store.PublishedArticle(id, now);
  if (!article) return tl::unexpected(article.error());
  const Result<store::Neighbors> neighbors = store.NeighborsInSection(id, now);
  if (!neighbors) return tl::unexpected(neighbors.error());

  ArticleData data;
  data.links.list_url = ArticlePath(id) + "/list";  // BackToListRedirect finds the page
  // The links show headlines only: one read of both neighbours' summaries rather than each
  // whole article. One unpublished between the two reads is left out: no link, no failure.
  std::vector<store::ArticleId> ids;
  if (neighbors->previous) ids.push_back(*neighbors->previous);
  if (neighbors->next) ids.push_back(*neighbors->next);
  if (!ids.empty()) {
    Result<std::vector<store::ArticleSummary>> found = store.SummariesByIds(ids, now);
    if (!found) return tl::unexpected(found.error());
    for (store::ArticleSummary& summary : *found) {
      NeighborLink link{summary.id, std::move(summary.headline)};
      if (summary.id == neighbors->previous) {
        data.links.previous = std::move(link);
      } else if (summary.id == neighbors->next) {
        data.links.next = std::move(link);
      }
    }
  }
  data.snippet = Excerpt(article->body_markdown, kDescriptionChars);
  data.article = std::move(*article);
  return data;
}

}  // namespace sinmun::site
