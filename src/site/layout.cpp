// The parts every page shares: the "layout" view (masthead, section bar, footer, view switch),
// rendering into a prepared response, error pages and JSON responses.

#include <spdlog/spdlog.h>

#include "core/site_settings.hpp"
#include "render/view_object.hpp"
#include "site/context.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

// 1970-01-01 was a Thursday; weekday_0 is Sunday.
int KstWeekday(Timestamp utc) {
  const std::int64_t local = utc + kKstOffsetSeconds;
  const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return static_cast<int>(((days + 4) % 7 + 7) % 7);
}

nlohmann::json PaperView(const PaperInfo& paper) {
  return {{"name", paper.name},
          {"registration_number", paper.registration_number},
          {"registered_on", paper.registered_on},
          {"publisher", paper.publisher},
          {"editor", paper.editor},
          {"youth_protection_officer", paper.youth_protection_officer},
          {"address", paper.address},
          {"phone", paper.phone},
          {"email", paper.email},
          {"published_on", paper.published_on}};
}

// The footer's links to static pages (issue #18): the pages in force whose footer position
// is set, in that order.
Result<nlohmann::json> FooterLinks(const SiteContext& site, Timestamp now) {
  nlohmann::json links = nlohmann::json::array();
  if (site.deps.store.pages == nullptr) return links;
  Result<std::vector<store::StaticPage>> pages = site.deps.store.pages->StaticPagesAt(now);
  if (!pages) return tl::unexpected(pages.error());
  for (const store::StaticPage& page : *pages) {
    if (page.footer > 0)
      links.push_back({{"title", page.title}, {"url", StaticPagePath(page.path)}});
  }
  return links;
}

std::string ViewSwitchUrl(std::string_view mode, const std::string& self_url) {
  return "/view-mode?m=" + std::string(mode) + "&return=" + http::PercentEncode(self_url);
}

}  // namespace

std::shared_ptr<const Config> CurrentConfig(const SiteContext& site) {
  // Settings saved in the newsroom win over sinmun.toml without a restart (saving them bumps
  // the change sequence, so cached pages are rendered again).
  const std::uint64_t generation = site.cache->Generation();
  Result<std::shared_ptr<const Config>> current =
      site.shared->config.Get(generation, [&]() -> Result<Config> {
        Result<std::shared_ptr<const store::Settings>> stored = site.shared->settings.Get(
            generation, [&] { return site.deps.store.catalog->SiteSettings(); });
        if (!stored) return tl::unexpected(stored.error());
        Config config = site.deps.config;
        ApplySettings(**stored, &config);
        return config;
      });
  if (current) return std::move(*current);
  // The settings cannot be read: sinmun.toml's alone for this page, and the next one tries again.
  return std::make_shared<const Config>(site.deps.config);
}

