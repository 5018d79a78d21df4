// The role x route matrix: every newsroom route, asked by a logged-out browser, a reporter,
// an editor, an admin and an ad manager. Logged out: 303 to the login form. A role without the
// permission: 403, and nothing changes (no audit line, no change in the change sequence). Allowed:
// the handler answers (whatever it answers to an empty form, it is not 403 or a login redirect).

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

enum class Needs { kSignedIn, kWrite, kDesk, kAdmin, kAds };

struct RouteCase {
  http::Method method;
  std::string target;  // {reporter}, {section} and {ad} are replaced by seeded ids
  Needs needs;
};

// THE list of newsroom routes. Every route added to the newsroom goes here.
std::vector<RouteCase> Routes() {
  using http::Method;
  return {
      // accounts.cpp (the login form itself is public; logout is last, see the test)
      {Method::kGet, "/newsroom/password", Needs::kSignedIn},
      {Method::kPost, "/newsroom/password", Needs::kSignedIn},
      // admin.cpp and admin_*.cpp
      {Method::kGet, "/newsroom/admin", Needs::kAdmin},
      {Method::kGet, "/newsroom/admin/audit", Needs::kAdmin},
      {Method::kGet, "/newsroom/admin/users", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/users", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/users/{user}", Needs::kAdmin},
      {Method::kGet, "/newsroom/admin/sections", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/sections", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/sections/{section}", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/sections/{section}/move", Needs::kAdmin},
      {Method::kGet, "/newsroom/admin/reporters", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/reporters", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/reporters/{reporter}", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/reporters/{reporter}/photo", Needs::kAdmin},
      {Method::kGet, "/newsroom/admin/settings", Needs::kAdmin},
      {Method::kPost, "/newsroom/admin/settings", Needs::kAdmin},
      // ads_admin.cpp (issue #7)
      {Method::kGet, "/newsroom/ads", Needs::kAds},
      {Method::kPost, "/newsroom/ads", Needs::kAds},
      {Method::kGet, "/newsroom/ads/new", Needs::kAds},
      {Method::kGet, "/newsroom/ads/{ad}", Needs::kAds},
      {Method::kPost, "/newsroom/ads/{ad}", Needs::kAds},
      {Method::kPost, "/newsroom/ads/{ad}/active", Needs::kAds},
      {Method::kGet, "/newsroom/ads/{ad}/report", Needs::kAds},
      {Method::kGet, "/newsroom/ads/{ad}/report.csv", Needs::kAds},
      // desk_pages.cpp, desk_actions.cpp, revision_pages.cpp. {article} is a fresh draft
      // written by the account asking (a reporter may act on own drafts only).
      {Method::kGet, "/newsroom", Needs::kWrite},
      {Method::kGet, "/newsroom/articles/new", Needs::kWrite},
      {Method::kPost, "/newsroom/articles", Needs::kWrite},
      {Method::kPost, "/newsroom/articles/preview", Needs::kWrite},
      {Method::kGet, "/newsroom/articles/{article}", Needs::kWrite},
      {Method::kPost, "/newsroom/articles/{article}", Needs::kWrite},
      {Method::kGet, "/newsroom/articles/{article}/revisions", Needs::kWrite},
      {Method::kGet, "/newsroom/articles/{article}/revisions/1", Needs::kWrite},
      {Method::kPost, "/newsroom/articles/{article}/revisions/1/restore", Needs::kWrite},
      {Method::kPost, "/newsroom/articles/{article}/submit", Needs::kWrite},
      {Method::kPost, "/newsroom/articles/{article}/publish", Needs::kDesk},
      {Method::kPost, "/newsroom/articles/{article}/schedule", Needs::kDesk},
      {Method::kPost, "/newsroom/articles/{article}/unpublish", Needs::kDesk},
      {Method::kPost, "/newsroom/articles/{article}/delete", Needs::kWrite},
      // Keep last: it ends the session.
      {Method::kPost, "/newsroom/logout", Needs::kSignedIn},
  };
}

bool Allowed(store::Role role, Needs needs) {
  switch (needs) {
    case Needs::kSignedIn:
      return true;
    case Needs::kWrite:
      return role != store::Role::kAdManager;
    case Needs::kDesk:
      return role == store::Role::kEditor || role == store::Role::kAdmin;
    case Needs::kAdmin:
      return role == store::Role::kAdmin;
    case Needs::kAds:
      return role == store::Role::kAdmin || role == store::Role::kAdManager;
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

  // A draft written by `author`, for the {article} routes.
  store::ArticleId Draft(store::UserId author) {
    store::ArticleContent content;
    content.section_id = sections_.front().id;
    content.headline = "권한 확인용 초안";
    content.reporter_ids = {reporters_.front()};
    return sinmun::testing::Must(store_->CreateDraft(content, author, kStart));
  }

  std::string Target(const RouteCase& route, store::UserId user,
                     store::ArticleId article = 1) const {
    std::string target = route.target;
    const auto replace = [&](const std::string& slot, std::int64_t id) {
      const size_t at = target.find(slot);
      if (at != std::string::npos) target.replace(at, slot.size(), std::to_string(id));
    };
    replace("{reporter}", reporters_.front());
    replace("{section}", sections_.front().id);
    replace("{user}", user);
    replace("{article}", article);
    replace("{ad}", ad_);
    return target;
  }

  http::Response Ask(Browser& browser, const RouteCase& route, const std::string& target,
                     const std::string& csrf) {
    if (route.method == http::Method::kGet) return Get(browser, target);
    return Post(browser, target, {{"csrf", csrf}});
  }
};

TEST_F(AccessMatrixTest, EveryRouteAnswersEachRoleAsItsPermissionSays) {
  const store::UserId target_user = AddUser("target@example.com", store::Role::kReporter);
  ad_ = AddCampaign();
  Browser nobody;
  for (const RouteCase& route : Routes()) {
    const http::Response response = Ask(nobody, route, Target(route, target_user), "");
    EXPECT_EQ(response.status, 303) << route.target;
    EXPECT_EQ(Header(response, "Location").rfind("/newsroom/login?next=", 0), 0u) << route.target;
  }

  for (const store::Role role : {store::Role::kReporter, store::Role::kEditor, store::Role::kAdmin,
                                 store::Role::kAdManager}) {
    const std::string email = std::string(store::RoleName(role)) + "@example.com";
    const store::UserId me = AddUser(email, role);
    Browser browser;
    ASSERT_EQ(Login(browser, email).status, 303) << email;
    const std::string csrf = Csrf(browser);
    ASSERT_FALSE(csrf.empty());
    for (const RouteCase& route : Routes()) {
      const bool on_article = route.target.find("{article}") != std::string::npos;
      const std::string target = Target(route, target_user, on_article ? Draft(me) : 0);
      const std::int64_t audit_before = AuditCount();
      const std::int64_t sequence_before = *store_->ChangeSequence();
      const http::Response response = Ask(browser, route, target, csrf);
      const std::string what = email + " " + route.target;
      if (Allowed(role, route.needs)) {
        EXPECT_NE(response.status, 403) << what;
        EXPECT_NE(Header(response, "Location").rfind("/newsroom/login?", 0), 0u) << what;
        EXPECT_LT(response.status, 500) << what;
      } else if (role == store::Role::kAdManager && target == "/newsroom") {
        // An ad manager's home is the banners page.
        EXPECT_EQ(response.status, 303) << what;
        EXPECT_EQ(Header(response, "Location"), "/newsroom/ads") << what;
      } else {
        EXPECT_EQ(response.status, 403) << what;
        EXPECT_EQ(AuditCount(), audit_before) << what;
        EXPECT_EQ(*store_->ChangeSequence(), sequence_before) << what;
      }
      EXPECT_EQ(response.cache_control, "no-store") << what;
    }
  }
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
