#include "http/request.hpp"

#include <gtest/gtest.h>

namespace sinmun::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PercentDecodeTest, DecodesAndRejectsBadEscapes) {
  EXPECT_EQ(PercentDecode("%EA%B0%80%eb%82%98", false), "가나");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("", false), "");
  EXPECT_EQ(PercentDecode("%zz", false), std::nullopt);
  EXPECT_EQ(PercentDecode("abc%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("abc%4", false), std::nullopt);
}

TEST(PercentEncodeTest, KeepsOnlyUnreserved) {
  EXPECT_EQ(PercentEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(PercentEncode("가 /"), "%EA%B0%80%20%2F");
  EXPECT_EQ(PercentDecode(PercentEncode("정치 & 경제"), false), "정치 & 경제");
}

TEST(ParseQueryTest, SplitsAndDecodes) {
  EXPECT_EQ(ParseQuery("a=1&b=%EA%B0%80+x&&c&d="),
            (Pairs{{"a", "1"}, {"b", "가 x"}, {"c", ""}, {"d", ""}}));
  EXPECT_EQ(ParseQuery(""), Pairs{});
  EXPECT_EQ(ParseQuery("q=%zz"), (Pairs{{"q", "%zz"}}));
}

TEST(RequestTest, HeaderIsCaseInsensitive) {
  Request request;
  request.headers = {{"content-type", "text/plain"}, {"x-a", "1"}, {"x-a", "2"}};
  EXPECT_EQ(request.Header("Content-Type"), "text/plain");
  EXPECT_EQ(request.Header("X-A"), "1");
  EXPECT_EQ(request.Header("missing"), "");
}

TEST(RequestTest, QueryAndPathParams) {
  Request request;
  request.query = {{"page", "2"}, {"q", ""}};
  request.path_params = {{"id", "42"}};
  EXPECT_EQ(request.Query("page"), "2");
  EXPECT_EQ(request.Query("q"), "");
  EXPECT_EQ(request.Query("none"), std::nullopt);
  EXPECT_EQ(request.PathParam("id"), "42");
  EXPECT_EQ(request.PathParam("slug"), "");
}

TEST(RequestTest, Cookies) {
  Request request;
  request.headers = {{"cookie", "a=1; sid=\"xyz\";theme=dark ; empty="}, {"cookie", "late=2"}};
  EXPECT_EQ(request.Cookie("a"), "1");
  EXPECT_EQ(request.Cookie("sid"), "xyz");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(request.Cookie("empty"), "");
  EXPECT_EQ(request.Cookie("late"), "2");
  EXPECT_EQ(request.Cookie("sid2"), std::nullopt);
  EXPECT_EQ(request.Cookie("id"), std::nullopt);
}

}  // namespace
}  // namespace sinmun::http
