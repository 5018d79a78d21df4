#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kPerSection = 5;

// The newest articles of `filter`'s list: a seek from now, without the count of the whole list
// that a numbered page needs (a count per section made the front page's render 18 ms on a
// 100,000-article paper, most of it counting; issue #14).
Result<std::vector<store::ArticleSummary>> Newest(const store::Catalog& store,
                                                  const store::ArticleFilter& filter, int size,
                                                  Timestamp now) {
  return store.LatestArticlesFrom(filter, store::ArticleKey::Newest(now), size, now);
}

}  // namespace

http::Response FrontPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const Timestamp now = site.deps.clock->Now();

  const Result<std::vector<store::Section>> sections = store.Sections();
  if (!sections) return ErrorResponse(site, sections.error(), page.view_mode);

  nlohmann::json view = {{"top", nullptr}, {"sections", nlohmann::json::array()}};
  const Result<std::vector<store::ArticleSummary>> newest = Newest(store, {}, 1, now);
  if (!newest) return ErrorResponse(site, newest.error(), page.view_mode);
  if (!newest->empty()) {
    const Result<store::Article> top = store.PublishedArticle(newest->front().id, now);
    if (!top) return ErrorResponse(site, top.error(), page.view_mode);
    nlohmann::json top_view = SummaryView(*site.deps.renderer, newest->front());
    // The top story's photo is large and the first thing a reader sees: asked for first.
    if (const std::optional<store::LeadPhoto>& photo = newest->front().photo) {
      top_view["photo"] = render::PictureView(PhotoData(*photo), render::kColumnSizes,
                                              render::PhotoLoading::kPriority);
    }
    top_view["subheadlines"] = top->subheadlines;
    top_view["has_subheadlines"] = !top->subheadlines.empty();
    view["top"] = std::move(top_view);
  }

  std::vector<std::vector<store::ArticleSummary>> section_lists;
  section_lists.reserve(sections->size());
  for (const store::Section& section : *sections) {
    store::ArticleFilter filter;
    filter.section_id = section.id;
    Result<std::vector<store::ArticleSummary>> latest = Newest(store, filter, kPerSection, now);
    if (!latest) return ErrorResponse(site, latest.error(), page.view_mode);
    nlohmann::json box = SectionView(section);
    box["items"] = SummaryListView(*site.deps.renderer, *latest);
    // The box leads with its newest article's photo; the rest are headlines only.
    box["lead_photo"] =
        latest->empty() ? nlohmann::json(nullptr) : ThumbnailView(latest->front().photo);
    box["has_items"] = !latest->empty();
    section_lists.push_back(std::move(*latest));
    view["sections"].push_back(std::move(box));
  }

  // The top story, then each section's latest, as the page shows them.
  std::vector<const store::ArticleSummary*> listed;
  if (!newest->empty()) listed.push_back(&newest->front());
  for (const std::vector<store::ArticleSummary>& latest : section_lists) {
    for (const store::ArticleSummary& item : latest) listed.push_back(&item);
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
  meta.json_ld = ListPageJsonLd("WebPage", site.deps.config.paper.name, page.origin + "/", listed,
                                page.origin);
  return RenderPage(site, page, "site/front", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
