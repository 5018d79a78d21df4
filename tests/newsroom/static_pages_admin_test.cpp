// Static pages (issue #18) in the administration: writing a legal page, amending it with a
// later effective date, the versions kept, a form with errors kept as typed, and who may.

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

class StaticPagesAdminTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    AddUser("admin@example.com", store::Role::kAdmin);
    ASSERT_EQ(Login(admin_, "admin@example.com").status, 303);
  }

  Browser admin_;
};

TEST_F(StaticPagesAdminTest, AnAdminWritesAPageAndAmendsItAheadOfItsDate) {
  const std::string list = Body(Get(admin_, "/newsroom/admin/pages"));
  EXPECT_NE(list.find("href=\"/newsroom/admin/pages/edit?new=privacy\">개인정보처리방침</a>"),
            std::string::npos);
  const std::string form = Body(Get(admin_, "/newsroom/admin/pages/edit?new=privacy"));
  EXPECT_EQ(InputValue(form, "path"), "privacy");
  EXPECT_EQ(InputValue(form, "title"), "개인정보처리방침");

  ASSERT_EQ(Act(admin_, "/newsroom/admin/pages",
                {{"path", "privacy"},
                 {"title", "개인정보처리방침"},
                 {"body", "제1조 처음"},
                 {"effective", "2024-05-01"},
                 {"footer", "1"}})
                .status,
            303);
  ASSERT_EQ(Act(admin_, "/newsroom/admin/pages",
                {{"path", "privacy"},
                 {"title", "개인정보처리방침"},
                 {"body", "제1조 개정"},
                 {"effective", "2024-06-01 00:00"},
                 {"footer", "1"}})
                .status,
            303);

  const store::StaticPage now = store_->StaticPageAt("privacy", kStart).value();
  EXPECT_EQ(now.body_markdown, "제1조 처음");
  EXPECT_TRUE(now.saved_by.has_value());
  const store::StaticPage june = store_->StaticPageAt("privacy", 1717167600).value();
  EXPECT_EQ(june.version, 2);
  EXPECT_EQ(june.body_markdown, "제1조 개정");
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"static_page_save"});

  const std::string listed = Body(Get(admin_, "/newsroom/admin/pages"));
  EXPECT_NE(listed.find("v1 · 2024-05-01 00:00"), std::string::npos) << listed;
  EXPECT_NE(listed.find("(예정 2024-06-01 00:00)"), std::string::npos) << listed;
  EXPECT_EQ(listed.find("edit?new=privacy"), std::string::npos);
  // Editing starts from the newest version and lists them all.
  const std::string edit = Body(Get(admin_, "/newsroom/admin/pages/edit?path=privacy"));
  EXPECT_NE(edit.find(">제1조 개정</textarea>"), std::string::npos);
  EXPECT_NE(edit.find("href=\"/page/privacy?version=1\">v1</a>"), std::string::npos);
}

TEST_F(StaticPagesAdminTest, AFormWithErrorsIsShownAgainAsTypedAndSavesNothing) {
  const http::Response bad = Act(admin_, "/newsroom/admin/pages",
                                 {{"path", "Privacy Policy"},
                                  {"title", ""},
                                  {"body", "지켜야 할 본문"},
                                  {"effective", "내일"},
                                  {"footer", "-1"}});
  EXPECT_EQ(bad.status, 400);
  const std::string html = Body(bad);
  EXPECT_EQ(InputValue(html, "path"), "Privacy Policy");
  EXPECT_EQ(InputValue(html, "effective"), "내일");
  EXPECT_NE(html.find(">지켜야 할 본문</textarea>"), std::string::npos);
  for (const std::string field : {"path", "title", "effective", "footer"}) {
    EXPECT_NE(html.find("id=\"" + field + "-error\""), std::string::npos) << field;
  }
  EXPECT_TRUE(store_->StaticPagesAt(kStart + 365 * 86400).value().empty());
  EXPECT_EQ(Get(admin_, "/newsroom/admin/pages/edit?path=nothing").status, 404);
}

TEST_F(StaticPagesAdminTest, OnlyAdminsEditPages) {
  AddUser("editor@example.com", store::Role::kEditor);
  Browser editor;
  ASSERT_EQ(Login(editor, "editor@example.com").status, 303);
  EXPECT_EQ(Get(editor, "/newsroom/admin/pages").status, 403);
  EXPECT_EQ(Act(editor, "/newsroom/admin/pages",
                {{"path", "terms"}, {"title", "약관"}, {"body", "x"}, {"effective", "2024-05-01"}})
                .status,
            403);
  EXPECT_TRUE(store_->StaticPageVersions("terms").value().empty());
}

}  // namespace
}  // namespace sinmun::newsroom
