#include "site/comments.hpp"
#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/structured_data.hpp"
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

  Result<nlohmann::json> most_viewed = MostViewedBox(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);

  const std::string base = SectionPath(section->slug);
  nlohmann::json items = ListViewWithComments(site, list->items);
  LoadFirstPhotos(items, kPhotosAboveTheFold);
  const nlohmann::json view = {
      {"section", SectionView(*section, true)},
      {"items", std::move(items)},
      {"has_items", !list->items.empty()},
      {"total", list->total},
      {"pagination", PaginationView(base, *number, list->total, kPageSize)},
      {"most_viewed", std::move(*most_viewed)}};

  PageMeta meta;
  meta.title = section->name;
  if (*number > 1) meta.title += " (" + std::to_string(*number) + ")";
  meta.section_slug = section->slug;
  meta.description = LabelWith(*site.deps.renderer, "section_description", section->name);
  meta.canonical_path = PageUrl(base, *number);
  std::vector<const store::ArticleSummary*> listed;
  for (const store::ArticleSummary& item : list->items) listed.push_back(&item);
  meta.structured_data = ListPageJsonLd("CollectionPage", meta.title,
                                        page.origin + meta.canonical_path, listed, page.origin);
  return RenderPage(site, page, "site/section", view, meta);
}

}  // namespace sinmun::site
