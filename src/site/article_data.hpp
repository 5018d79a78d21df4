#pragma once
// Private to site/: what the article page and the article API read from the store for one
// article: the article, its neighbours' headlines and the way back to its section list.

#include <string>

#include "core/error.hpp"
#include "site/views.hpp"
#include "store/catalog.hpp"

namespace sinmun::site {

struct ArticleData {
  store::Article article;
  ArticleLinks links;
  std::string snippet;  // plain-text excerpt, for <meta name="description">
};

// kNotFound unless `id` is published at `now`.
Result<ArticleData> LoadArticle(const store::Catalog& store, store::ArticleId id, Timestamp now);

}  // namespace sinmun::site
