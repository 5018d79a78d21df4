#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kPerSection = 5;

}  // namespace

http::Response FrontPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const Timestamp now = site.deps.clock->Now();

  const Result<std::vector<store::Section>> sections = store.Sections();
  if (!sections) return ErrorResponse(site, sections.error(), page.view_mode);

  nlohmann::json view = {{"top", nullptr}, {"sections", nlohmann::json::array()}};
  const Result<store::ArticleList> newest = store.LatestArticles({}, store::Page{1, 1}, now);
  if (!newest) return ErrorResponse(site, newest.error(), page.view_mode);
  if (!newest->items.empty()) {
    const Result<store::Article> top = store.PublishedArticle(newest->items.front().id, now);
    if (!top) return ErrorResponse(site, top.error(), page.view_mode);
    nlohmann::json top_view = SummaryView(*site.deps.renderer, newest->items.front());
    // The top story's photo is large and the first thing a reader sees: asked for first.
    if (const std::optional<store::LeadPhoto>& photo = newest->items.front().photo) {
      top_view["photo"] = render::PictureView(PhotoData(*photo), render::kColumnSizes,
                                              render::PhotoLoading::kPriority);
    }
    top_view["subheadlines"] = top->subheadlines;
    top_view["has_subheadlines"] = !top->subheadlines.empty();
    view["top"] = std::move(top_view);
  }

  std::vector<store::ArticleList> section_lists;
  section_lists.reserve(sections->size());
  for (const store::Section& section : *sections) {
    store::ArticleFilter filter;
    filter.section_id = section.id;
    const Result<store::ArticleList> latest =
        store.LatestArticles(filter, store::Page{1, kPerSection}, now);
    if (!latest) return ErrorResponse(site, latest.error(), page.view_mode);
    section_lists.push_back(*latest);
    nlohmann::json box = SectionView(section);
    box["items"] = SummaryListView(*site.deps.renderer, latest->items);
    // The box leads with its newest article's photo; the rest are headlines only.
    box["lead_photo"] = latest->items.empty() ? nlohmann::json(nullptr)
                                              : ThumbnailView(latest->items.front().photo);
    box["has_items"] = !latest->items.empty();
    view["sections"].push_back(std::move(box));
  }

  // The top story, then each section's latest, as the page shows them.
  std::vector<const store::ArticleSummary*> listed;
  if (!newest->items.empty()) listed.push_back(&newest->items.front());
  for (const store::ArticleList& latest : section_lists) {
    for (const store::ArticleSummary& item : latest.items) listed.push_back(&item);
  }

  Result<std::shared_ptr<const std::string>> most_viewed = MostViewedBoxHtml(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);
  view["most_viewed_box_html"] = **most_viewed;

  PageMeta meta;
  meta.home = true;
  meta.sections = &*sections;
  meta.description =
      LabelWith(*site.deps.renderer, "front_description", site.deps.config.paper.name);
  meta.canonical_path = "/";
  meta.structured_data = ListPageJsonLd("WebPage", site.deps.config.paper.name, page.origin + "/",
                                        listed, page.origin);
  return RenderPage(site, page, "site/front", std::move(view), meta);
}

}  // namespace sinmun::site
