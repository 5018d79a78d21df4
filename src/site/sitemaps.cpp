// Sitemaps for search engines: GET /sitemap.xml (an index), /sitemaps/{file} (sections.xml,
// reporters.xml, series.xml, articles-N.xml), /news-sitemap.xml (Google News, last 48 hours) and
// /robots.txt, which names both.
//
// articles-N.xml holds the Nth run of kArticlesPerFile published articles, oldest first, so a
// file's contents only change when one of its articles is edited or an older one appears.

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "site/pages.hpp"
#include "site/views.hpp"
#include "site/xml.hpp"

namespace sinmun::site {
namespace {

// The sitemaps.org limit per file. Fewer, larger files: file N is read from an offset in the
// stamps index, and skipping to it costs more the more files there are (10,000 a file made
// the whole set at 1,000,000 articles take 17.6 s instead of 4.4 s, on a busier machine). The page
// cache keeps these files in their gzip form (site.cpp).
constexpr int kArticlesPerFile = 50'000;
// Google News reads articles of the last two days, at most 1000 of them.
constexpr Timestamp kNewsWindow = 48 * 3600;
constexpr size_t kNewsLimit = 1000;
constexpr int kNewsBatch = 1000;
constexpr std::string_view kXmlType = "application/xml; charset=utf-8";
constexpr std::string_view kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

// <url> in a urlset, <sitemap> in a sitemap index: the same loc + optional lastmod.
void AppendEntry(std::string& out, std::string_view element, std::string_view loc,
                 std::optional<Timestamp> lastmod) {
  out += '<';
  out += element;
  out += "><loc>";
  AppendXmlEscaped(out, loc);
  out += "</loc>";
  if (lastmod) {
    out += "<lastmod>";
    out += FormatIso8601Kst(*lastmod);
    out += "</lastmod>";
  }
  out += "</";
  out += element;
  out += ">\n";
}

void AppendUrl(std::string& out, std::string_view loc, std::optional<Timestamp> lastmod) {
  AppendEntry(out, "url", loc, lastmod);
}

void AppendSitemap(std::string& out, std::string_view loc, std::optional<Timestamp> lastmod) {
  AppendEntry(out, "sitemap", loc, lastmod);
}

http::Response Xml(std::string body) {
  return PreparedText(std::move(body), std::string(kXmlType));
}

// "articles-12.xml" -> 12; nullopt for anything else.
std::optional<std::int64_t> ArticleFileNumber(std::string_view file) {
  constexpr std::string_view kPrefix = "articles-";
  constexpr std::string_view kSuffix = ".xml";
  if (!file.starts_with(kPrefix) || !file.ends_with(kSuffix)) return std::nullopt;
  const Result<std::int64_t> number =
      ParseId(file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size()));
  if (!number) return std::nullopt;
  return *number;
}

http::Response ArticlesFile(const SiteContext& site, const PageRequest& page, std::int64_t number) {
  const std::int64_t offset = (number - 1) * kArticlesPerFile;
  if (offset / kArticlesPerFile != number - 1) return ErrorResponse(site, 404, page.view_mode);
  const Result<std::vector<store::ArticleStamp>> stamps =
      site.deps.store.archive->ArticleStamps(offset, kArticlesPerFile, site.deps.clock->Now());
  if (!stamps) return ErrorResponse(site, stamps.error(), page.view_mode);
  if (stamps->empty()) return ErrorResponse(site, 404, page.view_mode);
  std::string out(kUrlsetOpen);
  out.reserve(stamps->size() * 110);
  for (const store::ArticleStamp& stamp : *stamps) {
    AppendUrl(out, page.origin + ArticlePath(stamp.id),
              stamp.modified_at.value_or(stamp.registered_at));
  }
  out += "</urlset>\n";
  return Xml(std::move(out));
}

http::Response SectionsFile(const SiteContext& site, const PageRequest& page) {
  const Result<std::vector<store::Section>> sections = site.deps.store.catalog->Sections();
  if (!sections) return ErrorResponse(site, sections.error(), page.view_mode);
  std::string out(kUrlsetOpen);
  AppendUrl(out, page.origin + "/", std::nullopt);
  for (const store::Section& section : *sections) {
    AppendUrl(out, page.origin + SectionPath(section.slug), std::nullopt);
  }
  out += "</urlset>\n";
  return Xml(std::move(out));
}

http::Response ReportersFile(const SiteContext& site, const PageRequest& page) {
  const Result<std::vector<store::Reporter>> reporters = site.deps.store.catalog->Reporters();
  if (!reporters) return ErrorResponse(site, reporters.error(), page.view_mode);
  std::string out(kUrlsetOpen);
  for (const store::Reporter& reporter : *reporters) {
    AppendUrl(out, page.origin + ReporterPath(reporter.id), std::nullopt);
  }
  out += "</urlset>\n";
  return Xml(std::move(out));
}

// The series (연재, issue #18) that have a published episode, each with when its latest
// episode came out; a series nobody can read yet is no page to crawl. Empty without series.
Result<std::vector<std::pair<store::SeriesId, Timestamp>>> SeriesPages(const SiteContext& site) {
  std::vector<std::pair<store::SeriesId, Timestamp>> pages;
  const store::SeriesBook* book = site.deps.store.series;
  if (book == nullptr) return pages;
  const Result<std::vector<store::Series>> all = book->AllSeries();
  if (!all) return tl::unexpected(all.error());
  const Timestamp now = site.deps.clock->Now();
  for (const store::Series& series : *all) {
    const Result<std::vector<store::SeriesEpisode>> episodes = book->SeriesEpisodes(series.id, now);
    if (!episodes) return tl::unexpected(episodes.error());
    if (episodes->empty()) continue;
    Timestamp latest = 0;
    for (const store::SeriesEpisode& episode : *episodes) {
      latest = std::max(latest, episode.registered_at);
    }
    pages.emplace_back(series.id, latest);
  }
  return pages;
}

// series.xml: the series pages, each last modified at its latest episode; 404 when there are
// none (a urlset must hold a <url>), as the index then does not name it.
http::Response SeriesFile(const SiteContext& site, const PageRequest& page) {
  const Result<std::vector<std::pair<store::SeriesId, Timestamp>>> pages = SeriesPages(site);
  if (!pages) return ErrorResponse(site, pages.error(), page.view_mode);
  if (pages->empty()) return ErrorResponse(site, 404, page.view_mode);
  std::string out(kUrlsetOpen);
  for (const auto& [id, latest] : *pages) AppendUrl(out, page.origin + SeriesPath(id), latest);
  out += "</urlset>\n";
  return Xml(std::move(out));
}

}  // namespace

