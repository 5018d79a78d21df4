// GET /search and GET /api/v1/search: the reader's search over search::Searcher.
//
// The page goes through the page cache, keyed also by the index's state (site.cpp): readers
// ask the queries of the day over and over, and a search (Xapian with its checks against the
// stored text, ten article reads, the render) costs about twice an article page's miss
// (issue #14, docs/BENCHMARKS.md). A query asked once is a page asked once: the cache evicts
// by use, so a flood of new queries cycles through its unused entries and leaves the pages
// readers keep asking for. The JSON API stays uncached.

#include <algorithm>

#include "core/text.hpp"
#include "render/view_object.hpp"
#include "search/searcher.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kResultsPerPage = 10;
constexpr size_t kSnippetChars = 160;

// What the reader asked for; malformed filters are ignored rather than refused, so a search
// always answers (the form shows what was applied).
struct SearchParams {
  std::string query;
  std::string section_slug;
  std::optional<store::SectionId> section_id;
  std::optional<store::ReporterId> reporter_id;
  std::string from;
  std::string to;
  bool newest = false;
  std::int64_t page = 1;
};

Result<SearchParams> ReadParams(const SiteContext& site, const http::Request& request) {
  SearchParams params;
  const Result<std::int64_t> page = ParsePageNumber(request);
  if (!page) return tl::unexpected(page.error());
  params.page = *page;
  params.query = TruncateUtf8(request.Query("q").value_or(""), search::kMaxQueryChars);
  if (params.query.ends_with("…")) params.query.resize(params.query.size() - 3);
  if (std::optional<std::string> slug = request.Query("section"); slug && !slug->empty()) {
    if (Result<store::Section> section = site.deps.store.catalog->SectionBySlug(*slug)) {
      params.section_slug = section->slug;
      params.section_id = section->id;
    }
  }
  if (std::optional<std::string> reporter = request.Query("reporter")) {
    if (Result<std::int64_t> id = ParseId(*reporter)) params.reporter_id = *id;
  }
  if (std::optional<std::string> from = request.Query("from"); from && ParseKst(*from)) {
    params.from = *from;
  }
  if (std::optional<std::string> to = request.Query("to"); to && ParseKst(*to)) params.to = *to;
  params.newest = request.Query("sort").value_or("") == "newest";
  return params;
}

search::SearchRequest ToRequest(const SearchParams& params, Timestamp now) {
  search::SearchRequest request;
  request.query = params.query;
  request.section = params.section_id;
  request.reporter = params.reporter_id;
  if (!params.from.empty()) request.from = ParseKst(params.from);
  // "to" names a day: the whole of it.
  if (!params.to.empty()) request.to = *ParseKst(params.to) + (params.to.size() <= 10 ? 86399 : 0);
  request.sort = params.newest ? search::SortOrder::kNewest : search::SortOrder::kRelevance;
  request.offset =
      static_cast<int>(std::min<std::int64_t>((params.page - 1) * kResultsPerPage, 1'000'000));
  request.limit = kResultsPerPage;
  request.now = now;
  return request;
}

// /search?q=…&… with the given overrides, for pagination and sort links.
std::string SearchUrl(const SearchParams& params, std::string_view sort) {
  std::string url = "/search?q=" + http::PercentEncode(params.query);
  if (!params.section_slug.empty()) url += "&section=" + http::PercentEncode(params.section_slug);
  if (params.reporter_id) url += "&reporter=" + std::to_string(*params.reporter_id);
  if (!params.from.empty()) url += "&from=" + http::PercentEncode(params.from);
  if (!params.to.empty()) url += "&to=" + http::PercentEncode(params.to);
  if (!sort.empty()) url += "&sort=" + std::string(sort);
  return url;
}

nlohmann::json PartsView(const std::vector<search::TextPart>& parts) {
  nlohmann::json view = nlohmann::json::array();
  for (const search::TextPart& part : parts) {
    view.push_back(render::ViewObject({{"text", part.text}, {"mark", part.marked}}));
  }
  return view;
}

std::string PlainText(const std::vector<search::TextPart>& parts) {
  std::string text;
  for (const search::TextPart& part : parts) text += part.text;
  return text;
}

struct Found {
  search::SearchResult result;
  std::vector<store::Article> articles;  // in result order; ones gone since indexing skipped
};

// The result's headline with the query's words marked, named as lists name it (ListedHeadline:
// "[연재] 제목 ⑤" for an episode). The series is a part of the page: a failed read leaves it out.
nlohmann::json SearchHeadlineView(const SiteContext& site, const store::Article& article,
                                  const std::vector<std::string>& highlight) {
  nlohmann::json parts = PartsView(search::Highlight(article.headline, highlight));
  int episode = 0;
  if (site.deps.store.series != nullptr) {
    const Result<std::optional<store::SeriesPlace>> place =
        site.deps.store.series->SeriesPlaceOf(article.id);
    if (place && *place) episode = (*place)->episode;
  }
  if (episode == 0) return parts;
  const ListedMarks marks = ListedHeadlineMarks(*site.deps.renderer, episode);
  parts.insert(parts.begin(), nlohmann::json{{"text", marks.before}, {"mark", false}});
  parts.push_back(nlohmann::json{{"text", marks.after}, {"mark", false}});
  return parts;
}