namespace {

// The masthead and the section bar (templates/partials/masthead): the same on every page of a
// day but for the entry the bar highlights, so each variant is rendered once per change and
// included as HTML; building and walking its view was a part of every page miss (issue #14).
Result<std::shared_ptr<const std::string>> MastheadHtml(const SiteContext& site,
                                                        const PageMeta& meta, const Config& config,
                                                        Timestamp now) {
  const SiteDeps& deps = site.deps;
  const render::Renderer& renderer = *deps.renderer;
  const std::uint64_t generation = site.cache->Generation();
  const std::string today = FormatKstDate(now);
  const auto make = [&]() -> Result<std::string> {
    std::shared_ptr<const std::vector<store::Section>> fetched;
    const std::vector<store::Section>* sections = meta.sections;
    if (sections == nullptr) {
      // The section bar is decoration: a store that fails here still gets its page (or the
      // error page it asked for) without the bar.
      if (Result<std::shared_ptr<const std::vector<store::Section>>> all =
              site.shared->sections.Get(generation,
                                        [&] { return deps.store.catalog->Sections(); })) {
        fetched = std::move(*all);
      } else {
        fetched = std::make_shared<const std::vector<store::Section>>();
      }
      sections = fetched.get();
    }
    nlohmann::json nav = nlohmann::json::array();
    for (const store::Section& section : *sections) {
      nav.push_back(SectionView(section, section.slug == meta.section_slug));
    }
    const nlohmann::json layout = {
        {"paper", {{"name", config.paper.name}}},
        {"today_iso", today},
        {"today_text", today + " " + renderer.Label("weekday_" + std::to_string(KstWeekday(now)))},
        {"home_current", meta.home},
        {"video_current", meta.video},
        {"photos_current", meta.photos},
        {"nav", std::move(nav)}};
    return renderer.Render("partials/masthead", {{"layout", layout}});
  };
  // A handler that read the sections itself gets a bar made of them, not kept.
  if (meta.sections != nullptr) {
    Result<std::string> made = make();
    if (!made) return tl::unexpected(made.error());
    return std::make_shared<const std::string>(std::move(*made));
  }
  const std::string key = today + '\n' + meta.section_slug + '\n' + (meta.home ? "h" : "") +
                          (meta.video ? "v" : "") + (meta.photos ? "p" : "");
  return site.shared->mastheads.Get(generation, key, make);
}

// The footer's paper information and links (templates/partials/colophon), the same on every
// page of a year: rendered once per change, as the masthead is.
Result<std::shared_ptr<const std::string>> ColophonHtml(const SiteContext& site,
                                                        const Config& config, Timestamp now) {
  const std::uint64_t generation = site.cache->Generation();
  const std::string year = FormatKstDate(now).substr(0, 4);
  return site.shared->colophons.Get(generation, year, [&]() -> Result<std::string> {
    nlohmann::json footer_links = nlohmann::json::array();
    if (Result<std::shared_ptr<const nlohmann::json>> links =
            site.shared->footer_links.Get(generation, [&] { return FooterLinks(site, now); })) {
      footer_links = **links;
    }
    const nlohmann::json layout = {{"paper", PaperView(config.paper)},
                                   {"year", year},
                                   {"has_footer_links", !footer_links.empty()},
                                   {"footer_links", std::move(footer_links)}};
    return site.deps.renderer->Render("partials/colophon", {{"layout", layout}});
  });
}

// `meta`'s Open Graph tags are moved into the layout; the rest of it is left as it was.
Result<nlohmann::json> LayoutView(const SiteContext& site, const PageRequest& page,
                                  PageMeta& meta) {
  const SiteDeps& deps = site.deps;
  const render::Renderer& renderer = *deps.renderer;
  const Timestamp now = deps.clock->Now();

  const std::shared_ptr<const Config> current = CurrentConfig(site);
  const Config& config = *current;
  Result<std::shared_ptr<const std::string>> masthead = MastheadHtml(site, meta, config, now);
  if (!masthead) return tl::unexpected(masthead.error());
  Result<std::shared_ptr<const std::string>> colophon = ColophonHtml(site, config, now);
  if (!colophon) return tl::unexpected(colophon.error());
  // Naver Search Advisor and Google Search Console check that the site is the paper's by
  // these tags on its pages (issue #18); escaped by the template like every value.
  nlohmann::json verifications = nlohmann::json::array();
  if (!config.naver_site_verification.empty()) {
    verifications.push_back(
        {{"name", "naver-site-verification"}, {"content", config.naver_site_verification}});
  }
  if (!config.google_site_verification.empty()) {
    verifications.push_back(
        {{"name", "google-site-verification"}, {"content", config.google_site_verification}});
  }
  const std::string& paper = config.paper.name;
  const std::string title = meta.title.empty() ? paper : meta.title + " - " + paper;
  const std::string_view mode = ViewModeName(page.view_mode);
  // The print page and the front page name the paper and the year themselves.
  return render::ViewObject(
      {{"lang", renderer.language()},
       {"title", title},
       {"description", meta.description},
       {"css_url", deps.static_files->Url("css/site.css")},
       {"favicon_url", deps.static_files->Url("img/favicon.svg")},
       {"body_class", mode},
       {"is_mobile", page.view_mode == ViewMode::kMobile},
       {"is_pc", page.view_mode == ViewMode::kPc},
       {"mobile_url", ViewSwitchUrl("mobile", page.self_url)},
       {"pc_url", ViewSwitchUrl("pc", page.self_url)},
       {"paper", render::ViewObject({{"name", paper}})},
       {"year", FormatKstDate(now).substr(0, 4)},
       {"masthead_html", **masthead},
       {"colophon_html", **colophon},
       {"canonical_url", meta.canonical_path.empty() ? "" : page.origin + meta.canonical_path},
       {"json_ld", std::move(meta.json_ld)},
       {"preview_tags_html", std::move(meta.preview_tags_html)},
       {"site_verifications", std::move(verifications)}});
}

// Left uncompressed: whoever keeps the page compresses it once (the page cache, the banner
// cutting, which makes the gzip form from its pieces), else the server on the fly.
http::Response HtmlResponse(std::string html, int status) {
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body.bytes = std::make_shared<const std::string>(std::move(html));
  return response;
}

std::string ErrorLabel(const render::Renderer& renderer, int status, std::string_view part) {
  const std::string key = "error_" + std::to_string(status) + "_" + std::string(part);
  std::string label = renderer.Label(key);
  if (label == key) label = renderer.Label("error_" + std::string(part));  // a status we lack
  return label;
}

}  // namespace