http::Response SitemapIndex(const SiteContext& site, const http::Request& request,
                            const PageRequest& page) {
  const Result<std::vector<store::StampBatch>> batches =
      site.deps.store.archive->ArticleStampBatches(kArticlesPerFile, site.deps.clock->Now());
  if (!batches) return ErrorResponse(site, batches.error(), page.view_mode);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  AppendSitemap(out, page.origin + "/sitemaps/sections.xml", std::nullopt);
  AppendSitemap(out, page.origin + "/sitemaps/reporters.xml", std::nullopt);
  const Result<std::vector<std::pair<store::SeriesId, Timestamp>>> series = SeriesPages(site);
  if (!series) return ErrorResponse(site, series.error(), page.view_mode);
  if (!series->empty()) AppendSitemap(out, page.origin + "/sitemaps/series.xml", std::nullopt);
  for (size_t i = 0; i < batches->size(); ++i) {
    AppendSitemap(out, page.origin + "/sitemaps/articles-" + std::to_string(i + 1) + ".xml",
                  (*batches)[i].last_modified);
  }
  out += "</sitemapindex>\n";
  return Xml(std::move(out));
}

http::Response SitemapFile(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const std::string_view file = request.PathParam("file");
  if (file == "sections.xml") return SectionsFile(site, page);
  if (file == "reporters.xml") return ReportersFile(site, page);
  if (file == "series.xml") return SeriesFile(site, page);
  if (const std::optional<std::int64_t> number = ArticleFileNumber(file)) {
    return ArticlesFile(site, page, *number);
  }
  return ErrorResponse(site, 404, page.view_mode);
}

http::Response NewsSitemap(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const Timestamp from = now - kNewsWindow;
  // Oldest first in bounded batches; only the newest kNewsLimit are kept.
  std::vector<store::ArticleSummary> items;
  store::ArticleKey after{from, 0};
  for (;;) {
    Result<std::vector<store::ArticleSummary>> batch =
        site.deps.store.archive->ArticlesRegisteredBetween(from, now + 1, after, kNewsBatch, now);
    if (!batch) return ErrorResponse(site, batch.error(), page.view_mode);
    if (batch->empty()) break;
    after = {batch->back().registered_at, batch->back().id};
    for (store::ArticleSummary& item : *batch) {
      // 광고 and 협찬 are not news (issue #18): the portals penalise papers that send them.
      if (store::SentTo(item.kind, store::Destination::kNewsSitemap)) {
        items.push_back(std::move(item));
      }
    }
    if (items.size() > kNewsLimit) items.erase(items.begin(), items.end() - kNewsLimit);
    if (batch->size() < static_cast<size_t>(kNewsBatch)) break;
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  const std::string name = XmlEscaped(site.deps.config.paper.name);
  for (const store::ArticleSummary& item : items) {
    out += "<url><loc>";
    AppendXmlEscaped(out, page.origin + ArticlePath(item.id));
    out += "</loc><news:news><news:publication><news:name>";
    out += name;
    out +=
        "</news:name><news:language>ko</news:language></news:publication>"
        "<news:publication_date>";
    out += FormatIso8601Kst(item.registered_at);
    out += "</news:publication_date><news:title>";
    // As the feeds title it, with its series mark ("[연재] 제목 ⑤", issue #18).
    AppendXmlEscaped(out, ListedHeadline(*site.deps.renderer, item.headline, item.series_episode));
    out += "</news:title></news:news></url>\n";
  }
  out += "</urlset>\n";
  return Xml(std::move(out));
}

http::Response RobotsTxt(const SiteContext& site, const http::Request& request,
                         const PageRequest& page) {
  std::string out = "User-agent: *\nAllow: /\n\n";
  out += "Sitemap: " + page.origin + "/sitemap.xml\n";
  out += "Sitemap: " + page.origin + "/news-sitemap.xml\n";
  return PreparedText(std::move(out), "text/plain; charset=utf-8");
}

}  // namespace sinmun::site
