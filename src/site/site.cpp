#include "site/site.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ads/rotation.hpp"
#include "core/check.hpp"
#include "site/ad_splice.hpp"
#include "site/breaking_ticker.hpp"
#include "site/comment_part.hpp"
#include "site/comments.hpp"
#include "site/context.hpp"
#include "site/page_cache.hpp"
#include "site/page_recompressor.hpp"
#include "site/pages.hpp"

namespace sinmun::site {
namespace {

using PageHandler = http::Response (*)(const SiteContext&, const http::Request&,
                                       const PageRequest&);

// kXml: feeds, sitemaps and robots.txt (like kJson, one form for every view mode).
enum class Kind { kHtml, kJson, kXml };

// What every page handler is told about its request: layout, canonical address, origin.
PageRequest MakePageRequest(const SiteContext& site, Kind kind, const http::Request& request,
                            const std::vector<std::string>& query_keys) {
  PageRequest page;
  page.view_mode = kind == Kind::kHtml ? ViewModeOf(request) : ViewMode::kAuto;
  page.self_url = CanonicalUrl(request, query_keys);
  page.origin = RequestOrigin(site.deps.config.base_url, request);
  return page;
}

// The same address answers differently with the view=mobile|pc cookie.
void AddVary(Kind kind, http::Response& response) {
  if (kind == Kind::kHtml) response.headers.emplace_back("Vary", "Cookie");
}

// Large documents kept until the next change (sitemap files of 50,000 URLs, 4.5 MB) are kept
// in their gzip form only (0.6 MB), which is what crawlers ask for; the server decompresses
// it for a client that does not take gzip. A paper of 1,000,000 articles keeps all its
// sitemap files in about 12 MB.
constexpr std::size_t kGzipOnlyFrom = 256 * 1024;

http::PreparedBody KeptBody(const http::PreparedBody& body, PageCache::Freshness freshness) {
  const bool large = body.bytes && body.bytes->size() >= kGzipOnlyFrom;
  return freshness == PageCache::Freshness::kUntilChange && large ? http::GzipOnly(body) : body;
}

// Serves a page from the cache, or renders and keeps it. The key is the page's canonical
// address (path + the query keys the page reads) and, for HTML, the view mode. Only 200s
// are kept; error answers come from ErrorResponse, which has its own entries.
// The same page under another address ("/article/007", "?page=1", "Host: Example.COM.") is
// sent to its canonical one before anything is looked up or rendered, so that such addresses
// cannot fill the page cache with copies.
std::optional<http::Response> NonCanonical(const SiteContext& site, const http::Request& request,
                                           const std::vector<std::string>& query_keys) {
  std::optional<std::string> location =
      CanonicalRedirect(request, query_keys, site.deps.config.base_url);
  if (!location) return std::nullopt;
  return http::Redirect(std::move(*location), 301);
}

// Which article a page is about (its page, print page, API entry): a change to another
// article leaves it in the cache.
enum class Subject { kList, kArticle };

// What a page shows besides what its address and the store say, as a part of its cache key;
// null for most pages.
using KeyPart = std::string (*)(const SiteContext&);

// Search pages: the index's state (its last indexed change). The search follower indexes a
// change some time after the page cache has seen it, so a page made in between holds the
// index as it was; under the index's next state it is not found again.
std::string SearchIndexState(const SiteContext& site) {
  if (site.deps.searcher == nullptr) return "\nsearch off";
  return "\nindexed " + std::to_string(site.deps.searcher->Status().indexed_sequence);
}

// `handler`'s page made from one snapshot of the store: its reads share one read transaction
// (store/read_scopes.hpp), so that a page never shows, say, an article beside a list from
// before the article's change. The scope ends with the handler, before the page is kept.
// Only for pages that read: a write inside the scope would not be seen by the reads after it
// (Uncached's form posts write, and show what they wrote).
http::Response FromOneSnapshot(const SiteContext& site, const http::Request& request,
                               const PageRequest& page, PageHandler handler) {
  const store::ReadScope scope = site.deps.store.OpenReadScope();
  return handler(site, request, page);
}

http::Handler Cached(const SiteContext* site, Kind kind, std::vector<std::string> query_keys,
                     PageHandler handler,
                     PageCache::Freshness freshness = PageCache::Freshness::kTimed,
                     Subject subject = Subject::kList, KeyPart key_part = nullptr) {
  return [site, kind, query_keys = std::move(query_keys), handler, freshness, subject,
          key_part](const http::Request& request) {
    if (std::optional<http::Response> moved = NonCanonical(*site, request, query_keys)) {
      return std::move(*moved);
    }
    const PageRequest page = MakePageRequest(*site, kind, request, query_keys);
    std::string key = PageCacheKey(page.self_url, page.view_mode, page.origin);
    if (key_part != nullptr) key += key_part(*site);

    const PageCache::Lookup lookup = site->cache->Find(key);
    http::Response response;
    if (lookup.page && lookup.page->ads) {
      // Asked for again: worth its best compression, made off the request path.
      if (site->recompressor != nullptr) site->recompressor->Ask(key, lookup.page);
      std::shared_ptr<const AdPage> successor;
      response = ServeWithAds(*site, request, *lookup.page->ads, lookup.page->content_type, {},
                              &successor);
      if (successor) {
        // Its copy's comment part is gone: the page with the new one as its copy, in its place.
        auto next = std::make_shared<PageCache::Page>(*lookup.page);
        next->body = successor->unfilled;
        next->ads = std::move(successor);
        site->cache->Replace(key, lookup.page.get(), std::move(next));
      }
    } else if (lookup.page) {
      response = http::Prepared(lookup.page->body, lookup.page->content_type);
    } else {
      response = FromOneSnapshot(*site, request, page, handler);
      if (response.status == 200) {
        auto entry = std::make_shared<PageCache::Page>();
        entry->content_type = response.content_type;
        // Banner slots (issue #7): the page is kept cut at its markers, and every answer,
        // this one included, has banners spliced in.
        std::string plain;  // the page without markers, for its first answer (CutAtAdMarkers)
        if (kind == Kind::kHtml && response.body.bytes) {
          std::shared_ptr<const ads::LiveSet> live;
          // The campaigns as of every change the cache applied before this page's lookup
          // (later ones move its generation): a store read per miss only when the set is
          // older than that (issue #14).
          if (site->rotation != nullptr) live = site->rotation->CurrentCovering(lookup.sequence);
          // No pieces yet: a page asked for again gets them at the best level then.
          entry->ads = CutAtAdMarkers(
              *response.body.bytes, live.get(),
              site->recompressor != nullptr ? kPiecesLater : http::kBestJoinLevel, &plain);
        }
        if (!entry->ads) {
          response.body = PreparedOnce(response.body);
          entry->body = KeptBody(response.body, freshness);
        } else {
          entry->body = entry->ads->unfilled;
        }
        if (entry->ads) {
          std::vector<std::pair<std::string, std::string>> headers = std::move(response.headers);
          response = ServeWithAds(*site, request, *entry->ads, entry->content_type, plain);
          response.headers = std::move(headers);
        }
        store::ArticleId article_id = 0;
        if (subject == Subject::kArticle) article_id = ParseId(request.PathParam("id")).value_or(0);
        const store::ArticleId commented = entry->ads ? CommentedArticle(*entry->ads) : 0;
        const bool kept = site->cache->Insert(std::move(key), lookup.generation, std::move(entry),
                                              freshness, article_id);
        // Its comment part was made for this page alone: no cached page will ask for it.
        if (!kept && commented != 0 && site->comment_parts != nullptr) {
          site->comment_parts->DropUnread(commented);
        }
      }
    }
    AddVary(kind, response);
    return response;
  };
}

// Feeds and sitemaps are made of articles alone: they are rendered again only when the change
// sequence moves, not every page_cache_seconds (crawlers fetch them often, and a sitemap file
// is the most expensive page to make).
http::Handler CachedUntilChange(const SiteContext* site, PageHandler handler) {
  return Cached(site, Kind::kXml, {}, handler, PageCache::Freshness::kUntilChange);
}

// The article page: cached for readers; rendered apart, with a 기사수정 link and never
// cached, for staff who may edit the article.
http::Handler ArticleRoute(const SiteContext* site) {
  http::Handler cached =
      Cached(site, Kind::kHtml, {}, ArticlePage, PageCache::Freshness::kTimed, Subject::kArticle);
  return [site, cached = std::move(cached)](const http::Request& request) {
    if (std::optional<http::Response> moved = NonCanonical(*site, request, {})) {
      return std::move(*moved);
    }
    if (site->deps.staff_edit_url) {
      const Result<std::int64_t> id = ParseId(request.PathParam("id"));
      std::optional<std::string> edit_url;
      if (id) edit_url = site->deps.staff_edit_url(request, *id);
      if (edit_url) {
        PageRequest page = MakePageRequest(*site, Kind::kHtml, request, {});
        page.staff_edit_url = std::move(*edit_url);
        http::Response response =
            FillAdSlots(*site, request, FromOneSnapshot(*site, request, page, ArticlePage));
        response.cache_control = "private, no-store";
        AddVary(Kind::kHtml, response);
        return response;
      }
    }
    return cached(request);
  };
}

// Renders every request: for pages whose addresses are too many to cache (search).
http::Handler Uncached(const SiteContext* site, Kind kind, std::vector<std::string> query_keys,
                       PageHandler handler) {
  return [site, kind, query_keys = std::move(query_keys), handler](const http::Request& request) {
    if (std::optional<http::Response> moved = NonCanonical(*site, request, query_keys)) {
      return std::move(*moved);
    }
    http::Response response =
        handler(*site, request, MakePageRequest(*site, kind, request, query_keys));
    if (kind == Kind::kHtml) response = FillAdSlots(*site, request, std::move(response));
    AddVary(kind, response);
    return response;
  };
}

PageCache::Options CacheOptions(const Config& config) {
  PageCache::Options options;
  options.ttl = std::chrono::seconds(std::max(0, config.page_cache_seconds));
  options.max_bytes = static_cast<std::size_t>(config.page_cache_mb) << 20;
  return options;
}

}  // namespace

std::string PageCacheKey(std::string_view self_url, ViewMode view_mode, std::string_view origin) {
  std::string key(self_url);
  key += '\n';
  key += ViewModeName(view_mode);
  key += '\n';
  key += origin;
  return key;
}

Site::Site(SiteDeps deps) {
  SINMUN_CHECK(deps.store.catalog != nullptr && deps.store.archive != nullptr &&
               deps.store.changes != nullptr && deps.store.rankings != nullptr &&
               deps.store.ads != nullptr && deps.clock != nullptr && deps.renderer != nullptr &&
               deps.static_files != nullptr);
  const PageCache::Options cache_options = CacheOptions(deps.config);
  cache_ = std::make_unique<PageCache>(deps.store.changes, cache_options);
  shared_ = std::make_unique<SharedParts>(cache_options.ttl);
  // The comment parts live as long as the pages they fill, in half their budget: pages with
  // holes are kept compressed only (12-15 KB an article page then), and a quarter held about as
  // many parts (about 3 KB each, counted as twice their HTML) as there were pages, so parts
  // went while their pages stayed, and a page's next hit made its part and a body again
  // (docs/BENCHMARKS.md, issue #14). At about 8 KB a page (one copy, session 18) the cache
  // holds more pages than half holds parts; such a hit then puts its body in as the page's
  // copy (ServeWithAds's successor) rather than keeping a second one.
  comment_parts_ = std::make_unique<CommentParts>(cache_options.ttl, cache_options.max_bytes / 2);
  if (cache_options.ttl.count() > 0)
    recompressor_ = std::make_unique<PageRecompressor>(cache_.get());
  context_ = std::make_unique<SiteContext>(SiteContext{.deps = std::move(deps),
                                                       .cache = cache_.get(),
                                                       .shared = shared_.get(),
                                                       .comment_parts = comment_parts_.get(),
                                                       .recompressor = recompressor_.get()});
  if (context_->deps.ad_signer != nullptr) {
    rotation_ = std::make_unique<ads::Rotation>(
        ads::RotationStore(context_->deps.store.ads, context_->deps.store.changes,
                           context_->deps.store.catalog),
        context_->deps.clock, BannerMaker(context_.get()), ads::Rotation::Options{});
    context_->rotation = rotation_.get();
  }
  if (context_->deps.store.breaking != nullptr) {
    const SiteContext* site = context_.get();
    breaking_ = std::make_unique<BreakingTicker>(
        site->deps.store.breaking, site->deps.clock, site->deps.breaking_refresh,
        [site](const store::BreakingItem& item) {
          const nlohmann::json view = {{"text", item.text}, {"url", item.url}};
          Result<std::string> html = site->deps.renderer->Render("partials/breaking", view);
          return html ? *html : std::string();
        });
    context_->breaking = breaking_.get();
  }
}

Site::~Site() = default;

// The public site's route table.
void Site::AddRoutes(http::Router& router) {
  const SiteContext* site = context_.get();
  // An imported site's /?p=ID and /?page_id=ID are its front page's address with a query:
  // answered before the front page, whose canonical address drops every query.
  router.Get(
      "/", [site, front = Cached(site, Kind::kHtml, {}, FrontPage)](const http::Request& request) {
        if (request.Query("p") || request.Query("page_id")) {
          if (std::optional<http::Response> moved = OldSiteRedirect(*site, request)) {
            return std::move(*moved);
          }
          return ErrorResponse(*site, 404, ViewModeOf(request));
        }
        return front(request);
      });
  router.Get("/section/{slug}", Cached(site, Kind::kHtml, {"page"}, SectionPage));
  router.Get("/video", Cached(site, Kind::kHtml, {"page"}, VideoPage));
  router.Get("/photos", Cached(site, Kind::kHtml, {"page"}, PhotoNewsPage));
  // Views are counted for cached pages too: the counting wraps the cache.
  router.Get("/article/{id}", CountingViews(site, ArticleRoute(site)));
  router.Post("/article/{id}/recommend",
              [site](const http::Request& request) { return RecommendArticle(*site, request); });
  router.Get("/article/{id}/email", Uncached(site, Kind::kHtml, {}, EmailArticlePage));
  router.Post("/article/{id}/email", Uncached(site, Kind::kHtml, {}, EmailArticlePage));
  router.Get("/article/{id}/comments", Uncached(site, Kind::kHtml, {"sort", "page"}, CommentsPage));
  // A guest's comment carries a password, hashed (posting) or verified (editing, deleting)
  // with argon2id: under a millisecond now (comment_password.hpp), but a comment posted
  // before that still verifies at the account limits (0.2 s, 64 MB), and every post is a
  // store write. Both run on the server's work pool rather than on the I/O thread, so that a
  // flood of them cannot stall readers (a full pool answers 503).
  const http::Admission password_work{.on_work_pool = true};
  router.Post("/article/{id}/comments", Uncached(site, Kind::kHtml, {}, PostComment),
              password_work);
  router.Post("/comment/{id}/vote",
              [site](const http::Request& request) { return VoteComment(*site, request); });
  router.Post("/comment/{id}/report",
              [site](const http::Request& request) { return ReportComment(*site, request); });
  router.Post("/comment/{id}/delete",
              [site](const http::Request& request) { return DeleteStaffComment(*site, request); });
  router.Get("/corrections", Cached(site, Kind::kHtml, {"page"}, CorrectionsList));
  router.Get("/corrections/request",
             Uncached(site, Kind::kHtml, {"article"}, CorrectionRequestPage));
  router.Post("/corrections/request", Uncached(site, Kind::kHtml, {}, CorrectionRequestPage),
              http::Admission{.max_body_bytes = kCorrectionBodyBytes});
  router.Get("/corrections/status/{token}",
             Uncached(site, Kind::kHtml, {"received"}, CorrectionStatusPage));
  router.Get("/tip", Uncached(site, Kind::kHtml, {}, TipFormPage));
  router.Get("/submit", Uncached(site, Kind::kHtml, {}, TipFormPage));
  router.Post("/tip", Uncached(site, Kind::kHtml, {}, TipFormPage),
              http::Admission{.max_body_bytes = kTipBodyBytes});
  router.Get("/tip/status/{token}", Uncached(site, Kind::kHtml, {"received"}, TipStatusPage));
  router.Get("/page/{path...}", Cached(site, Kind::kHtml, {"version"}, StaticPage));
  // The comment rules' first address, which the comment pages of issue #16 linked.
  router.Get("/comment-policy",
             [](const http::Request&) { return http::Redirect("/page/comment-policy", 301); });
  router.Get("/comment/{id}/edit", Uncached(site, Kind::kHtml, {}, EditCommentPage));
  router.Post("/comment/{id}/edit", Uncached(site, Kind::kHtml, {}, EditCommentPage),
              password_work);
  router.Get("/article/{id}/print", Cached(site, Kind::kHtml, {}, PrintPage,
                                           PageCache::Freshness::kTimed, Subject::kArticle));
  router.Get("/article/{id}/list",
             [site](const http::Request& request) { return BackToListRedirect(*site, request); });
  router.Get("/reporter/{id}", Cached(site, Kind::kHtml, {"page"}, ReporterPage));
  router.Get("/series/{id}", Cached(site, Kind::kHtml, {}, SeriesPage));
  router.Get("/most-viewed", Cached(site, Kind::kHtml, {"window", "section"}, MostViewedPage));
  router.Get("/api/v1/most-viewed",
             Cached(site, Kind::kJson, {"window", "section", "limit"}, ApiMostViewed));
  router.Get("/news/articleView.html", [site](const http::Request& request) {
    return LegacyArticleRedirect(*site, request);
  });
  router.Get("/view-mode",
             [site](const http::Request& request) { return ViewModeSwitch(*site, request); });
  router.Get("/api/v1/articles", Cached(site, Kind::kJson, {"section", "page"}, ApiArticleList));
  router.Get("/api/v1/articles/{id}", Cached(site, Kind::kJson, {}, ApiArticle,
                                             PageCache::Freshness::kTimed, Subject::kArticle));
  router.Get("/api/v1/articles/{id}/comments",
             Uncached(site, Kind::kJson, {"sort", "page"}, ApiComments));
  const std::vector<std::string> search_keys = {"q",  "section", "reporter", "from",
                                                "to", "sort",    "page"};
  // The search page is kept like a list page (a change to the paper makes it stale), and per
  // state of the index: readers ask the same few queries of the day over and over, and a
  // search is the dearest page to make (issue #14). Every new query is still a render.
  router.Get("/search", Cached(site, Kind::kHtml, search_keys, SearchPage,
                               PageCache::Freshness::kTimed, Subject::kList, SearchIndexState));
  router.Get("/api/v1/search", Uncached(site, Kind::kJson, search_keys, ApiSearch));
  router.Get("/rss", CachedUntilChange(site, RssFeed));
  router.Get("/rss/section/{slug}", CachedUntilChange(site, SectionRssFeed));
  router.Get("/rss/reporter/{id}", CachedUntilChange(site, ReporterRssFeed));
  router.Get("/sitemap.xml", CachedUntilChange(site, SitemapIndex));
  router.Get("/sitemaps/{file}", CachedUntilChange(site, SitemapFile));
  // Timed: articles leave its 48-hour window as time passes.
  router.Get("/news-sitemap.xml", Cached(site, Kind::kXml, {}, NewsSitemap));
  router.Get("/robots.txt", Cached(site, Kind::kXml, {}, RobotsTxt));
  router.Get("/ad/click/{campaign}",
             [site](const http::Request& request) { return AdClick(*site, request); });
  if (!site->deps.uploads_dir.empty()) router.Get("/uploads/{path...}", UploadFiles(site));
  site->deps.static_files->AddRoutes(router);
  router.SetNotFound([site](const http::Request& request) {
    if (request.method == http::Method::kGet || request.method == http::Method::kHead) {
      if (std::optional<http::Response> key = IndexNowKeyFile(*site, request)) {
        return std::move(*key);
      }
      if (std::optional<http::Response> moved = OldSiteRedirect(*site, request)) {
        return std::move(*moved);
      }
    }
    return ErrorResponse(*site, 404, ViewModeOf(request));
  });
}

void Site::CommentsChanged(store::ArticleId article) const {
  ForgetCommentPart(*context_, article);
}

http::Response Site::ErrorPage(int status) const {
  return ErrorResponse(*context_, status, ViewMode::kAuto);
}

}  // namespace sinmun::site