http::PreparedBody PreparedOnce(const http::PreparedBody& body) {
  if (!body.etag.empty() || !body.bytes) return body;
  return http::Prepare(*body.bytes, true);
}

std::string LabelWith(const render::Renderer& renderer, std::string_view key,
                      std::string_view value) {
  std::string label = renderer.Label(key);
  const size_t slot = label.find("{}");
  if (slot != std::string::npos) label.replace(slot, 2, value);
  return label;
}

http::Response RenderPage(const SiteContext& site, const PageRequest& page,
                          std::string_view template_name, nlohmann::json view, PageMeta meta,
                          int status) {
  Result<std::string> html = LayoutView(site, page, meta).and_then([&](nlohmann::json layout) {
    // Banner slots (issue #7): pages place markers the ad splicing fills per response; error
    // pages show none.
    layout["show_ads"] = status == 200;
    layout["ad_section"] = meta.section_slug;
    view["layout"] = std::move(layout);
    return site.deps.renderer->Render(template_name, view);
  });
  if (!html) {
    spdlog::error("site: {}", html.error().detail);
    if (template_name == "site/error") return http::Text("Internal Server Error", 500);
    return ErrorResponse(site, 500, page.view_mode);
  }
  return HtmlResponse(std::move(*html), status);
}

http::Response ErrorResponse(const SiteContext& site, int status, ViewMode view_mode) {
  // Error pages are cached like pages (per status and view mode): a flood of bad URLs costs a
  // lookup each, not a render.
  const std::string key =
      "!error " + std::to_string(status) + " " + std::string(ViewModeName(view_mode));
  const PageCache::Lookup lookup = site.cache->Find(key);
  if (!lookup.page) {
    const render::Renderer& renderer = *site.deps.renderer;
    const nlohmann::json view = {{"status", status},
                                 {"title", ErrorLabel(renderer, status, "title")},
                                 {"text", ErrorLabel(renderer, status, "text")}};
    PageMeta meta;
    meta.title = view["title"].get<std::string>();
    meta.description = view["text"].get<std::string>();
    const PageRequest page{view_mode, "/", ""};  // no canonical link: no origin needed
    http::Response response = RenderPage(site, page, "site/error", view, std::move(meta), status);
    if (response.status != status) return response;  // the render itself failed
    auto cached = std::make_shared<PageCache::Page>();
    cached->status = status;
    cached->content_type = response.content_type;
    response.body = PreparedOnce(response.body);
    cached->body = response.body;
    site.cache->Insert(key, lookup.generation, std::move(cached));
    return response;
  }
  http::Response response = http::Prepared(lookup.page->body, lookup.page->content_type);
  response.status = status;
  return response;
}

http::Response ErrorResponse(const SiteContext& site, const Error& error, ViewMode view_mode) {
  const int status = http::StatusFor(error.code);
  if (status >= 500) spdlog::error("site: {}: {}", ErrorCodeName(error.code), error.detail);
  return ErrorResponse(site, status, view_mode);
}

http::Response JsonResponse(const nlohmann::ordered_json& value, int status) {
  http::Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = http::Prepare(
      value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace), true);
  return response;
}

http::Response JsonError(const SiteContext& site, const Error& error) {
  const int status = http::StatusFor(error.code);
  if (status >= 500) spdlog::error("site api: {}: {}", ErrorCodeName(error.code), error.detail);
  const nlohmann::ordered_json body = {
      {"error",
       {{"status", status}, {"message", ErrorLabel(*site.deps.renderer, status, "title")}}}};
  return JsonResponse(body, status);
}

}  // namespace sinmun::site
