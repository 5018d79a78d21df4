// Issue #14 / #17 item 3: an address written another way than its page's canonical one is a
// 301 to it (or a 4xx), never a page of its own, so it cannot fill the page cache with copies.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::MakeArticle;
using ::testing::HasSubstr;
using ::testing::Not;

struct Moved {
  std::string target;
  std::string location;
};

TEST_F(SiteTest, NumbersWrittenAnotherWayRedirectToTheCanonicalAddress) {
  const store::ArticleId id =
      Insert(MakeArticle(sections_[0].id, "정규 주소 기사", kAugustFirst, {reporters_[0]}));
  const std::string n = std::to_string(id);
  const std::string r = std::to_string(reporters_[0]);
  const std::vector<Moved> cases = {
      {"/article/00" + n, "/article/" + n},
      {"/article/0" + n + "/print", "/article/" + n + "/print"},
      {"/api/v1/articles/0" + n, "/api/v1/articles/" + n},
      {"/section/politics?page=0002", "/section/politics?page=2"},
      {"/section/politics?page=1", "/section/politics"},
      {"/section/politics?page=01&utm=x", "/section/politics"},
      {"/reporter/0" + r + "?page=002", "/reporter/" + r + "?page=2"},
      {"/api/v1/articles?page=01", "/api/v1/articles"},
      {"/search?q=%EA%B8%B0%EC%82%AC&page=02", "/search?q=%EA%B8%B0%EC%82%AC&page=2"},
  };
  for (const Moved& moved : cases) {
    const http::Response response = Get(moved.target);
    EXPECT_EQ(response.status, 301) << moved.target;
    EXPECT_EQ(Header(response, "Location"), moved.location) << moved.target;
    EXPECT_THAT(Body(response), Not(HasSubstr("정규 주소 기사"))) << moved.target;
  }
  // The canonical addresses themselves are pages.
  EXPECT_EQ(Get("/article/" + n).status, 200);
  EXPECT_EQ(Get("/section/politics").status, 200);
}

TEST_F(SiteTest, SignsAndOtherNonNumbersAreRefusedNotRedirected) {
  const std::string n = std::to_string(Insert(MakeArticle(sections_[0].id, "기사", kAugustFirst)));
  for (const std::string& target :
       std::vector<std::string>{"/article/+" + n, "/article/%2B" + n, "/article/" + n + "%20",
                                "/section/politics?page=+2", "/section/politics?page=0",
                                "/section/politics?page=00", "/article/000"}) {
    EXPECT_EQ(Get(target).status, 400) << target;
  }
}

TEST_F(SiteTest, HostWrittenAnotherWayRedirectsWhenPagesFollowTheHost) {
  MakeSite("ko", 60, "");  // absolute URLs (and cache keys) follow the Host header
  const std::string n = std::to_string(Insert(MakeArticle(sections_[0].id, "기사", kAugustFirst)));
  const std::vector<Moved> cases = {
      {"News.Example.com", "http://news.example.com/article/" + n},
      {"news.example.com.", "http://news.example.com/article/" + n},
      {"news.example.com:80", "http://news.example.com/article/" + n},
      {"NEWS.example.com.:8080", "http://news.example.com:8080/article/" + n},
  };
  for (const Moved& moved : cases) {
    const http::Response response =
        Send(http::Method::kGet, "/article/" + n, {{"host", moved.target}});
    EXPECT_EQ(response.status, 301) << moved.target;
    EXPECT_EQ(Header(response, "Location"), moved.location) << moved.target;
  }
  EXPECT_EQ(Send(http::Method::kGet, "/article/" + n, {{"host", "news.example.com"}}).status, 200);
}

TEST_F(SiteTest, WithABaseUrlTheHostDoesNotMatter) {
  const std::string n = std::to_string(Insert(MakeArticle(sections_[0].id, "기사", kAugustFirst)));
  EXPECT_EQ(Send(http::Method::kGet, "/article/" + n, {{"host", "Other.Example."}}).status, 200);
}

}  // namespace
}  // namespace sinmun::site
