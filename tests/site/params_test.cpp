#include "site/params.hpp"

#include <gtest/gtest.h>

namespace sinmun::site {
namespace {

TEST(ParseIdTest, AcceptsDigitsFromOneTo2To53) {
  EXPECT_EQ(ParseId("1").value(), 1);
  EXPECT_EQ(ParseId("007").value(), 7);
  EXPECT_EQ(ParseId("9007199254740992").value(), kMaxId);
  for (const char* bad : {"", "0", "000", "-1", "+1", " 1", "1 ", "1e3", "0x10", "abc",
                          "9007199254740993", "99999999999999999999999999"}) {
    const auto id = ParseId(bad);
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidInput);
  }
}

TEST(ParsePageNumberTest, AbsentIsOneAndOnlySanePagesPass) {
  http::Request request;
  EXPECT_EQ(ParsePageNumber(request).value(), 1);
  request.query = {{"page", "3"}};
  EXPECT_EQ(ParsePageNumber(request).value(), 3);
  for (const char* bad : {"", "0", "-1", "abc", "2.0", "1000001"}) {
    request.query = {{"page", bad}};
    EXPECT_FALSE(ParsePageNumber(request).has_value()) << bad;
  }
}

TEST(SafeReturnPathTest, OnlySameSitePaths) {
  EXPECT_EQ(SafeReturnPath("/"), "/");
  EXPECT_EQ(SafeReturnPath("/article/1?x=1"), "/article/1?x=1");
  EXPECT_EQ(SafeReturnPath("/검색 결과"), "/%EA%B2%80%EC%83%89%20%EA%B2%B0%EA%B3%BC");
  for (const char* bad : {"", "article", "//evil.example", "/\\evil.example", "https://x.example",
                          "/a\r\nSet-Cookie: x=1", "/a\\b"}) {
    EXPECT_FALSE(SafeReturnPath(bad).has_value()) << bad;
  }
}

TEST(UrlTest, PageUrlAndEncodePath) {
  EXPECT_EQ(PageUrl("/section/politics", 1), "/section/politics");
  EXPECT_EQ(PageUrl("/section/politics", 2), "/section/politics?page=2");
  EXPECT_EQ(PageUrl("/most-viewed?section=x", 2), "/most-viewed?section=x&page=2");
  EXPECT_EQ(EncodePath("/section/정치"), "/section/%EC%A0%95%EC%B9%98");
}

TEST(ViewModeTest, FromTheViewCookie) {
  http::Request request;
  EXPECT_EQ(ViewModeOf(request), ViewMode::kAuto);
  request.headers = {{"cookie", "a=1; view=mobile"}};
  EXPECT_EQ(ViewModeOf(request), ViewMode::kMobile);
  request.headers = {{"cookie", "view=pc"}};
  EXPECT_EQ(ViewModeOf(request), ViewMode::kPc);
  request.headers = {{"cookie", "view=tv"}};
  EXPECT_EQ(ViewModeOf(request), ViewMode::kAuto);
}

}  // namespace
}  // namespace sinmun::site