Result<Found> RunSearch(const SiteContext& site, const SearchParams& params, Timestamp now) {
  Result<search::SearchResult> result = site.deps.searcher->Search(ToRequest(params, now));
  if (!result) return tl::unexpected(result.error());
  Found found{std::move(*result), {}};
  for (const store::ArticleId id : found.result.ids) {
    Result<store::Article> article = site.deps.store.catalog->PublishedArticle(id, now);
    if (article) {
      found.articles.push_back(std::move(*article));
    } else if (article.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(article.error());
    }
  }
  return found;
}

}  // namespace

http::Response SearchPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page) {
  const Result<SearchParams> params = ReadParams(site, request);
  if (!params) return ErrorResponse(site, params.error(), page.view_mode);
  const Timestamp now = site.deps.clock->Now();
  const render::Renderer& renderer = *site.deps.renderer;

  nlohmann::json sections = nlohmann::json::array();
  if (Result<std::vector<store::Section>> all = site.deps.store.catalog->Sections()) {
    for (const store::Section& section : *all) {
      sections.push_back({{"slug", section.slug},
                          {"name", section.name},
                          {"selected", section.slug == params->section_slug}});
    }
  }
  nlohmann::json view = {{"query", params->query},
                         {"sections", std::move(sections)},
                         {"from", params->from},
                         {"to", params->to},
                         {"newest", params->newest},
                         {"reporter", params->reporter_id ? nlohmann::json(*params->reporter_id)
                                                          : nlohmann::json(nullptr)},
                         {"enabled", site.deps.searcher != nullptr},
                         {"searched", false},
                         {"indexing", false},
                         {"items", nlohmann::json::array()},
                         {"has_items", false},
                         {"total", 0},
                         {"total_text", ""},
                         {"relevance_url", SearchUrl(*params, "")},
                         {"newest_url", SearchUrl(*params, "newest")},
                         {"pagination", PaginationView("", 1, 0, kResultsPerPage)}};
  PageMeta meta;
  meta.title = params->query.empty() ? renderer.Label("search_title")
                                     : LabelWith(renderer, "search_title_query", params->query);
  meta.description = renderer.Label("search_title");

  if (site.deps.searcher != nullptr && !params->query.empty()) {
    const Result<Found> found = RunSearch(site, *params, now);
    if (!found) return ErrorResponse(site, found.error(), page.view_mode);
    const search::SearchResult& result = found->result;
    nlohmann::json items = nlohmann::json::array();
    for (const store::Article& article : found->articles) {
      items.push_back(render::ViewObject(
          {{"url", ArticlePath(article.id)},
           {"headline", SearchHeadlineView(site, article, result.highlight)},
           {"snippet", PartsView(search::Snippet(Excerpt(article.body_markdown, 100'000),
                                                 result.highlight, kSnippetChars))},
           {"section", SectionView(article.section)},
           {"reporter", article.bylines.empty() ? "" : article.bylines[0].name},
           {"registered", TimeView(article.registered_at)},
           {"photo", ThumbnailView(article.photo)}}));
    }
    LoadFirstPhotos(items, kPhotosAboveTheFold);
    const std::int64_t total = result.total;
    if (params->page > 1 && items.empty()) return ErrorResponse(site, 404, page.view_mode);
    view["searched"] = !result.empty_query;
    view["indexing"] = !site.deps.searcher->Status().caught_up();
    view["has_items"] = !items.empty();
    view["items"] = std::move(items);
    view["total"] = total;
    view["total_text"] =
        LabelWith(renderer, result.total_exact ? "search_count" : "search_count_about",
                  std::to_string(total));
    view["pagination"] = PaginationView(SearchUrl(*params, params->newest ? "newest" : ""),
                                        params->page, total, kResultsPerPage);
  }
  return RenderPage(site, page, "site/search", std::move(view), std::move(meta));
}

http::Response ApiSearch(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  const Result<SearchParams> params = ReadParams(site, request);
  if (!params) return JsonError(site, params.error());
  if (site.deps.searcher == nullptr)
    return JsonError(site, Error{ErrorCode::kUnavailable, "search is disabled"});
  const Timestamp now = site.deps.clock->Now();
  const Result<Found> found = RunSearch(site, *params, now);
  if (!found) return JsonError(site, found.error());
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::Article& article : found->articles) {
    items.push_back(
        {{"id", article.id},
         {"section", {{"slug", article.section.slug}, {"name", article.section.name}}},
         {"headline", article.headline},
         {"snippet", PlainText(search::Snippet(Excerpt(article.body_markdown, 100'000),
                                               found->result.highlight, kSnippetChars))},
         {"registered_at", FormatIso8601Kst(article.registered_at)},
         {"url", AbsoluteUrl(site.deps.config, ArticlePath(article.id))}});
  }
  const nlohmann::ordered_json body = {{"query", params->query},
                                       {"items", std::move(items)},
                                       {"page", params->page},
                                       {"page_size", kResultsPerPage},
                                       {"total", found->result.total},
                                       {"total_exact", found->result.total_exact},
                                       {"highlight", found->result.highlight}};
  return JsonResponse(body);
}

}  // namespace sinmun::site
