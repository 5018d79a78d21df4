// RSS 2.0 feeds: GET /rss, /rss/section/{slug}, /rss/reporter/{id}. The latest 50 articles,
// newest first, each with its lead photo (when it has one) as an <enclosure> and as a Media RSS
// <media:content> with its caption and credit. The photos come with the list (one statement).

#include <filesystem>
#include <optional>

#include "core/text.hpp"
#include "render/article_view.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"
#include "site/xml.hpp"

namespace sinmun::site {
namespace {

constexpr int kFeedItems = 50;
constexpr std::string_view kRssType = "application/rss+xml; charset=utf-8";

struct Channel {
  std::string title;
  std::string link;  // absolute
  std::string description;
  std::string self;  // absolute address of the feed itself
};

void AppendElement(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  AppendXmlEscaped(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

// A lead photo as a feed reader fetches it: the middle width (800 px of 400/800/1600).
struct Enclosure {
  std::string url;  // absolute
  std::uintmax_t length = 0;
  std::string type;
};

std::optional<Enclosure> EnclosureOf(const SiteContext& site, const PageRequest& page,
                                     const store::LeadPhoto& photo) {
  if (photo.widths.empty()) return std::nullopt;
  const int width = photo.widths[photo.widths.size() / 2];
  const std::string path = render::PhotoUrl(photo.name, photo.format, width);
  Enclosure enclosure{page.origin + path, 0, "image/" + photo.format};
  if (!site.deps.uploads_dir.empty()) {
    std::error_code error;
    const auto size = std::filesystem::file_size(
        site.deps.uploads_dir / path.substr(std::string_view("/uploads/").size()), error);
    if (!error) enclosure.length = size;
  }
  return enclosure;
}

// The lead photo twice: as the <enclosure> every reader knows, and as Media RSS with its size,
// caption and credit.
void AppendPhoto(std::string& out, const Enclosure& enclosure, const store::LeadPhoto& photo) {
  out += "<enclosure url=\"";
  AppendXmlEscaped(out, enclosure.url);
  out += "\" length=\"";
  out += std::to_string(enclosure.length);
  out += "\" type=\"";
  AppendXmlEscaped(out, enclosure.type);
  out += "\"/>\n<media:content url=\"";
  AppendXmlEscaped(out, enclosure.url);
  out += "\" type=\"";
  AppendXmlEscaped(out, enclosure.type);
  out += "\" medium=\"image\">\n";
  if (!photo.caption.empty()) AppendElement(out, "media:description", photo.caption);
  if (!photo.credit.empty()) AppendElement(out, "media:credit", photo.credit);
  out += "</media:content>\n";
}

// The author goes in <dc:creator>: RSS 2.0's <author> must be an e-mail address, and readers
// show dc:creator as the byline.
std::string RssDocument(const SiteContext& site, const PageRequest& page, const Channel& channel,
                        const std::vector<store::ArticleSummary>& items) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n";
  AppendElement(out, "title", channel.title);
  AppendElement(out, "link", channel.link);
  AppendElement(out, "description", channel.description);
  AppendElement(out, "language", site.deps.renderer->language());
  AppendElement(out, "lastBuildDate", FormatRfc822Kst(site.deps.clock->Now()));
  out += "<atom:link href=\"";
  AppendXmlEscaped(out, channel.self);
  out += "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  for (const store::ArticleSummary& item : items) {
    const std::string link = page.origin + ArticlePath(item.id);
    out += "<item>\n";
    // 광고 and 협찬 say so in the feed too (issue #18): readers see the title alone.
    const std::string label =
        store::IsPaid(item.kind)
            ? site.deps.renderer->Label(std::string("kind_") +
                                        std::string(store::ArticleKindName(item.kind)))
            : "";
    const std::string title =
        ListedHeadline(*site.deps.renderer, item.headline, item.series_episode);
    AppendElement(out, "title", label.empty() ? title : "[" + label + "] " + title);
    AppendElement(out, "link", link);
    AppendElement(out, "description", item.snippet);
    if (!item.reporter_name.empty()) AppendElement(out, "dc:creator", item.reporter_name);
    AppendElement(out, "category", item.section.name);
    if (!label.empty()) AppendElement(out, "category", label);
    AppendElement(out, "pubDate", FormatRfc822Kst(item.registered_at));
    if (const std::optional<Enclosure> enclosure =
            item.photo ? EnclosureOf(site, page, *item.photo) : std::nullopt) {
      AppendPhoto(out, *enclosure, *item.photo);
    }
    out += "<guid isPermaLink=\"true\">";
    AppendXmlEscaped(out, link);
    out += "</guid>\n</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

http::Response Feed(const SiteContext& site, const PageRequest& page, const Channel& channel,
                    const store::ArticleFilter& filter) {
  const Result<store::ArticleList> list = site.deps.store.catalog->LatestArticles(
      filter, store::Page{1, kFeedItems}, site.deps.clock->Now());
  if (!list) return ErrorResponse(site, list.error(), page.view_mode);
  return PreparedText(RssDocument(site, page, channel, list->items), std::string(kRssType));
}

}  // namespace

http::Response RssFeed(const SiteContext& site, const http::Request& request,
                       const PageRequest& page) {
  const std::string& paper = site.deps.config.paper.name;
  const Channel channel{.title = paper,
                        .link = page.origin + "/",
                        .description = LabelWith(*site.deps.renderer, "front_description", paper),
                        .self = page.origin + page.self_url};
  return Feed(site, page, channel, {});
}

http::Response SectionRssFeed(const SiteContext& site, const http::Request& request,
                              const PageRequest& page) {
  const Result<store::Section> section =
      site.deps.store.catalog->SectionBySlug(request.PathParam("slug"));
  if (!section) return ErrorResponse(site, section.error(), page.view_mode);
  const Channel channel{
      .title = section->name + " - " + site.deps.config.paper.name,
      .link = page.origin + SectionPath(section->slug),
      .description = LabelWith(*site.deps.renderer, "section_description", section->name),
      .self = page.origin + page.self_url};
  store::ArticleFilter filter;
  filter.section_id = section->id;
  return Feed(site, page, channel, filter);
}

http::Response ReporterRssFeed(const SiteContext& site, const http::Request& request,
                               const PageRequest& page) {
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<store::Reporter> reporter = site.deps.store.catalog->ReporterById(*id);
  if (!reporter) return ErrorResponse(site, reporter.error(), page.view_mode);
  const std::string byline = reporter->name + " " + site.deps.renderer->Label("reporter_suffix");
  const Channel channel{.title = byline + " - " + site.deps.config.paper.name,
                        .link = page.origin + ReporterPath(reporter->id),
                        .description = reporter->bio.empty() ? byline : reporter->bio,
                        .self = page.origin + page.self_url};
  store::ArticleFilter filter;
  filter.reporter_id = reporter->id;
  return Feed(site, page, channel, filter);
}

}  // namespace sinmun::site
