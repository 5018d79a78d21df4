#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response SectionPage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const Timestamp now = site.deps.clock->Now();

  const Result<std::int64_t> number = ParsePageNumber(request);
  if (!number) return ErrorResponse(site, number.error(), page.view_mode);
  const Result<store::Section> section = store.SectionBySlug(request.PathParam("slug"));
  if (!section) return ErrorResponse(site, section.error(), page.view_mode);

  store::ArticleFilter filter;
  filter.section_id = section->id;
  const Result<ListPage> list = ReadListPage(site, filter, *number, now);
  if (!list) return ErrorResponse(site, list.error(), page.view_mode);
  // Page 1 of an empty section is a page ("no articles yet"); any page past the end is not.
  if (!list->exists) return ErrorResponse(site, 404, page.view_mode);

  PageMeta meta;
  meta.title = section->name;
  meta.section_slug = section->slug;
  meta.description = LabelWith(*site.deps.renderer, "section_description", section->name);
  return RenderCollectionPage(site, page, "site/section", *list, SectionPath(section->slug),
                              *number, {{"section", SectionView(*section, true)}}, meta);
}

}  // namespace sinmun::site
