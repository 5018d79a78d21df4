#include "site/comments.hpp"
#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response ReporterPage(const SiteContext& site, const http::Request& request,
                            const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<std::int64_t> number = ParsePageNumber(request);
  if (!number) return ErrorResponse(site, number.error(), page.view_mode);
  const Result<store::Reporter> reporter = store.ReporterById(*id);
  if (!reporter) return ErrorResponse(site, reporter.error(), page.view_mode);

  store::ArticleFilter filter;
  filter.reporter_id = reporter->id;
  const Result<ListPage> list = ReadListPage(site, filter, *number, site.deps.clock->Now());
  if (!list) return ErrorResponse(site, list.error(), page.view_mode);
  if (!list->exists) return ErrorResponse(site, 404, page.view_mode);

  const std::string base = ReporterPath(reporter->id);
  nlohmann::json view = {
      {"reporter",
       {{"name", reporter->name},
        {"email", reporter->email},
        {"bio", reporter->bio},
        {"photo_url", reporter->photo.empty() ? "" : "/uploads/" + reporter->photo}}},
      {"items", ListViewWithComments(site, list->items)},
      {"has_items", !list->items.empty()},
      {"total", list->total},
      {"pagination", PaginationView(base, *number, list->total, kPageSize)}};
  PageMeta meta;
  meta.title = reporter->name;
  meta.description = reporter->bio.empty() ? reporter->name : reporter->bio;
  return RenderPage(site, page, "site/reporter", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
