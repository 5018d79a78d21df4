// What search engines find on the site (issue #18): IndexNow's key file and the verification
// meta tags of Naver Search Advisor and Google, all from the settings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SearchEnginesSiteTest : public SiteTest {};

TEST_F(SearchEnginesSiteTest, TheKeyFileAnswersWithTheKeyInForceAndNothingElse) {
  EXPECT_EQ(Get("/0123456789abcdef.txt").status, 404) << "no key yet";
  ASSERT_TRUE(store_->PutSiteSettings({{"indexnow.key", "0123456789abcdef"}}).has_value());
  MakeSite();  // the running site learns of the change through the change sequence

  const http::Response key = Get("/0123456789abcdef.txt");
  EXPECT_EQ(key.status, 200);
  EXPECT_EQ(key.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Body(key), "0123456789abcdef");
  EXPECT_EQ(Get("/fedcba9876543210.txt").status, 404);
  EXPECT_EQ(Get("/0123456789abcdef").status, 404);
  EXPECT_EQ(Get("/page/0123456789abcdef.txt").status, 404);
  EXPECT_EQ(Get("/.txt").status, 404);

  // A new key replaces the old one.
  ASSERT_TRUE(store_->PutSiteSettings({{"indexnow.key", "abcdefabcdef0000"}}).has_value());
  MakeSite();
  EXPECT_EQ(Get("/0123456789abcdef.txt").status, 404);
  EXPECT_EQ(Body(Get("/abcdefabcdef0000.txt")), "abcdefabcdef0000");
}

TEST_F(SearchEnginesSiteTest, VerificationTagsComeFromTheSettingsEscaped) {
  EXPECT_THAT(GetBody("/"), Not(HasSubstr("site-verification")));

  ASSERT_TRUE(store_
                  ->PutSiteSettings({{"verification.naver", "a1b2c3\"><script>x</script>"},
                                     {"verification.google", "G-verify_123"}})
                  .has_value());
  MakeSite();
  const std::string front = GetBody("/");
  EXPECT_THAT(front, HasSubstr("<meta name=\"naver-site-verification\" "
                               "content=\"a1b2c3&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"));
  EXPECT_THAT(front,
              HasSubstr("<meta name=\"google-site-verification\" content=\"G-verify_123\">"));
  EXPECT_THAT(front, Not(HasSubstr("<script>x")));
}

}  // namespace
}  // namespace sinmun::site
