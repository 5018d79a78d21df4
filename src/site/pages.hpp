#pragma once
// Private to site/: one handler a page, each in its own file. Handlers are thin: parse the
// request strictly, ask the store with clock->Now(), build the view model, render.

#include <optional>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "site/context.hpp"

namespace sinmun::site {

// front_page.cpp: GET /
http::Response FrontPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page);
// section_page.cpp: GET /section/{slug}?page=N
http::Response SectionPage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
// video_page.cpp: GET /video?page=N, 영상뉴스: the articles with a video, newest first
http::Response VideoPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page);
// photo_news_page.cpp: GET /photos?page=N, 포토뉴스: the published galleries as a grid
http::Response PhotoNewsPage(const SiteContext& site, const http::Request& request,
                             const PageRequest& page);
// article_page.cpp: GET /article/{id}
http::Response ArticlePage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
// print_page.cpp: GET /article/{id}/print
http::Response PrintPage(const SiteContext& site, const http::Request& request,
                         const PageRequest& page);
// reporter_page.cpp: GET /reporter/{id}?page=N
http::Response ReporterPage(const SiteContext& site, const http::Request& request,
                            const PageRequest& page);
// most_viewed_page.cpp: GET /most-viewed?window=24h|7d|30d|all&section=slug
http::Response MostViewedPage(const SiteContext& site, const http::Request& request,
                              const PageRequest& page);
// The right-rail box of the most-viewed page: the last 24 hours' top 7 (all-time views when
// nothing was counted in 24 hours), rendered (templates/partials/most_viewed_box): pages
// include it unescaped as {{{most_viewed_box_html}}}.
Result<std::shared_ptr<const std::string>> MostViewedBoxHtml(const SiteContext& site,
                                                             Timestamp now);
// Published articles ranked by views in `window` (nullopt: all-time totals from the store),
// optionally in one section, at most `limit`; each summary's views are the window's.
Result<std::vector<store::ArticleSummary>> RankedArticles(const SiteContext& site,
                                                          std::optional<counters::Window> window,
                                                          std::optional<store::SectionId> section,
                                                          int limit, Timestamp now);
// most_viewed_api.cpp: GET /api/v1/most-viewed?window=&section=&limit=
http::Response ApiMostViewed(const SiteContext& site, const http::Request& request,
                             const PageRequest& page);
// reader_counting.cpp: counts a view of /article/{id} (a 200 to a GET from a non-bot) around
// the (cached) page handler, and sets the visitor cookie when the request had none.
http::Handler CountingViews(const SiteContext* site, http::Handler page);
// recommend.cpp: POST /article/{id}/recommend
http::Response RecommendArticle(const SiteContext& site, const http::Request& request);
// email_page.cpp: GET and POST /article/{id}/email
http::Response EmailArticlePage(const SiteContext& site, const http::Request& request,
                                const PageRequest& page);
// comments_page.cpp: GET /article/{id}/comments?sort=latest|recommended|replies&page=N and
// the same as JSON at /api/v1/articles/{id}/comments (issue #16)
http::Response CommentsPage(const SiteContext& site, const http::Request& request,
                            const PageRequest& page);
http::Response ApiComments(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
// static_page.cpp: GET /page/{path...}?version=N: a static page (issue #18) in the version in
// force, or an earlier one; /page/comment-policy shows sinmun's own comment rules until the
// paper saves its own.
// series_page.cpp: GET /series/{id}, a series' published episodes in order
http::Response SeriesPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page);
http::Response StaticPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page);
// correction_pages.cpp (issue #18): GET and POST /corrections/request (the request form, a
// multipart body of at most kCorrectionBodyBytes; a bigger one gets 413), GET
// /corrections/status/{token} (the requester's status page) and GET /corrections?page=N (the
// published corrections); ArticleCorrectionsView: an article's published corrections, for
// the box at its top and its JSON-LD (empty without the store's corrections).
inline constexpr std::size_t kCorrectionBodyBytes = std::size_t{16} << 20;
http::Response CorrectionRequestPage(const SiteContext& site, const http::Request& request,
                                     const PageRequest& page);
http::Response CorrectionStatusPage(const SiteContext& site, const http::Request& request,
                                    const PageRequest& page);
http::Response CorrectionsList(const SiteContext& site, const http::Request& request,
                               const PageRequest& page);
