// The role x route matrix: every newsroom route of the route table (routes.cpp), asked by a
// logged-out browser, a reporter, an editor, an admin and an ad manager. Logged out: 303 to the
// login form. A role without the permission: 403, and nothing changes (no audit line, no
// change in the change sequence). Allowed: the handler answers (whatever it answers to an
// empty form, it is not 403 or a login redirect). The table is walked, not copied: a route
// added to it is in this test at once.

#include <algorithm>
#include <set>

#include "newsroom/routes.hpp"
#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

// The staff routes of the table, logout last (it ends the session).
std::vector<Route> StaffRoutes() {
  std::vector<Route> routes;
  for (const Route& route : RouteTable()) {
    if (route.permission) routes.push_back(route);
  }
  std::stable_partition(routes.begin(), routes.end(),
                        [](const Route& route) { return route.pattern != "/newsroom/logout"; });
  return routes;
}

std::string Describe(const Route& route) {
  return std::string(route.method == http::Method::kGet ? "GET " : "POST ") +
         std::string(route.pattern);
}

// Who may use a route, written out again here rather than asked of guard.cpp's Allows.
bool Allowed(store::Role role, Permission needs) {
  switch (needs) {
    case Permission::kSignedIn:
      return true;
    case Permission::kWrite:
      return role != store::Role::kAdManager && role != store::Role::kOmbudsman;
    case Permission::kDesk:
      return role == store::Role::kEditor || role == store::Role::kAdmin;
    case Permission::kAdmin:
      return role == store::Role::kAdmin;
    case Permission::kAds:
      return role == store::Role::kAdmin || role == store::Role::kAdManager;
    case Permission::kCorrections:
      return role == store::Role::kAdmin || role == store::Role::kEditor ||
             role == store::Role::kOmbudsman;
  }
  return false;
}

class AccessMatrixTest : public NewsroomTest {
 protected:
  // A campaign for the {ad} routes.
  store::AdCampaignId AddCampaign() {
    return sinmun::testing::Must(store_->InsertAdCampaign({.advertiser = "광고주",
                                                           .title = "권한 확인용 광고",
                                                           .slots = {"top"},
                                                           .target_url = "https://example.com/",
                                                           .starts_at = kStart,
                                                           .ends_at = kStart + 86400,
                                                           .weight = 1}));
  }
  store::AdCampaignId ad_ = 0;

  // A reader's correction request, for the {correction} routes.
  store::CorrectionId AddCorrection() {
    const store::ArticleId article = sinmun::testing::InsertArticle(
        *store_, sinmun::testing::MakeArticle(sections_.front().id, "정정 대상", kStart - 3600));
    return sinmun::testing::Must(store_->FileCorrection({.article_id = article,
                                                         .requester = "청구인",
                                                         .contact = "reader@example.com",
                                                         .text = "정정 보도문",
                                                         .status_token = "matrix",
                                                         .received_at = kStart}));
  }
  store::CorrectionId correction_ = 0;
  // A series (연재), for the {series} routes.
  store::SeriesId series_ = 0;

  // A reader's submission with a file, for the {tip} routes.
  store::TipId AddTip() {
    return sinmun::testing::Must(store_->FileTip(
        {.kind = store::TipKind::kSubmission,
         .title = "독자투고",
         .text = "본문",
         .status_token = "matrix-tip",
         .files = {{.name = "a.pdf", .media_type = "application/pdf", .data = "%PDF-"}},
         .received_at = kStart}));
  }
  store::TipId tip_ = 0;
  // A comment ban, for the {ban} routes.
  store::CommentBanId ban_ = 0;

  // A draft written by `author`, for the {article} routes.
  store::ArticleId Draft(store::UserId author) {
    store::ArticleContent content;
    content.section_id = sections_.front().id;
    content.headline = "권한 확인용 초안";
    content.reporter_ids = {reporters_.front()};
    return sinmun::testing::Must(store_->CreateDraft(content, author, kStart));
  }

  // The route's pattern with its {id} filled by a seeded record of the kind the path names,
  // and {n} (a revision number) by 1.
  std::string Target(const Route& route, store::UserId user, store::ArticleId article = 1) const {
    std::string target(route.pattern);
    const auto fill = [&](const std::string& kind, std::int64_t id) {
      const std::string slot = "/newsroom/" + kind + "/{id}";
      const size_t at = target.find(slot);
      if (at != std::string::npos) {
        target.replace(at + slot.size() - 4, 4, std::to_string(id));
      }
    };
    fill("admin/reporters", reporters_.front());
    fill("admin/sections", sections_.front().id);
    fill("admin/users", user);
    fill("articles", article);
    fill("ads", ad_);
    fill("corrections", correction_);
    fill("series", series_);
    fill("tips", tip_);
    fill("comments/bans", ban_);
    if (const size_t at = target.find("{n}"); at != std::string::npos) target.replace(at, 3, "1");
    EXPECT_EQ(target.find('{'), std::string::npos) << "no seeded record for " << route.pattern;
    return target;
  }

