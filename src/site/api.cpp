#include "site/api_series.hpp"
#include "site/article_data.hpp"
#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response ApiArticleList(const SiteContext& site, const http::Request& request,
                              const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const Result<std::int64_t> number = ParsePageNumber(request);
  if (!number) return JsonError(site, number.error());
  store::ArticleFilter filter;
  if (const std::optional<std::string> slug = request.Query("section"); slug && !slug->empty()) {
    const Result<store::Section> section = store.SectionBySlug(*slug);
    if (!section) return JsonError(site, section.error());
    filter.section_id = section->id;
  }
  // A page past the end has no items, as before.
  const Result<ListPage> list = ReadListPage(site, filter, *number, site.deps.clock->Now());
  if (!list) return JsonError(site, list.error());

  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  ApiSeriesReader series(site.deps.store.series, site.deps.config);
  for (const store::ArticleSummary& summary : list->items) {
    items.push_back(ApiSummaryView(summary, site.deps.config, series.Of(summary)));
  }
  const nlohmann::ordered_json body = {{"items", std::move(items)},
                                       {"page", *number},
                                       {"page_size", kPageSize},
                                       {"total", list->total}};
  return JsonResponse(body);
}

http::Response ApiArticle(const SiteContext& site, const http::Request& request,
                          const PageRequest& page) {
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return JsonError(site, id.error());
  const Result<ArticleData> data =
      LoadArticle(*site.deps.store.catalog, *id, site.deps.clock->Now());
  if (!data) return JsonError(site, data.error());
  // As on the article page, a series that cannot be read is left out.
  std::optional<store::ArticleSeries> series;
  if (site.deps.store.series != nullptr) {
    if (Result<std::optional<store::ArticleSeries>> found =
            site.deps.store.series->ArticleSeriesAt(*id, site.deps.clock->Now())) {
      series = std::move(*found);
    }
  }
  return JsonResponse(ApiArticleView(data->article, data->links, site.deps.config,
                                     ApiArticleSeriesView(series, site.deps.config)));
}

}  // namespace sinmun::site
