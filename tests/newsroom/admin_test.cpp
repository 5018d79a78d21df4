// Administration through the newsroom's routes: users, sections, reporter profiles, site
// settings and the audit log.

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

class AdminTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    admin_id_ = AddUser("admin@example.com", store::Role::kAdmin);
    ASSERT_EQ(Login(admin_, "admin@example.com").status, 303);
  }

  store::UserId admin_id_ = 0;
  Browser admin_;
};

TEST_F(AdminTest, AnAddedUserCanLogInAndADuplicateEmailIsRefusedKeepingTheForm) {
  const http::Response added = Act(admin_, "/newsroom/admin/users",
                                   {{"email", "park@example.com"},
                                    {"name", "박기자"},
                                    {"role", "reporter"},
                                    {"reporter", std::to_string(reporters_[1])},
                                    {"password", "first password!"}});
  ASSERT_EQ(added.status, 303);
  EXPECT_NE(Body(Get(admin_, "/newsroom/admin/users")).find("park@example.com"), std::string::npos);
  const store::User park = store_->CredentialsByEmail("park@example.com")->user;
  EXPECT_EQ(park.role, store::Role::kReporter);
  EXPECT_EQ(park.reporter_id, reporters_[1]);
  Browser browser;
  EXPECT_EQ(Login(browser, "park@example.com", "first password!").status, 303);

  const http::Response duplicate = Act(admin_, "/newsroom/admin/users",
                                       {{"email", "PARK@example.com"},
                                        {"name", "다른 박기자"},
                                        {"role", "editor"},
                                        {"reporter", ""},
                                        {"password", "first password!"}});
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_NE(Body(duplicate).find("이미 등록된 이메일입니다."), std::string::npos);
  EXPECT_NE(Body(duplicate).find("value=\"다른 박기자\""), std::string::npos);

  const http::Response bad_role = Act(admin_, "/newsroom/admin/users",
                                      {{"email", "choi@example.com"},
                                       {"name", "최"},
                                       {"role", "owner"},
                                       {"password", "first password!"}});
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_EQ(store_->Users()->size(), 2u);
}

TEST_F(AdminTest, AdminActionsWithoutTheCsrfTokenAreRefusedAndChangeNothing) {
  const std::int64_t sequence = *store_->ChangeSequence();
  const Fields user = {{"email", "park@example.com"},
                       {"name", "박"},
                       {"role", "admin"},
                       {"password", "first password!"}};
  EXPECT_EQ(Post(admin_, "/newsroom/admin/users", user).status, 403);
  Fields forged = user;
  forged.emplace_back("csrf", "forged");
  EXPECT_EQ(Post(admin_, "/newsroom/admin/users", forged).status, 403);
  EXPECT_EQ(
      Post(admin_, "/newsroom/admin/sections", {{"slug", "culture"}, {"name", "문화"}}).status,
      403);
  EXPECT_EQ(
      Post(admin_, "/newsroom/admin/settings", {{"paper.name", "가짜일보"}, {"language", "ko"}})
          .status,
      403);
  EXPECT_EQ(store_->Users()->size(), 1u);
  EXPECT_EQ(store_->AllSections()->size(), 3u);
  EXPECT_TRUE(store_->SiteSettings()->empty());
  EXPECT_EQ(*store_->ChangeSequence(), sequence);
}

TEST_F(AdminTest, ARoleChangeAppliesAtOnceAndIsAudited) {
  const store::UserId kim = AddUser("kim@example.com", store::Role::kReporter);
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  EXPECT_EQ(Get(browser, "/newsroom/admin").status, 403);

  const http::Response saved =
      Act(admin_, "/newsroom/admin/users/" + std::to_string(kim),
          {{"name", "김기자"}, {"role", "admin"}, {"reporter", ""}, {"active", "1"}});
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(Get(browser, "/newsroom/admin").status, 200);
  const store::AuditEntry last = store_->AuditLog(store::Page{.number = 1, .size = 1})->items[0];
  EXPECT_EQ(last.action, "role_change");
  EXPECT_EQ(last.actor, "admin@example.com");
  EXPECT_EQ(last.target, "user:" + std::to_string(kim));
  EXPECT_NE(last.detail.find("reporter -> admin"), std::string::npos);
}

TEST_F(AdminTest, DeactivatingAUserEndsTheirSessions) {
  const store::UserId kim = AddUser("kim@example.com", store::Role::kEditor);
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  ASSERT_EQ(Act(admin_, "/newsroom/admin/users/" + std::to_string(kim),
                {{"name", "김기자"}, {"role", "editor"}, {"reporter", ""}})
                .status,
            303);
  EXPECT_EQ(Get(browser, "/newsroom/password").status, 303);
  EXPECT_EQ(Login(browser, "kim@example.com").status, 401);
  EXPECT_FALSE(store_->UserById(kim)->active);
}

