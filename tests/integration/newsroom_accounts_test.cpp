// Newsroom accounts from the real binary: `sinmun user add/passwd`, the demo accounts that
// `sinmun demo` prints, logging in over HTTP, and administration that the public site follows.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include "http/request.hpp"
#include "integration/newsroom_staff.hpp"
#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;

class NewsroomAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-accounts-XXXXXX";
    root_ = ::mkdtemp(pattern);
    data_ = root_ + "/paper";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string PasswordFile(const std::string& password) {
    const std::string path = root_ + "/password.txt";
    std::ofstream(path) << password << "\n";
    return path;
  }

  std::string root_;
  std::string data_;
};

TEST_F(NewsroomAccountsTest, UserAddCreatesAnAccountThatCanLogIn) {
  ASSERT_EQ(MakeDemoPaper(data_, {"--articles", "20"}).exit_code, 0);
  const CommandResult added =
      RunSinmun({"user", "add", "--data", data_, "--email", "desk@example.com", "--name", "데스크",
                 "--role", "editor", "--password-file", PasswordFile("editor password 1")});
  ASSERT_EQ(added.exit_code, 0) << added.out;
  EXPECT_NE(added.out.find("desk@example.com"), std::string::npos);

  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  Staff editor(server.port());
  const HttpResponse login = editor.Login("desk@example.com", "editor password 1");
  ASSERT_EQ(login.status, 303) << login.body;
  EXPECT_NE(editor.set_cookie().find("HttpOnly"), std::string::npos);
  EXPECT_NE(editor.set_cookie().find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(editor.Get("/newsroom/password").status, 200);
  EXPECT_EQ(editor.Get("/newsroom/admin").status, 403);  // an editor is no admin

  // `user passwd` ends the account's sessions.
  const CommandResult passwd =
      RunSinmun({"user", "passwd", "--data", data_, "--email", "desk@example.com",
                 "--password-file", PasswordFile("editor password 2")});
  ASSERT_EQ(passwd.exit_code, 0) << passwd.out;
  EXPECT_EQ(editor.Get("/newsroom/password").status, 303);
  EXPECT_EQ(Staff(server.port()).Login("desk@example.com", "editor password 1").status, 401);
  EXPECT_EQ(Staff(server.port()).Login("desk@example.com", "editor password 2").status, 303);
}

TEST_F(NewsroomAccountsTest, UserAddRefusesBadInputWithOneLineAndExitCode2) {
  ASSERT_EQ(MakeDemoPaper(data_, {"--articles", "0"}).exit_code, 0);
  const std::string good = PasswordFile("a good password");
  const auto add = [&](const std::string& email, const std::string& role,
                       const std::string& password_file) {
    return RunSinmun({"user", "add", "--data", data_, "--email", email, "--name", "이름", "--role",
                      role, "--password-file", password_file});
  };
  const CommandResult bad_role = add("a@example.com", "owner", good);
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.out.find("unknown role 'owner'"), std::string::npos) << bad_role.out;

  ASSERT_EQ(add("a@example.com", "reporter", good).exit_code, 0);
  const CommandResult duplicate = add("A@example.com", "admin", good);
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_NE(duplicate.out.find("exists"), std::string::npos) << duplicate.out;

  const CommandResult short_password = add("b@example.com", "reporter", PasswordFile("short"));
  EXPECT_EQ(short_password.exit_code, 2);
  EXPECT_NE(short_password.out.find("10"), std::string::npos) << short_password.out;

  const CommandResult no_file = add("c@example.com", "reporter", root_ + "/missing.txt");
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_NE(no_file.out.find("cannot read"), std::string::npos) << no_file.out;

  const CommandResult not_email = add("not-an-email", "reporter", good);
  EXPECT_EQ(not_email.exit_code, 2);

  const CommandResult no_folder =
      RunSinmun({"user", "add", "--data", root_ + "/none", "--email", "d@example.com", "--name",
                 "이름", "--role", "reporter", "--password-file", good});
  EXPECT_EQ(no_folder.exit_code, 2) << no_folder.out;

  const CommandResult unknown = RunSinmun({"user", "passwd", "--data", data_, "--email",
                                           "nobody@example.com", "--password-file", good});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("no account"), std::string::npos) << unknown.out;
}

