#pragma once
// Private to site/: what every page handler shares, and the page-level helpers they call.

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "site/list_pages.hpp"
#include "site/page_cache.hpp"
#include "site/params.hpp"
#include "site/shared_part.hpp"
#include "site/shared_variants.hpp"
#include "site/site.hpp"

namespace sinmun::site {

class BreakingTicker;      // site/breaking_ticker.hpp
struct EmptyCommentBlock;  // site/comments.hpp

// The articles with a published correction (issue #18), as ArticleCorrectionsView keeps them.
struct CorrectedArticles {
  std::unordered_set<store::ArticleId> ids;
  bool complete = false;  // false: the read was cut at its size, so each article is asked
};

// Parts many pages show alike, made once per change and reused (site/shared_part.hpp): an
// article miss no longer ranks the most-viewed box or reads the sections and settings itself.
struct SharedParts {
  explicit SharedParts(std::chrono::milliseconds max_age)
      : most_viewed_box(max_age),
        sections(max_age),
        settings(max_age),
        config(max_age),
        footer_links(max_age),
        list_pages(max_age),
        mastheads(max_age),
        colophons(max_age),
        empty_comment_blocks(max_age),
        corrected_articles(max_age) {}
  SharedPart<std::string> most_viewed_box;  // its HTML (MostViewedBoxHtml)
  SharedPart<std::vector<store::Section>> sections;
  SharedPart<store::Settings> settings;
  SharedPart<Config> config;  // CurrentConfig
  // The static pages linked from the footer, as {"title", "url"} items. Kept for max_age at
  // most, so a version dated ahead shows once its date has come.
  SharedPart<nlohmann::json> footer_links;
  // Where each page of the section, reporter and paper lists begins (site/list_pages.hpp).
  ListPageStartsCache list_pages;
  // The layout's rendered parts (layout.cpp): the masthead and section bar, by day and
  // highlighted entry, and the footer's paper information, by year.
  SharedVariants<std::string> mastheads;
  SharedVariants<std::string> colophons;
  // The comment parts of an article without comments, by whether comments are open or closed.
  SharedVariants<EmptyCommentBlock> empty_comment_blocks;
  // Which articles have a published correction: an article page's miss reads its corrections
  // only when it is one of them (ArticleCorrectionsView).
  SharedPart<CorrectedArticles> corrected_articles;
};

class CommentParts;
class PageRecompressor;  // site/page_recompressor.hpp

struct SiteContext {
  SiteDeps deps;
  PageCache* cache = nullptr;
  ads::Rotation* rotation = nullptr;  // null without deps.ad_signer: slots stay empty
  SharedParts* shared = nullptr;
  BreakingTicker* breaking = nullptr;        // null without deps.store.breaking: no ticker
  CommentParts* comment_parts = nullptr;     // site/comment_part.hpp
  PageRecompressor* recompressor = nullptr;  // null when the page cache is off
};

// Per request, worked out before the handler runs (and part of the cache key).
struct PageRequest {
  ViewMode view_mode = ViewMode::kAuto;
  std::string self_url;        // CanonicalUrl: the page's own address, for the mobile/PC links
  std::string origin;          // RequestOrigin: "http://host:port", for absolute URLs
  std::string staff_edit_url;  // the 기사수정 link for logged-in staff; "" for readers
};

// What the layout needs to know about a page besides its own view.
struct PageMeta {
  std::string title;         // "" on the front page: the paper's name alone
  std::string description;   // <meta name="description">, optional
  std::string section_slug;  // highlighted in the section bar
  bool home = false;         // highlights "home" in the section bar
  bool video = false;        // highlights 영상뉴스 in the section bar
  bool photos = false;       // highlights 포토뉴스 in the section bar
  const std::vector<store::Section>* sections = nullptr;  // when the handler has them already
  std::string canonical_path;     // <link rel="canonical"> (with the origin); none when ""
  std::string json_ld;            // schema.org JSON-LD, script-safe JSON text; none when ""
  std::string preview_tags_html;  // Open Graph and Twitter card <meta> tags; none when ""
};

// Renders `template_name` with `view` plus a "layout" object (paper, nav, date, view switch,
// stylesheet) into a prepared HTML response. A failed render is logged and becomes a 500 page.
// `view` and `meta` are taken to move from: their JSON goes into the render's view whole.
http::Response RenderPage(const SiteContext& site, const PageRequest& page,
                          std::string_view template_name, nlohmann::json view, PageMeta meta,
                          int status = 200);

// sinmun.toml's settings with those saved in the newsroom laid over them, made once per
// change of the store and shared by every page made meanwhile (a copy per page was a part
// of every miss, issue #14).
std::shared_ptr<const Config> CurrentConfig(const SiteContext& site);

// A page's body as the cache keeps it: RenderPage leaves pages uncompressed, so that a page
// cut for banners is compressed once; a body already prepared is returned as it is.
http::PreparedBody PreparedOnce(const http::PreparedBody& body);

// The label `key` with its "{}" replaced by `value` ("{} 분야 최신 기사" -> "정치 분야 최신 기사").
std::string LabelWith(const render::Renderer& renderer, std::string_view key,
                      std::string_view value);

// The styled error page for `status` in the reader's view mode (kept in the page cache).
http::Response ErrorResponse(const SiteContext& site, int status, ViewMode view_mode);
// The error page for a failed call: http::StatusFor(error.code). Server-side failures
// (kInternal, kUnavailable) are logged here, the one place that handles them.
http::Response ErrorResponse(const SiteContext& site, const Error& error, ViewMode view_mode);

// A prepared JSON response (application/json; charset=utf-8). Invalid UTF-8 in strings is
// replaced rather than thrown on.
http::Response JsonResponse(const nlohmann::ordered_json& value, int status = 200);
// {"error": {"status": N, "message": "…"}} with status N.
http::Response JsonError(const SiteContext& site, const Error& error);

// The page cache key of a page: its canonical address, view mode and origin (pages hold
// absolute URLs, so the origin is part of the key).
std::string PageCacheKey(std::string_view self_url, ViewMode view_mode, std::string_view origin);

}  // namespace sinmun::site
