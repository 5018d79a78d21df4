#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kBoxSize = 7;
constexpr int kRankingSize = 50;

}  // namespace

Result<nlohmann::json> MostViewedBox(const SiteContext& site, Timestamp now) {
  Result<std::vector<store::ArticleSummary>> top =
      site.deps.store->MostViewed(std::nullopt, std::nullopt, kBoxSize, now);
  if (!top) return tl::unexpected(top.error());
  return nlohmann::json{{"items", SummaryListView(*top)}, {"has_items", !top->empty()}};
}

http::Response MostViewedPage(const SiteContext& site, const http::Request& request,
                              const PageRequest& page) {
  const store::Store& store = *site.deps.store;
  const Result<std::vector<store::Section>> sections = store.Sections();
  if (!sections) return ErrorResponse(site, sections.error(), page.view_mode);

  std::optional<store::Section> selected;
  if (const std::optional<std::string> slug = request.Query("section")) {
    Result<store::Section> section = store.SectionBySlug(*slug);
    if (!section) return ErrorResponse(site, section.error(), page.view_mode);
    selected = std::move(*section);
  }

  const Result<std::vector<store::ArticleSummary>> ranking =
      store.MostViewed(selected ? std::optional(selected->id) : std::nullopt, std::nullopt,
                       kRankingSize, site.deps.clock->Now());
  if (!ranking) return ErrorResponse(site, ranking.error(), page.view_mode);

  nlohmann::json tabs = nlohmann::json::array();
  tabs.push_back({{"name", site.deps.renderer->Label("most_viewed_all")},
                  {"url", "/most-viewed"},
                  {"current", !selected}});
  for (const store::Section& section : *sections) {
    tabs.push_back({{"name", section.name},
                    {"url", "/most-viewed?section=" + http::PercentEncode(section.slug)},
                    {"current", selected && selected->id == section.id}});
  }
  nlohmann::json items = SummaryListView(*ranking);
  for (size_t i = 0; i < items.size(); ++i) items[i]["rank"] = i + 1;

  const nlohmann::json view = {{"tabs", std::move(tabs)},
                               {"has_items", !items.empty()},
                               {"items", std::move(items)},
                               {"selected", selected ? SectionView(*selected) : nullptr}};
  PageMeta meta;
  meta.title = site.deps.renderer->Label("most_viewed");
  if (selected) meta.title += " - " + selected->name;
  meta.sections = &*sections;
  meta.description = site.deps.renderer->Label("most_viewed_description");
  return RenderPage(site, page, "site/most_viewed", view, meta);
}

}  // namespace sinmun::site