TEST_F(NewsroomAccountsTest, DemoAccountsLogInAndTheAdminsChangesReachThePublicSite) {
  const CommandResult demo = MakeDemoPaper(data_, {"--articles", "30"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  std::smatch match;
  ASSERT_TRUE(
      std::regex_search(demo.out, match, std::regex(R"(admin\s+admin@example\.com\s+(\S+))")))
      << demo.out;
  const std::string admin_password = match[1];
  EXPECT_TRUE(std::regex_search(demo.out, std::regex(R"(editor\s+editor@example\.com\s+\S+)")));
  EXPECT_TRUE(std::regex_search(demo.out, std::regex(R"(reporter\s+reporter@example\.com\s+\S+)")));

  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  Staff admin(server.port());
  const HttpResponse login = admin.Login("admin@example.com", admin_password);
  ASSERT_EQ(login.status, 303) << login.body;
  EXPECT_EQ(login.Header("location"), "/newsroom/admin");
  const HttpResponse sections = admin.Get("/newsroom/admin/sections");
  ASSERT_EQ(sections.status, 200);
  EXPECT_EQ(sections.Header("cache-control"), "no-store");

  // The section bar before: the first section is there (and the page is now cached).
  std::smatch first;
  ASSERT_TRUE(std::regex_search(
      sections.body, first,
      std::regex(R"re(id="section-(\d+)">\s*<td><a href="/section/([a-z0-9-]+)")re")))
      << sections.body;
  ASSERT_EQ(first.size(), 3u) << sections.body;
  const std::string section_id = first[1];
  const std::string slug = first[2];
  ASSERT_NE(HttpGet(server.port(), "/").body.find("href=\"/section/" + slug + "\""),
            std::string::npos);

  ASSERT_EQ(
      admin.Act("/newsroom/admin/sections/" + section_id, {{"name", "숨긴 섹션"}, {"hidden", "1"}})
          .status,
      303);
  ASSERT_EQ(
      admin
          .Act("/newsroom/admin/settings",
               {{"paper.name", "새이름일보"}, {"paper.publisher", "홍발행"}, {"language", "ko"}})
          .status,
      303);

  // The page cache follows the change sequence: within moments the front page changes.
  std::string front;
  for (int i = 0; i < 50; ++i) {
    front = HttpGet(server.port(), "/").body;
    if (front.find("새이름일보") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(front.find("새이름일보"), std::string::npos);
  EXPECT_NE(front.find("홍발행"), std::string::npos);
  EXPECT_EQ(front.find("href=\"/section/" + slug + "\""), std::string::npos);
  // The hidden section's own page still works.
  EXPECT_EQ(HttpGet(server.port(), "/section/" + slug).status, 200);

  // Its audit log shows the admin's login and changes.
  const std::string audit = admin.Get("/newsroom/admin/audit").body;
  EXPECT_NE(audit.find("settings_update"), std::string::npos);
  EXPECT_NE(audit.find("section_update"), std::string::npos);
  EXPECT_NE(audit.find("<td>login</td>"), std::string::npos);
}

// The newsroom's pages are HTML5 that the Nu Html Checker accepts without an error, as the
// public pages are (reader_test.cpp).
TEST_F(NewsroomAccountsTest, NewsroomPagesPassTheNuHtmlChecker) {
  const std::string vnu =
      std::string(SINMUN_SOURCE_DIR) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  ASSERT_TRUE(fs::exists(vnu)) << vnu << " is missing: run `make deps`";
  const CommandResult demo = MakeDemoPaper(data_, {"--articles", "10"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  std::smatch match;
  ASSERT_TRUE(
      std::regex_search(demo.out, match, std::regex(R"(admin\s+admin@example\.com\s+(\S+))")));
  const std::string admin_password = match[1];
  ASSERT_TRUE(std::regex_search(demo.out, match,
                                std::regex(R"(reporter\s+reporter@example\.com\s+(\S+))")));
  const std::string reporter_password = match[1];

  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  Staff admin(server.port());
  ASSERT_EQ(admin.Login("admin@example.com", admin_password).status, 303);
  Staff reporter(server.port());
  ASSERT_EQ(reporter.Login("reporter@example.com", reporter_password).status, 303);
  // A refused form shows its message (and keeps what was typed).
  const HttpResponse refused =
      admin.Act("/newsroom/admin/users", {{"email", "bad"}, {"name", "x"}});
  ASSERT_EQ(refused.status, 400);

  const std::string dir = root_ + "/html";
  fs::create_directories(dir);
  int n = 0;
  const auto keep = [&](const std::string& html) {
    std::ofstream(dir + "/page" + std::to_string(n++) + ".html") << html;
  };
  keep(HttpGet(server.port(), "/newsroom/login").body);
  keep(refused.body);
  keep(reporter.Get("/newsroom/admin").body);  // the 403 page
  keep(reporter.Get("/newsroom/password").body);
  for (const std::string target :
       {"/newsroom/admin", "/newsroom/admin/users", "/newsroom/admin/sections",
        "/newsroom/admin/reporters", "/newsroom/admin/settings", "/newsroom/admin/audit",
        "/newsroom/ads", "/newsroom/ads/new", "/newsroom/ads/1", "/newsroom/ads/1/report"}) {
    const HttpResponse page = admin.Get(target);
    ASSERT_EQ(page.status, 200) << target;
    keep(page.body);
  }
  // The banner form refused (no slot), with its message.
  const HttpResponse refused_ad = admin.Act("/newsroom/ads", {{"advertiser", "x"}, {"title", "y"}});
  ASSERT_EQ(refused_ad.status, 400);
  keep(refused_ad.body);
  EXPECT_EQ(NuHtmlCheckerErrors(vnu, dir, root_ + "/vnu.txt"), "");
}

}  // namespace
}  // namespace sinmun::testing