TEST_F(AdminTest, AnAdminCannotDemoteOrDeactivateThemself) {
  const http::Response response =
      Act(admin_, "/newsroom/admin/users/" + std::to_string(admin_id_),
          {{"name", "관리자"}, {"role", "reporter"}, {"reporter", ""}, {"active", "1"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(store_->UserById(admin_id_)->role, store::Role::kAdmin);
}

TEST_F(AdminTest, SectionsAreCreatedRenamedReorderedAndHidden) {
  const std::int64_t sequence = *store_->ChangeSequence();
  ASSERT_EQ(Act(admin_, "/newsroom/admin/sections", {{"slug", "culture"}, {"name", "문화"}}).status,
            303);
  EXPECT_GT(*store_->ChangeSequence(), sequence);
  ASSERT_EQ(store_->Sections()->back().slug, "culture");

  const store::SectionId culture = store_->Sections()->back().id;
  ASSERT_EQ(Act(admin_, "/newsroom/admin/sections/" + std::to_string(culture) + "/move",
                {{"direction", "up"}})
                .status,
            303);
  std::vector<std::string> slugs;
  const std::vector<store::Section> reordered = *store_->Sections();
  for (const store::Section& section : reordered) slugs.push_back(section.slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"politics", "economy", "culture", "society"}));

  const std::int64_t before_hide = *store_->ChangeSequence();
  ASSERT_EQ(Act(admin_, "/newsroom/admin/sections/" + std::to_string(sections_[0].id),
                {{"name", "정치·행정"}, {"hidden", "1"}})
                .status,
            303);
  EXPECT_GT(*store_->ChangeSequence(), before_hide);
  const std::vector<store::Section> visible = *store_->Sections();
  for (const store::Section& section : visible) EXPECT_NE(section.slug, "politics");
  // Hidden from the section bar, still there for its articles' pages.
  EXPECT_EQ(store_->SectionBySlug("politics")->name, "정치·행정");
  EXPECT_NE(Body(Get(admin_, "/newsroom/admin/sections")).find("정치·행정"), std::string::npos);
}

TEST_F(AdminTest, BadSectionInputGetsAMessageNotAChange) {
  EXPECT_EQ(Act(admin_, "/newsroom/admin/sections", {{"slug", "Bad Slug"}, {"name", "x"}}).status,
            400);
  const http::Response taken =
      Act(admin_, "/newsroom/admin/sections", {{"slug", "politics"}, {"name", "또 정치"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_NE(Body(taken).find("value=\"또 정치\""), std::string::npos);
  EXPECT_EQ(Act(admin_, "/newsroom/admin/sections/999999", {{"name", "없음"}}).status, 404);
  EXPECT_EQ(Act(admin_, "/newsroom/admin/sections/abc", {{"name", "없음"}}).status, 404);
  EXPECT_EQ(store_->Sections()->size(), 3u);
}

TEST_F(AdminTest, AReporterProfileIsEditedAndShowsItsLinkedAccount) {
  AddUser("kim@example.com", store::Role::kReporter, reporters_[0]);
  ASSERT_EQ(Act(admin_, "/newsroom/admin/reporters/" + std::to_string(reporters_[0]),
                {{"name", "김대전"}, {"email", "daejeon@example.com"}, {"bio", "대전시청 출입"}})
                .status,
            303);
  const store::Reporter reporter = *store_->ReporterById(reporters_[0]);
  EXPECT_EQ(reporter.name, "김대전");
  EXPECT_EQ(reporter.bio, "대전시청 출입");
  const std::string page = Body(Get(admin_, "/newsroom/admin/reporters"));
  EXPECT_NE(page.find("kim@example.com"), std::string::npos);
  EXPECT_EQ(
      Act(admin_, "/newsroom/admin/reporters/" + std::to_string(reporters_[0]), {{"name", ""}})
          .status,
      400);
}

TEST_F(AdminTest, SiteSettingsAreStoredAndShown) {
  Fields fields = {{"paper.name", "대전매일"}, {"paper.publisher", "김발행"}, {"language", "ko"}};
  const std::int64_t sequence = *store_->ChangeSequence();
  ASSERT_EQ(Act(admin_, "/newsroom/admin/settings", fields).status, 303);
  EXPECT_GT(*store_->ChangeSequence(), sequence);
  const store::Settings stored = *store_->SiteSettings();
  EXPECT_NE(std::find(stored.begin(), stored.end(),
                      std::pair<std::string, std::string>{"paper.name", "대전매일"}),
            stored.end());
  const std::string page = Body(Get(admin_, "/newsroom/admin/settings"));
  EXPECT_NE(page.find("value=\"김발행\""), std::string::npos);
  EXPECT_NE(page.find("<title>사이트 설정 - 뉴스룸 - 대전매일</title>"), std::string::npos);

  EXPECT_EQ(
      Act(admin_, "/newsroom/admin/settings", {{"paper.name", ""}, {"language", "ko"}}).status,
      400);
  EXPECT_EQ(
      Act(admin_, "/newsroom/admin/settings", {{"paper.name", "x"}, {"language", "fr"}}).status,
      400);
}

// The comments' banned words (issue #16): a list of lines on the settings page and what a hit
// does, saved and shown; an action other than hold or refuse is refused with nothing stored.
TEST_F(AdminTest, TheBannedWordsAreAListOnTheSettingsPage) {
  const std::string before = Body(Get(admin_, "/newsroom/admin/settings"));
  EXPECT_NE(before.find("<textarea id=\"newsroom_setting_comments_banned_words\" "
                        "name=\"comments.banned_words\""),
            std::string::npos)
      << before;
  EXPECT_NE(before.find("<option value=\"hold\" selected>"), std::string::npos);
  Fields fields = {{"paper.name", "대전매일"},
                   {"language", "ko"},
                   {"comments.banned_words", "바보\r\n<광고>"},
                   {"comments.banned_word_action", "refuse"}};
  ASSERT_EQ(Act(admin_, "/newsroom/admin/settings", fields).status, 303);
  const std::string after = Body(Get(admin_, "/newsroom/admin/settings"));
  EXPECT_NE(after.find("name=\"comments.banned_words\" rows=\"6\">바보\r\n&lt;광고&gt;</textarea>"),
            std::string::npos)
      << after;
  EXPECT_NE(after.find("<option value=\"refuse\" selected>"), std::string::npos);
  fields.back().second = "delete";
  EXPECT_EQ(Act(admin_, "/newsroom/admin/settings", fields).status, 400);
  const store::Settings stored = *store_->SiteSettings();
  EXPECT_NE(std::find(stored.begin(), stored.end(),
                      std::pair<std::string, std::string>{"comments.banned_word_action", "refuse"}),
            stored.end());
}

// The comments' closing default (issue #16), today in sinmun.toml, is a number on the
// settings page: saved and shown, refused out of its range with nothing stored.
TEST_F(AdminTest, TheCommentsClosingDefaultIsANumberOnTheSettingsPage) {
  const std::string before = Body(Get(admin_, "/newsroom/admin/settings"));
  EXPECT_NE(before.find("type=\"number\" name=\"comments.close_after_days\" value=\"0\" "
                        "min=\"0\" max=\"36500\""),
            std::string::npos);
  Fields fields = {
      {"paper.name", "대전매일"}, {"language", "ko"}, {"comments.close_after_days", "14"}};
  ASSERT_EQ(Act(admin_, "/newsroom/admin/settings", fields).status, 303);
  const store::Settings stored = *store_->SiteSettings();
  EXPECT_NE(std::find(stored.begin(), stored.end(),
                      std::pair<std::string, std::string>{"comments.close_after_days", "14"}),
            stored.end());
  EXPECT_NE(Body(Get(admin_, "/newsroom/admin/settings"))
                .find("name=\"comments.close_after_days\" value=\"14\""),
            std::string::npos);
  EXPECT_EQ(store_->AuditLog(store::Page{.number = 1, .size = 1})->items[0].action,
            "settings_update");

  for (const std::string bad : {"-1", "사흘", "36501"}) {
    fields[2].second = bad;
    EXPECT_EQ(Act(admin_, "/newsroom/admin/settings", fields).status, 400) << bad;
  }
  const store::Settings kept = *store_->SiteSettings();
  EXPECT_NE(std::find(kept.begin(), kept.end(),
                      std::pair<std::string, std::string>{"comments.close_after_days", "14"}),
            kept.end());
}

TEST_F(AdminTest, TheAuditLogListsLoginsNewestFirst) {
  Browser browser;
  Login(browser, "admin@example.com", "wrong password!");
  const std::string page = Body(Get(admin_, "/newsroom/admin/audit"));
  const size_t failed = page.find("login_failed");
  const size_t login = page.find("<td>login</td>");
  ASSERT_NE(failed, std::string::npos);
  ASSERT_NE(login, std::string::npos);
  EXPECT_LT(failed, login);
  EXPECT_NE(page.find("192.0.2.10"), std::string::npos);
  EXPECT_EQ(Get(admin_, "/newsroom/admin/audit?page=0").status, 400);
}

}  // namespace
}  // namespace sinmun::newsroom
