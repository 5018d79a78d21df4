// Set-Cookie values and the fields of urlencoded form bodies.

#include "http/cookies.hpp"

#include <gtest/gtest.h>

#include "http/request.hpp"

namespace sinmun::http {
namespace {

TEST(SetCookieTest, CarriesTheFlagsAsked) {
  CookieOptions options;
  EXPECT_EQ(SetCookie("sid", "abc", options), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
  options.secure = true;
  options.path = "/newsroom";
  options.max_age_seconds = 3600;
  EXPECT_EQ(SetCookie("sid", "abc", options),
            "sid=abc; Path=/newsroom; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");
  EXPECT_EQ(ExpireCookie("sid", CookieOptions()),
            "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

Request FormRequest(std::string content_type, std::string body) {
  Request request;
  request.method = Method::kPost;
  request.headers.emplace_back("content-type", std::move(content_type));
  request.body = std::move(body);
  return request;
}

TEST(FormTest, ReadsUrlencodedFieldsAndRepeatedOnes) {
  const Request request = FormRequest("application/x-www-form-urlencoded; charset=UTF-8",
                                      "name=%EA%B9%80+%EA%B8%B0%EC%9E%90&tag=a&tag=b&empty=");
  EXPECT_EQ(request.Form("name"), "김 기자");
  EXPECT_EQ(request.Form("tag"), "a");
  EXPECT_EQ(request.FormAll("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(request.Form("empty"), "");
  EXPECT_EQ(request.Form("missing"), std::nullopt);
  EXPECT_TRUE(request.FormAll("missing").empty());
}

TEST(FormTest, IgnoresBodiesOfOtherTypes) {
  EXPECT_EQ(FormRequest("text/plain", "name=x").Form("name"), std::nullopt);
  EXPECT_EQ(FormRequest("application/json", "{\"name\":1}").Form("name"), std::nullopt);
  Request no_type;
  no_type.body = "name=x";
  EXPECT_EQ(no_type.Form("name"), std::nullopt);
}

}  // namespace
}  // namespace sinmun::http
