#pragma once
// The newsroom (/newsroom/...): the back office where staff log in, write, approve and
// administer the paper. Never cached; every route checks the role of a logged-in account.
//
// How the pieces fit (for everyone adding newsroom pages):
// - context.hpp: NewsroomContext, what every handler gets (deps, cookie settings).
// - guard.hpp: the table wraps every handler: StaffPage(ctx, Permission::kX, &Handler) for GET
//   pages, StaffAction(ctx, Permission::kX, &Handler) for POST (also checks the form field "csrf").
//   No valid session: 303 to /newsroom/login?next=<path>. Role lacks the permission: 403 page.
//   Handlers have the signature
//     http::Response Handler(const NewsroomContext&, const http::Request&, const Staff&);
//   Per-record checks (a reporter edits only own articles) are the handler's job.
// - staff.hpp: Staff, who is asking (id, name, role, reporter_id, csrf_token).
// - page.hpp: RenderNewsroomPage(ctx, staff, "newsroom/<template>", view, title) renders a
//   template inside templates/newsroom/layout (nav, logout); the view gets "csrf" set.
//   NewsroomError(ctx, status) for 4xx/5xx pages; NewsroomErrorFor(ctx, error) maps an Error
//   through http::StatusFor.
// - audit.hpp: RecordAudit(ctx, staff, request, "publish", "article:17", detail).
// - routes.cpp: THE route table. A new page is one line there (method, path, Permission or
//   kPublic, handler, body limit) and a declaration in handlers.hpp; AddRoutes registers it.
// - Forms: request.Form("field") / FormAll("field") read the text fields of urlencoded and
//   multipart bodies (http/request.hpp).
// - Labels: messages/*.json keys start with "newsroom_" ({{t.newsroom_...}}).
//
// Thread safety: after AddRoutes, handlers may run on any number of threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/time.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "render/renderer.hpp"
#include "search/searcher.hpp"
#include "store/accounts.hpp"
#include "store/ad_book.hpp"
#include "store/audit_trail.hpp"
#include "store/breaking_news.hpp"
#include "store/catalog.hpp"
#include "store/comment_bans.hpp"
#include "store/comment_book.hpp"
#include "store/corrections.hpp"
#include "store/desk.hpp"
#include "store/mail_outbox.hpp"
#include "store/masthead.hpp"
#include "store/photo_library.hpp"
#include "store/series_book.hpp"
#include "store/static_pages.hpp"
#include "store/tips.hpp"
#include "store/traffic_reads.hpp"

namespace sinmun::ads {
class ClickSigner;  // ads/click_signer.hpp
}  // namespace sinmun::ads

namespace sinmun::counters {
class Counters;  // counters/counters.hpp
}  // namespace sinmun::counters

namespace sinmun::newsroom {

// The store roles the back office uses, made from the one object that serves them all.
struct NewsroomStore {
  NewsroomStore() = default;
  template <typename S>
  NewsroomStore(S* store)  // NOLINT(google-explicit-constructor): one store, several roles
      : catalog(store),
        accounts(store),
        desk(store),
        masthead(store),
        audit(store),
        ads(store),
        comments(store),
        comment_bans(store),
        pages(store),
        traffic(store),
        corrections(store),
        outbox(store),
        breaking(store),
        series(store),
        tips(store),
        photos(store) {}

