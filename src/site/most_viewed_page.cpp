#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kBoxSize = 7;
constexpr int kRankingSize = 50;
constexpr int kWeeklySize = 10;
constexpr Timestamp kWeek = 7 * 86400;

// The page's ?window=: a counters window, or nullopt for all-time views ("all").
struct WindowChoice {
  std::string name;  // "24h", "7d", "30d", "all"
  std::optional<counters::Window> window;
};

// The last 24 hours unless the site counts nothing (no counters): then all-time totals.
std::string_view DefaultWindow(const SiteContext& site) {
  return site.deps.counters != nullptr ? "24h" : "all";
}

Result<WindowChoice> ParseWindowParam(const SiteContext& site, const http::Request& request) {
  const std::string name = request.Query("window").value_or(std::string(DefaultWindow(site)));
  if (name == "all") return WindowChoice{name, std::nullopt};
  if (std::optional<counters::Window> window = counters::ParseWindow(name)) {
    return WindowChoice{name, window};
  }
  return Fail(ErrorCode::kInvalidInput, "window must be 24h, 7d, 30d or all");
}

// {"name", "url", "current"} tabs, the list's "rank" numbers and the weekly lists.
nlohmann::json RankedListView(const render::Renderer& labels,
                              const std::vector<store::RankedSummary>& ranked) {
  nlohmann::json items = nlohmann::json::array();
  for (const store::RankedSummary& entry : ranked) {
    nlohmann::json item = SummaryView(labels, entry.article);
    item["count"] = entry.count;
    items.push_back(std::move(item));
  }
  return items;
}

// The default window stays out of the address, so the plain /most-viewed is one page.
std::string MostViewedUrl(const SiteContext& site, std::string_view window,
                          const store::Section* section) {
  std::string url = "/most-viewed";
  char separator = '?';
  if (window != DefaultWindow(site)) {
    url += "?window=" + std::string(window);
    separator = '&';
  }
  if (section != nullptr)
    url += separator + std::string("section=") + http::PercentEncode(section->slug);
  return url;
}

}  // namespace

Result<std::vector<store::ArticleSummary>> RankedArticles(const SiteContext& site,
                                                          std::optional<counters::Window> window,
                                                          std::optional<store::SectionId> section,
                                                          int limit, Timestamp now) {
  if (!window || site.deps.counters == nullptr) {
    if (window) return std::vector<store::ArticleSummary>{};
    return site.deps.store.rankings->MostViewed(section, std::nullopt, limit, now);
  }
  // A few spare ids: an article taken down since its views were counted is left out.
  const std::vector<counters::RankedView> top =
      site.deps.counters->Top(*window, section, limit + 5);
  std::vector<store::ArticleId> ids;
  for (const counters::RankedView& entry : top) ids.push_back(entry.id);
  Result<std::vector<store::ArticleSummary>> summaries =
      site.deps.store.rankings->SummariesByIds(ids, now);
  if (!summaries) return summaries;
  if (summaries->size() > static_cast<size_t>(limit)) summaries->resize(static_cast<size_t>(limit));
  // The window's views, not the all-time total.
  for (store::ArticleSummary& summary : *summaries) {
    for (const counters::RankedView& entry : top) {
      if (entry.id == summary.id) summary.views = entry.views;
    }
  }
  return summaries;
}

Result<std::shared_ptr<const std::string>> MostViewedBoxHtml(const SiteContext& site,
                                                             Timestamp now) {
  // The same on every page that shows it: ranked, read and rendered once per change or
  // page_cache_seconds (pages showing it were cached that long anyway), not on every render.
  // Kept as HTML, which the pages include as it is: converting and walking the box's view was
  // a part of every article miss's render (issue #14).
  return site.shared->most_viewed_box.Get(site.cache->Generation(), [&]() -> Result<std::string> {
    Result<std::vector<store::ArticleSummary>> top =
        RankedArticles(site, counters::Window::k24Hours, std::nullopt, kBoxSize, now);
    // A new paper (or a quiet day): the all-time ranking rather than an empty box.
    if (top && top->empty()) {
      top = RankedArticles(site, std::nullopt, std::nullopt, kBoxSize, now);
    }
    if (!top) return tl::unexpected(top.error());
    const nlohmann::json box = {{"items", SummaryListView(*site.deps.renderer, *top)},
                                {"has_items", !top->empty()}};
    return site.deps.renderer->Render("partials/most_viewed_box", {{"most_viewed", box}});
  });
}