nlohmann::json ArticleCorrectionsView(const SiteContext& site, store::ArticleId id);
// tip_pages.cpp (issue #18): GET and POST /tip and /submit (제보하기 and 독자투고: one form
// with a kind, a multipart body of at most kTipBodyBytes, each file at most kMaxTipFileBytes;
// bigger gets 413) and GET /tip/status/{token} (the tipster's status page).
inline constexpr std::size_t kMaxTipFileBytes = std::size_t{25} << 20;
inline constexpr std::size_t kTipBodyBytes = std::size_t{64} << 20;
http::Response TipFormPage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
http::Response TipStatusPage(const SiteContext& site, const http::Request& request,
                             const PageRequest& page);
// comment_actions.cpp: POST /article/{id}/comments (a comment or a reply), POST
// /comment/{id}/vote and /comment/{id}/report, GET and POST /comment/{id}/edit (a guest's
// edit or delete, with the password)
http::Response PostComment(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
http::Response VoteComment(const SiteContext& site, const http::Request& request);
http::Response ReportComment(const SiteContext& site, const http::Request& request);
// comment_actions.cpp: POST /comment/{id}/delete, a staff member's own comment while signed in
http::Response DeleteStaffComment(const SiteContext& site, const http::Request& request);
http::Response EditCommentPage(const SiteContext& site, const http::Request& request,
                               const PageRequest& page);
// legacy_redirect.cpp: GET /news/articleView.html?idxno=N -> 301 /article/N
http::Response LegacyArticleRedirect(const SiteContext& site, const http::Request& request);
// legacy_redirect.cpp: an address of an imported site (a WordPress permalink, /?p=ID,
// /?page_id=ID, a category, tag or author archive) -> 301 to its new page; nullopt when the
// address is none of them (or no store of imports is set).
std::optional<http::Response> OldSiteRedirect(const SiteContext& site,
                                              const http::Request& request);
// index_now_key.cpp: GET /{key}.txt, IndexNow's key file (text/plain, the key itself), for
// the key in force; nullopt for any other address.
std::optional<http::Response> IndexNowKeyFile(const SiteContext& site,
                                              const http::Request& request);
http::Response BackToListRedirect(const SiteContext& site, const http::Request& request);
// uploads.cpp: GET /uploads/{path...}, a file of SiteDeps::uploads_dir, cached for a year
// while readers are shown its photo, else "private, no-cache".
http::Handler UploadFiles(const SiteContext* site);
// view_mode.cpp: GET /view-mode?m=mobile|pc&return=/path -> cookie + 303
http::Response ViewModeSwitch(const SiteContext& site, const http::Request& request);
// api.cpp: GET /api/v1/articles and /api/v1/articles/{id}
http::Response ApiArticleList(const SiteContext& site, const http::Request& request,
                              const PageRequest& page);
http::Response ApiArticle(const SiteContext& site, const http::Request& request,
                          const PageRequest& page);
// search_page.cpp: GET /search?q=&section=&reporter=&from=&to=&sort=&page= and the same as
// JSON at /api/v1/search. Never cached (see there).
http::Response SearchPage(const SiteContext& site, const http::Request& request,
                          const PageRequest& page);
http::Response ApiSearch(const SiteContext& site, const http::Request& request,
                         const PageRequest& page);

// feeds.cpp: RSS 2.0 of the latest 50: GET /rss, /rss/section/{slug}, /rss/reporter/{id}
http::Response RssFeed(const SiteContext& site, const http::Request& request,
                       const PageRequest& page);
http::Response SectionRssFeed(const SiteContext& site, const http::Request& request,
                              const PageRequest& page);
http::Response ReporterRssFeed(const SiteContext& site, const http::Request& request,
                               const PageRequest& page);
// sitemaps.cpp: GET /sitemap.xml, /sitemaps/{file}, /news-sitemap.xml, /robots.txt
http::Response SitemapIndex(const SiteContext& site, const http::Request& request,
                            const PageRequest& page);
http::Response SitemapFile(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
http::Response NewsSitemap(const SiteContext& site, const http::Request& request,
                           const PageRequest& page);
http::Response RobotsTxt(const SiteContext& site, const http::Request& request,
                         const PageRequest& page);

}  // namespace sinmun::site