  const store::Catalog* catalog = nullptr;
  store::Accounts* accounts = nullptr;
  store::Desk* desk = nullptr;
  store::Masthead* masthead = nullptr;
  store::AuditTrail* audit = nullptr;
  store::AdBook* ads = nullptr;
  // Optional: readers' comments (issue #16). Null: the moderation queue answers 503.
  store::CommentBook* comments = nullptr;
  // Optional: comment bans (issue #16). Null: the bans page answers 503.
  store::CommentBans* comment_bans = nullptr;
  // Static pages (issue #18). REQUIRES: set (the administration's page editor uses it).
  store::StaticPages* pages = nullptr;
  const store::TrafficReads* traffic = nullptr;  // the 통계 page (issue #20)
  // Optional: correction and reply cases (issue #18) and the outbox that mails their
  // requesters. Null corrections: the case pages answer 503; null outbox: no mail.
  store::CorrectionDesk* corrections = nullptr;
  store::MailOutbox* outbox = nullptr;
  // Optional: the breaking-news ticker (issue #18). Null: its page answers 503.
  store::BreakingNews* breaking = nullptr;
  // Optional: series (연재, issue #18). Null: its pages answer 503 and the article form has
  // no series picker.
  store::SeriesBook* series = nullptr;
  // Optional: readers' news tips and submissions (issue #18). Null: the inbox answers 503.
  store::TipBox* tips = nullptr;
  // The photo library (issue #19): its page and the article form's check of a photo id.
  // REQUIRES: set.
  const store::PhotoLibrary* photos = nullptr;
};

struct NewsroomDeps {
  NewsroomStore store;           // REQUIRES: every role set; the store outlives the Newsroom
  const Clock* clock = nullptr;  // REQUIRES: outlives the Newsroom
  std::shared_ptr<const render::Renderer> renderer;
  std::shared_ptr<const http::StaticFiles> static_files;  // for the stylesheet's URL
  Config config;  // [newsroom] session settings, base_url (https means Secure cookies), paper
  std::string uploads_dir;  // DIR/uploads: uploaded photos are written here (served at /uploads/)
  // Optional: signs the device cookie a browser gets when it signs in, which lets it still
  // try an account that failures from elsewhere have locked (issue #17). Null: no device
  // cookies. REQUIRES: outlives the Newsroom when set.
  const ads::ClickSigner* token_signer = nullptr;
  // Suggests keyword tags on the article form; nullptr: no suggestions. REQUIRES: outlives
  // the Newsroom.
  const search::Searcher* searcher = nullptr;
  // Optional: called after a moderator changed a comment of `article`, so that the site drops
  // its cached pages that show it (app/ wires it to the site; newsroom/ never includes site/).
  std::function<void(const http::Request&, store::ArticleId)> comments_changed;
  // Optional: the view counters, whose in-memory rankings give the 통계 page's top articles
  // of this hour, 24 hours and 7 days for the site, a section or a reporter without summing
  // every hourly row of a large paper. Null: the store sums them. REQUIRES: outlives the
  // Newsroom when set.
  counters::Counters* counters = nullptr;
  // A reporter with more bylines than this gets the 통계 page's top lists from the rankings
  // filtered by byline; with fewer the store sums their articles' rows (a few key ranges
  // each), which is quicker when few of their articles are read.
  std::int64_t stats_bylines_summed = 2000;
  // DIR/originals: every upload as it was sent, never served (photo_upload.hpp). "": none kept.
  std::string originals_dir;
};

struct NewsroomContext;

class Newsroom {
 public:
  // REQUIRES: store, clock, renderer and static_files are set.
  explicit Newsroom(NewsroomDeps deps);
  ~Newsroom();
  Newsroom(const Newsroom&) = delete;
  Newsroom& operator=(const Newsroom&) = delete;

  // Adds every /newsroom route. REQUIRES: the Newsroom outlives the router.
  void AddRoutes(http::Router& router);

  // Where the sender of `request` may edit article `id` ("/newsroom/articles/{id}"), or
  // nullopt: no session cookie (answered without touching the store), no valid session, or a
  // role that may not edit it. For the site's 기사수정 link. Thread safe.
  std::optional<std::string> EditUrlFor(const http::Request& request, store::ArticleId id) const;

  // The staff member signed in with `request`'s session cookie, or nullopt: no cookie
  // (answered without touching the store), no valid session, or the store failed. For the
  // site's comments posted by staff. Thread safe.
  std::optional<store::User> StaffFor(const http::Request& request) const;

 private:
  std::unique_ptr<NewsroomContext> context_;
};

}  // namespace sinmun::newsroom