http::Response MostViewedPage(const SiteContext& site, const http::Request& request,
                              const PageRequest& page) {
  const store::Catalog& store = *site.deps.store.catalog;
  const render::Renderer& labels = *site.deps.renderer;
  const Timestamp now = site.deps.clock->Now();
  const Result<WindowChoice> window = ParseWindowParam(site, request);
  if (!window) return ErrorResponse(site, window.error(), page.view_mode);
  const Result<std::vector<store::Section>> sections = store.Sections();
  if (!sections) return ErrorResponse(site, sections.error(), page.view_mode);

  std::optional<store::Section> selected;
  if (const std::optional<std::string> slug = request.Query("section")) {
    Result<store::Section> section = store.SectionBySlug(*slug);
    if (!section) return ErrorResponse(site, section.error(), page.view_mode);
    selected = std::move(*section);
  }
  const store::Section* selected_ptr = selected ? &*selected : nullptr;

  const Result<std::vector<store::ArticleSummary>> ranking =
      RankedArticles(site, window->window, selected ? std::optional(selected->id) : std::nullopt,
                     kRankingSize, now);
  if (!ranking) return ErrorResponse(site, ranking.error(), page.view_mode);
  const Result<std::vector<store::RankedSummary>> recommended =
      site.deps.store.rankings->MostRecommended(now - kWeek, kWeeklySize, now);
  if (!recommended) return ErrorResponse(site, recommended.error(), page.view_mode);
  const Result<std::vector<store::RankedSummary>> emailed =
      site.deps.store.rankings->MostEmailed(now - kWeek, kWeeklySize, now);
  if (!emailed) return ErrorResponse(site, emailed.error(), page.view_mode);
  const Result<std::vector<store::RankedSummary>> commented =
      site.deps.store.rankings->MostCommented(now - kWeek, kWeeklySize, now);
  if (!commented) return ErrorResponse(site, commented.error(), page.view_mode);

  nlohmann::json windows = nlohmann::json::array();
  for (const char* name : {"24h", "7d", "30d", "all"}) {
    windows.push_back({{"name", labels.Label(std::string("readers_window_") + name)},
                       {"url", MostViewedUrl(site, name, selected_ptr)},
                       {"current", window->name == name}});
  }
  nlohmann::json tabs = nlohmann::json::array();
  tabs.push_back({{"name", labels.Label("most_viewed_all")},
                  {"url", MostViewedUrl(site, window->name, nullptr)},
                  {"current", !selected}});
  for (const store::Section& section : *sections) {
    tabs.push_back({{"name", section.name},
                    {"url", MostViewedUrl(site, window->name, &section)},
                    {"current", selected && selected->id == section.id}});
  }
  nlohmann::json items = SummaryListView(*site.deps.renderer, *ranking);
  for (size_t i = 0; i < items.size(); ++i) items[i]["rank"] = i + 1;

  nlohmann::json view = {{"windows", std::move(windows)},
                         {"window_name", labels.Label("readers_window_" + window->name)},
                         {"tabs", std::move(tabs)},
                         {"has_items", !items.empty()},
                         {"items", std::move(items)},
                         {"selected", selected ? SectionView(*selected) : nullptr},
                         {"recommended", RankedListView(*site.deps.renderer, *recommended)},
                         {"has_recommended", !recommended->empty()},
                         {"emailed", RankedListView(*site.deps.renderer, *emailed)},
                         {"has_emailed", !emailed->empty()},
                         {"commented", RankedListView(*site.deps.renderer, *commented)},
                         {"has_commented", !commented->empty()}};
  PageMeta meta;
  meta.title = labels.Label("most_viewed");
  if (selected) meta.title += " - " + selected->name;
  meta.sections = &*sections;
  meta.description = labels.Label("most_viewed_description");
  return RenderPage(site, page, "site/most_viewed", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
