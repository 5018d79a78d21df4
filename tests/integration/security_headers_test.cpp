// The security headers a browser gets from a real `sinmun serve` (issue #17): the public
// policy on pages, files and errors, the newsroom's stricter one, HSTS only under https.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;

class SecurityHeadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-headers-XXXXXX";
    root_ = ::mkdtemp(pattern);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string root_;
};

TEST_F(SecurityHeadersTest, PublicPagesAndTheNewsroomHaveTheirPolicies) {
  ServeProcess server(root_);
  ASSERT_NE(server.port(), 0) << server.output();
  for (const std::string target : {"/", "/nowhere", "/search?q=a", "/static/css/site.css"}) {
    const HttpResponse page = HttpGet(server.port(), target);
    ASSERT_NE(page.status, 0) << target << page.error;
    const std::string policy = page.Header("content-security-policy");
    EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << target << policy;
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << target << policy;
    EXPECT_NE(policy.find("frame-ancestors 'self'"), std::string::npos) << target << policy;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << target << policy;
    EXPECT_EQ(policy.find("kakaocdn"), std::string::npos) << target << policy;
    EXPECT_EQ(page.Header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(page.Header("referrer-policy"), "strict-origin-when-cross-origin") << target;
    EXPECT_FALSE(page.HasHeader("strict-transport-security")) << target;
  }
  const HttpResponse login = HttpGet(server.port(), "/newsroom/login");
  EXPECT_EQ(login.status, 200);
  const std::string policy = login.Header("content-security-policy");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  // Scripts are the newsroom's own files only; the editor's inline styles are allowed.
  EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
  EXPECT_NE(policy.find("style-src 'self' 'unsafe-inline'"), std::string::npos) << policy;
  EXPECT_EQ(login.Header("x-frame-options"), "DENY");
  EXPECT_EQ(login.Header("referrer-policy"), "same-origin");
  EXPECT_EQ(login.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

TEST_F(SecurityHeadersTest, HttpsAddsHstsAndAKakaoKeyItsScriptOrigin) {
  std::ofstream(root_ + "/sinmun.toml")
      << "[server]\nbase_url = \"https://news.example.com\"\n[share]\nkakao_app_key = \"k\"\n";
  ServeProcess server(root_);
  ASSERT_NE(server.port(), 0) << server.output();
  const HttpResponse page = HttpGet(server.port(), "/");
  EXPECT_EQ(page.Header("strict-transport-security"), "max-age=31536000");
  EXPECT_NE(
      page.Header("content-security-policy").find("script-src 'self' https://t1.kakaocdn.net"),
      std::string::npos)
      << page.Header("content-security-policy");
  const HttpResponse login = HttpGet(server.port(), "/newsroom/login");
  EXPECT_EQ(login.Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(login.Header("content-security-policy").find("kakaocdn"), std::string::npos);
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

}  // namespace
}  // namespace sinmun::testing
