#pragma once
// The public newspaper: front page, section lists, articles and their print view, reporter
// pages, the most-viewed ranking, the legacy article URL, the mobile/PC switch, the JSON API
// (/api/v1/articles) and styled error pages. Pages are rendered from templates/site/*.mustache
// and kept in a page cache (see page_cache.hpp) keyed by address and view mode.
//
// JSON API (Content-Type application/json; charset=utf-8; errors are
// {"error": {"status": 404, "message": "…"}} with that status):
//   GET /api/v1/articles?section=<slug>&page=<n>
//     {"items": [{"id", "section": {"slug", "name"}, "headline", "type", "paid", "snippet",
//                 "reporter", "registered_at", "url", "series"}…], "page", "page_size", "total"}
//     section optional; a page past the end has empty items (200). series (연재, issue #18):
//     {"id", "title", "episode", "url"} or null; the headline is without the series marks.
//   GET /api/v1/articles/<id>
//     {"id", "section": {"slug", "name"}, "headline", "type", "paid", "subheadlines": [..],
//      "reporter": first byline's name or null, "reporters": [{"id", "name", "email"}],
//      "registered_at", "modified_at": or null, "url", "prev_id", "next_id": older/newer in
//      the section or null, "series": as above with "prev_id", "next_id" (the episodes
//      published before and after it, or null), "body_html": without photo marker lines}
//   Times are ISO 8601 in KST ("2017-08-01T13:13:00+09:00"); url is absolute when
//   config.base_url is set, else a path.
//
// Readers (issue #4):
//   GET /api/v1/most-viewed?window=24h|7d|30d&section=<slug>&limit=1..50 (default 24h, 10)
//     {"window": "24h", "items": [{"id", "headline", "url", "views", "series"}…]}: views in
//     the window; series as in /api/v1/articles.
//     A bad window or limit is 400, an unknown section 404 (JSON errors as above).
//   POST /article/<id>/recommend: one per visitor per article; 303 back to the article, or
//     {"recommends": n, "counted": bool} when the request accepts application/json.
//   GET|POST /article/<id>/email: the "e-mail this article" form; mail goes to the outbox.
//
// Sponsor banners (issue #7): HTML pages carry slot markers that each response fills with a
// banner chosen by weight among the live campaigns (site/ad_splice.hpp), labelled 광고.
//   GET /ad/click/<campaign>?slot=<slot>&to=<target>&sig=<hmac>: 302 to the target, counted;
//     400 when the signature does not sign (campaign, target) or the slot is unknown.
//
// Thread safety: after AddRoutes, handlers and ErrorPage may run on any number of threads.

#include <chrono>
#include <concepts>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/time.hpp"
#include "counters/counters.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "render/renderer.hpp"
#include "search/searcher.hpp"
#include "store/ad_book.hpp"
#include "store/archive_reads.hpp"
#include "store/breaking_news.hpp"
#include "store/catalog.hpp"
#include "store/change_feed.hpp"
#include "store/comment_bans.hpp"
#include "store/comment_book.hpp"
#include "store/corrections.hpp"
#include "store/import_book.hpp"
#include "store/mail_outbox.hpp"
#include "store/rankings.hpp"
#include "store/read_scopes.hpp"
#include "store/reader_activity.hpp"
#include "store/related_lists.hpp"
#include "store/series_book.hpp"
#include "store/static_pages.hpp"
#include "store/tips.hpp"

namespace sinmun::ads {
class AdCounter;    // ads/ad_counter.hpp
class ClickSigner;  // ads/click_signer.hpp
class Rotation;     // ads/rotation.hpp
}  // namespace sinmun::ads

namespace sinmun::site {

// The one third-party script a public page may load (when [share] kakao_app_key is set),
// pinned to a version and its Subresource Integrity hash as Kakao publishes them, so a
// changed file on their CDN is refused by the browser instead of run on our pages.
inline constexpr char kKakaoSdkOrigin[] = "https://t1.kakaocdn.net";
inline constexpr char kKakaoSdkUrl[] = "https://t1.kakaocdn.net/kakao_js_sdk/2.7.2/kakao.min.js";
inline constexpr char kKakaoSdkIntegrity[] =
    "sha384-TiCUE00h649CAMonG018J2ujOgDKW/kVWlChEuu4jK2vxfAAD0eZxzCKakxg55G4";
// The store roles the site uses, made from the one object that serves them all.
// REQUIRES: that object outlives the Site.
struct SiteStore {
  SiteStore() = default;
  template <typename S>
  requires std::derived_from<S, store::Catalog> && std::derived_from<S, store::MailOutbox>
  SiteStore(S* store)  // NOLINT(google-explicit-constructor): one store, several roles
      : catalog(store),
        archive(store),
        changes(store),
        rankings(store),
        ads(store),
        activity(store),
        outbox(store),
        comments(store),
        comment_bans(store),
        related(store),
        imports(store),
        pages(store),
        corrections(store),
        breaking(store),
        series(store),
        tips(store),
        scopes(store) {}