  http::Response Ask(Browser& browser, const Route& route, const std::string& target,
                     const std::string& csrf) {
    if (route.method == http::Method::kGet) return Get(browser, target);
    return Post(browser, target, {{"csrf", csrf}});
  }
};

TEST_F(AccessMatrixTest, EveryRouteAnswersEachRoleAsItsPermissionSays) {
  const store::UserId target_user = AddUser("target@example.com", store::Role::kReporter);
  ad_ = AddCampaign();
  correction_ = AddCorrection();
  series_ = sinmun::testing::Must(store_->CreateSeries({.title = "연재", .created_at = kStart}));
  tip_ = AddTip();
  ban_ = sinmun::testing::Must(store_->PutCommentBan(
      {.kind = store::BanKind::kVisitor, .target = "c1", .created_at = kStart}));
  Browser nobody;
  const std::vector<Route> routes = StaffRoutes();
  ASSERT_GE(routes.size(), 40u);
  for (const Route& route : routes) {
    const http::Response response = Ask(nobody, route, Target(route, target_user), "");
    EXPECT_EQ(response.status, 303) << Describe(route);
    EXPECT_EQ(Header(response, "Location").rfind("/newsroom/login?next=", 0), 0u)
        << Describe(route);
  }

  for (const store::Role role : {store::Role::kReporter, store::Role::kEditor, store::Role::kAdmin,
                                 store::Role::kAdManager, store::Role::kOmbudsman}) {
    const std::string email = std::string(store::RoleName(role)) + "@example.com";
    const store::UserId me = AddUser(email, role);
    Browser browser;
    ASSERT_EQ(Login(browser, email).status, 303) << email;
    const std::string csrf = Csrf(browser);
    ASSERT_FALSE(csrf.empty());
    for (const Route& route : routes) {
      const bool on_article = route.pattern.starts_with("/newsroom/articles/{id}");
      const std::string target = Target(route, target_user, on_article ? Draft(me) : 0);
      const std::int64_t audit_before = AuditCount();
      const std::int64_t sequence_before = *store_->ChangeSequence();
      const http::Response response = Ask(browser, route, target, csrf);
      const std::string what = email + " " + Describe(route);
      if (Allowed(role, *route.permission)) {
        EXPECT_NE(response.status, 403) << what;
        EXPECT_NE(Header(response, "Location").rfind("/newsroom/login?", 0), 0u) << what;
        EXPECT_LT(response.status, 500) << what;
      } else if (role == store::Role::kAdManager && target == "/newsroom") {
        // An ad manager's home is the banners page.
        EXPECT_EQ(response.status, 303) << what;
        EXPECT_EQ(Header(response, "Location"), "/newsroom/ads") << what;
      } else if (role == store::Role::kOmbudsman && target == "/newsroom") {
        // An ombudsman's home is the correction cases.
        EXPECT_EQ(response.status, 303) << what;
        EXPECT_EQ(Header(response, "Location"), "/newsroom/corrections") << what;
      } else {
        EXPECT_EQ(response.status, 403) << what;
        EXPECT_EQ(AuditCount(), audit_before) << what;
        EXPECT_EQ(*store_->ChangeSequence(), sequence_before) << what;
      }
      EXPECT_EQ(response.cache_control, "no-store") << what;
    }
  }
}

TEST_F(AccessMatrixTest, OnlyTheLoginFormIsPublic) {
  std::set<std::string> public_routes;
  for (const Route& route : RouteTable()) {
    if (!route.permission) public_routes.insert(Describe(route));
  }
  EXPECT_EQ(public_routes, (std::set<std::string>{"GET /newsroom/login", "POST /newsroom/login"}));
  Browser nobody;
  EXPECT_EQ(Get(nobody, "/newsroom/login").status, 200);
}

