#include "site/comments.hpp"
#include "site/list_pages.hpp"
#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {

http::Response RenderCollectionPage(const SiteContext& site, const PageRequest& page,
                                    std::string_view template_name, const ListPage& list,
                                    std::string_view base, std::int64_t number, nlohmann::json view,
                                    PageMeta meta) {
  const Timestamp now = site.deps.clock->Now();
  Result<std::shared_ptr<const std::string>> most_viewed = MostViewedBoxHtml(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);

  nlohmann::json items = ListViewWithComments(site, list.items);
  LoadFirstPhotos(items, kPhotosAboveTheFold);
  view["items"] = std::move(items);
  view["has_items"] = !list.items.empty();
  view["total"] = list.total;
  view["pagination"] = PaginationView(base, number, list.total, kPageSize);
  view["most_viewed_box_html"] = **most_viewed;

  if (number > 1) meta.title += " (" + std::to_string(number) + ")";
  meta.canonical_path = PageUrl(base, number);
  std::vector<const store::ArticleSummary*> listed;
  for (const store::ArticleSummary& item : list.items) listed.push_back(&item);
  meta.json_ld = ListPageJsonLd("CollectionPage", meta.title, page.origin + meta.canonical_path,
                                listed, page.origin);
  return RenderPage(site, page, template_name, std::move(view), std::move(meta));
}

}  // namespace sinmun::site