  const store::Catalog* catalog = nullptr;
  const store::ArchiveReads* archive = nullptr;  // sitemaps
  const store::ChangeFeed* changes = nullptr;    // the page cache, the banner rotation
  const store::Rankings* rankings = nullptr;
  const store::AdBook* ads = nullptr;  // the banner rotation
  // Optional: what recommends and "e-mail this article" write to. Null: those routes answer
  // 503.
  store::ReaderActivity* activity = nullptr;
  store::MailOutbox* outbox = nullptr;
  // Optional: reader comments (issue #16). Null: the article shows none and the comment
  // routes answer 503.
  store::CommentBook* comments = nullptr;
  // Optional: the moderators' bans (issue #16). Null: nobody is refused for a ban.
  const store::CommentBans* comment_bans = nullptr;
  // Optional: the related lists the search index keeps (issue #14). Null: no related box.
  const store::RelatedLists* related = nullptr;
  // Optional: the old addresses of imported archives (issue #15), answered with a 301.
  const store::ImportBook* imports = nullptr;
  // Optional: static pages (issue #18) and the footer's links to them. Null: /page/ answers
  // 404 and the footer links none.
  const store::StaticPages* pages = nullptr;
  // Optional: readers' correction requests and the published corrections (issue #18).
  // Null: /corrections answers 404 and articles show no correction box.
  store::CorrectionDesk* corrections = nullptr;
  // Optional: the breaking-news ticker (issue #18). Null: pages show none.
  const store::BreakingNews* breaking = nullptr;
  // Optional: series (연재, issue #18). Null: /series/ answers 404 and articles show none.
  const store::SeriesBook* series = nullptr;
  // Optional: readers' news tips and submissions (issue #18). Null: /tip answers 404.
  store::TipBox* tips = nullptr;
  // Optional: a cached page made on a miss reads the store from one snapshot (issue #14),
  // with one read transaction for all its reads. Null: each read has its own.
  const store::ReadScopes* scopes = nullptr;

  // A scope for this thread's reads (store/read_scopes.hpp); one that holds nothing without
  // `scopes`.
  store::ReadScope OpenReadScope() const {
    return scopes != nullptr ? scopes->OpenReadScope() : store::ReadScope();
  }
};

struct SiteDeps {
  SiteStore store;               // REQUIRES: catalog, archive, changes, rankings and ads set
  const Clock* clock = nullptr;  // REQUIRES: outlives the Site
  std::shared_ptr<const render::Renderer> renderer;
  std::shared_ptr<const http::StaticFiles> static_files;
  Config config;  // paper name and legal footer, base_url, page_cache_seconds
  // Optional: null disables search (/search says so, /api/v1/search answers 503).
  // REQUIRES: outlives the Site when set.
  const search::Searcher* searcher = nullptr;

  // ---- Readers (issue #4) ----
  // Optional: view counting and the windowed rankings. Null: no counting, and the most-viewed
  // box and page fall back to the store's all-time totals. REQUIRES: outlives the Site.
  counters::Counters* counters = nullptr;

  // Optional: where the sender of `request` may edit article `id` ("기사수정" link), or
  // nullopt for readers. Set by app/ from the newsroom (site/ never includes newsroom/); it
  // must answer quickly for requests without a session. Pages with the link are rendered for
  // that request alone, never cached; readers keep getting the cached page.
  std::function<std::optional<std::string>(const http::Request&, store::ArticleId)> staff_edit_url;
  // Optional: the staff member signed in to the newsroom who sent `request`, or nullopt
  // (answered without touching the store when there is no session cookie). Set by app/ from
  // the newsroom, like staff_edit_url: staff comment under their name with the badge of
  // their role, without a guest's password, and delete their own comments (issue #16).
  std::function<std::optional<store::User>(const http::Request&)> comment_staff;
  // Optional: the folder of the photos' files (DIR/uploads), which the site serves under
  // /uploads/ (uploads.cpp) and whose sizes a feed's photo enclosure gives. Empty: no
  // /uploads/ route, and enclosures of length 0, which RSS readers take as unknown.
  std::filesystem::path uploads_dir;

  // ---- Ads: slots, campaigns, impressions (issue #7) ----
  // Optional: signs banner click addresses. Null: no banners (every slot stays empty) and
  // /ad/click answers 400. REQUIRES: outlives the Site when set.
  const ads::ClickSigner* ad_signer = nullptr;
  // Optional: counts impressions and clicks. Null: nothing is counted.
  // REQUIRES: outlives the Site when set.
  ads::AdCounter* ad_counter = nullptr;

  // Optional: signs the "e-mail this article" form's token (its issue time), with a key of
  // its own (DIR/tokens.key), so that a form is only taken back from a page we served, and
  // not sooner than [mail] min_fill_seconds after. Null: the form sends nothing (503).
  // REQUIRES: outlives the Site when set.
  const ads::ClickSigner* form_signer = nullptr;

  // How often the breaking-news ticker is read from the store (site/breaking_ticker.hpp): a
  // ticker set on any node shows on every page within this. 0 reads it for every page.
  std::chrono::milliseconds breaking_refresh{1000};
};

class BreakingTicker;
class PageCache;
struct SharedParts;
struct SiteContext;
class CommentParts;
class PageRecompressor;

class Site {
 public:
  // REQUIRES: every pointer in deps is set.
  explicit Site(SiteDeps deps);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // Adds every public route, the static files and the 404 handler.
  // REQUIRES: the Site outlives the router (handlers refer to it).
  void AddRoutes(http::Router& router);

  // The styled error page for `status` (400, 404, 405, 413, 431, 500, 503…), in the site
  // layout, with that status. Used by the server for errors it produces itself.
  http::Response ErrorPage(int status) const;

  // A comment of `article` changed elsewhere (the newsroom's moderation): the article page's
  // comment part is made again; no cached page is dropped.
  void CommentsChanged(store::ArticleId article) const;

  // The rendered pages kept (site/page_cache.hpp), for /metrics.
  const PageCache& page_cache() const { return *cache_; }

 private:
  std::unique_ptr<PageCache> cache_;
  std::unique_ptr<SharedParts> shared_;
  std::unique_ptr<CommentParts> comment_parts_;
  // After cache_: stopped before the cache it writes to goes.
  std::unique_ptr<PageRecompressor> recompressor_;
  std::unique_ptr<SiteContext> context_;
  std::unique_ptr<ads::Rotation> rotation_;
  std::unique_ptr<BreakingTicker> breaking_;
};

}  // namespace sinmun::site