TEST_F(AccessMatrixTest, EveryTableRouteIsRoutedAndNoOtherNewsroomPathIs) {
  Browser nobody;
  for (const Route& route : RouteTable()) {
    const std::string target = Target(route, 1, 1);
    const http::Response response =
        route.method == http::Method::kGet ? Get(nobody, target) : Post(nobody, target, {});
    EXPECT_NE(response.status, 404) << Describe(route);
    EXPECT_NE(response.status, 405) << Describe(route);
  }
  EXPECT_EQ(Get(nobody, "/newsroom/nowhere").status, 404);
}

// Uploads (a photo, a reporter's portrait, a banner image) are refused from the request's
// head, before the server reads up to 21 MB of body: a stranger gets the login redirect and
// a role without the permission the 403 page, exactly as the handler would answer; the
// allowed role is let in. Every other route keeps the ordinary form limit.
TEST_F(AccessMatrixTest, UploadsAreRefusedBeforeTheirBodyUnlessTheRoleMayUseThem) {
  AddUser("reporter@example.com", store::Role::kReporter);
  AddUser("admin@example.com", store::Role::kAdmin);
  Browser nobody;
  Browser reporter;
  Browser admin;
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  ASSERT_EQ(Login(admin, "admin@example.com").status, 303);
  ad_ = AddCampaign();

  size_t uploads = 0;
  for (const Route& route : RouteTable()) {
    const std::string target = Target(route, 1, 1);
    size_t limit = 0;
    const std::optional<http::Response> stranger = AskHead(nobody, route.method, target, &limit);
    EXPECT_EQ(limit, route.max_body_bytes) << Describe(route);
    if (route.max_body_bytes <= kFormBodyBytes) {
      EXPECT_FALSE(stranger.has_value()) << Describe(route);
      continue;
    }
    ++uploads;
    EXPECT_EQ(route.method, http::Method::kPost) << Describe(route);
    ASSERT_TRUE(stranger.has_value()) << Describe(route);
    EXPECT_EQ(stranger->status, 303) << Describe(route);
    EXPECT_EQ(Header(*stranger, "Location").rfind("/newsroom/login?next=", 0), 0u)
        << Describe(route);

    const std::optional<http::Response> as_reporter = AskHead(reporter, route.method, target);
    if (Allowed(store::Role::kReporter, *route.permission)) {
      EXPECT_FALSE(as_reporter.has_value()) << Describe(route);
    } else {
      ASSERT_TRUE(as_reporter.has_value()) << Describe(route);
      EXPECT_EQ(as_reporter->status, 403) << Describe(route);
    }
    EXPECT_FALSE(AskHead(admin, route.method, target).has_value()) << Describe(route);
  }
  // The article form, its preview and its save; a reporter's portrait; a banner, new and edited.
  EXPECT_EQ(uploads, 6u);
}

// Checking or hashing a password (argon2id: tens of milliseconds and 64 MB) is the work of
// the login, the password form and a new account: those routes, and only those, run on the
// server's work pool, off the I/O threads that serve readers (issue #17; the server's side,
// readers served and the overflow's 503, is tests/http/server_test.cpp's).
TEST_F(AccessMatrixTest, ThePasswordRoutesAndOnlyThoseRunOnTheWorkPool) {
  std::set<std::string> on_work_pool;
  for (const Route& route : RouteTable()) {
    http::Request request;
    request.method = route.method;
    request.path = Target(route, 1, 1);
    if (router_.AdmissionFor(request).on_work_pool) on_work_pool.insert(Describe(route));
  }
  EXPECT_EQ(on_work_pool, (std::set<std::string>{"POST /newsroom/login", "POST /newsroom/password",
                                                 "POST /newsroom/admin/users"}));
}

TEST_F(AccessMatrixTest, AReporterCannotAddAUserNorHideASection) {
  AddUser("reporter@example.com", store::Role::kReporter);
  Browser reporter;
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  const size_t users_before = store_->Users()->size();

  EXPECT_EQ(Act(reporter, "/newsroom/admin/users",
                {{"email", "new@example.com"},
                 {"name", "새 사람"},
                 {"role", "admin"},
                 {"password", "a long enough password"}})
                .status,
            403);
  EXPECT_EQ(Act(reporter, "/newsroom/admin/sections/" + std::to_string(sections_[0].id),
                {{"name", "바뀐 이름"}, {"hidden", "1"}})
                .status,
            403);

  EXPECT_EQ(store_->Users()->size(), users_before);
  EXPECT_EQ(store_->Sections()->size(), 3u);
  EXPECT_EQ(store_->Sections()->front().name, sections_[0].name);
}

}  // namespace
}  // namespace sinmun::newsroom
