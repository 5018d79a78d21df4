#include <string>
#include <string_view>

#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

// 영상뉴스 and 포토뉴스 are lists across sections, not sections: an article keeps its own
// section and is listed here because it carries a video or the editor marked it a gallery, so
// no editor has to file it twice. `name` is the list's path, template and labels ("video":
// /video, site/video, video_page_title); `mark` the layout's flag for it in the nav.
http::Response CrossSectionPage(const SiteContext& site, const http::Request& request,
                                const PageRequest& page, const store::ArticleFilter& filter,
                                std::string_view name, bool PageMeta::*mark) {
  const Result<std::int64_t> number = ParsePageNumber(request);
  if (!number) return ErrorResponse(site, number.error(), page.view_mode);

  const Result<ListPage> list = ReadListPage(site, filter, *number, site.deps.clock->Now());
  if (!list) return ErrorResponse(site, list.error(), page.view_mode);
  if (!list->exists) return ErrorResponse(site, 404, page.view_mode);

  const render::Renderer& renderer = *site.deps.renderer;
  const std::string labels(name);
  PageMeta meta;
  meta.title = renderer.Label(labels + "_page_title");
  meta.*mark = true;
  meta.description = renderer.Label(labels + "_page_description");
  return RenderCollectionPage(site, page, "site/" + labels, *list, "/" + labels, *number,
                              {{"title", meta.title}}, meta);
}

}  // namespace

http::Response VideoPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  store::ArticleFilter filter;
  filter.video_only = true;
  return CrossSectionPage(site, request, page, filter, "video", &PageMeta::video);
}

http::Response PhotoNewsPage(const SiteContext& site, const http::Request& request,
                             const PageRequest& page) {
  store::ArticleFilter filter;
  filter.gallery_only = true;
  return CrossSectionPage(site, request, page, filter, "photos", &PageMeta::photos);
}

}  // namespace sinmun::site
