#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

// 포토뉴스, like 영상뉴스, is a list across sections: a gallery keeps its own section and is
// listed here because the editor marked it one.
http::Response PhotoNewsPage(const SiteContext& site, const http::Request& request,
                             const PageRequest& page) {
  const Result<std::int64_t> number = ParsePageNumber(request);
  if (!number) return ErrorResponse(site, number.error(), page.view_mode);

  store::ArticleFilter filter;
  filter.gallery_only = true;
  const Result<ListPage> list = ReadListPage(site, filter, *number, site.deps.clock->Now());
  if (!list) return ErrorResponse(site, list.error(), page.view_mode);
  if (!list->exists) return ErrorResponse(site, 404, page.view_mode);

  const render::Renderer& renderer = *site.deps.renderer;
  PageMeta meta;
  meta.title = renderer.Label("photos_page_title");
  meta.photos = true;
  meta.description = renderer.Label("photos_page_description");
  return RenderCollectionPage(site, page, "site/photos", *list, "/photos", *number,
                              {{"title", meta.title}}, meta);
}

}  // namespace sinmun::site
