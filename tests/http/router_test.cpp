#include "http/router.hpp"

#include <gtest/gtest.h>

namespace sinmun::http {
namespace {

Request MakeRequest(Method method, std::string path) {
  Request request;
  request.method = method;
  request.target = path;
  request.path = std::move(path);
  return request;
}

std::string BodyOf(const Response& response) {
  return response.body.bytes ? *response.body.bytes : "";
}

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Get("/", [](const Request&) { return Text("home"); });
    router_.Get("/article/{id}",
                [](const Request& r) { return Text("article " + std::string(r.PathParam("id"))); });
    router_.Get("/article/{id}/print",
                [](const Request& r) { return Text("print " + std::string(r.PathParam("id"))); });
    router_.Get("/section/{name}/page/{page}", [](const Request& r) {
      return Text(std::string(r.PathParam("name")) + ":" + std::string(r.PathParam("page")));
    });
    router_.Post("/article/{id}", [](const Request&) { return Text("posted"); });
    router_.Post("/login", [](const Request&) { return Text("login"); });
    router_.Get("/files/{path...}",
                [](const Request& r) { return Text("file " + std::string(r.PathParam("path"))); });
  }

  Response Call(Method method, std::string path) {
    Request request = MakeRequest(method, std::move(path));
    return router_.Dispatch(request);
  }

  Router router_;
};

TEST_F(RouterTest, LiteralAndParamSegments) {
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/")), "home");
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/article/42")), "article 42");
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/article/42/print")), "print 42");
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/section/politics/page/3")), "politics:3");
  EXPECT_EQ(BodyOf(Call(Method::kPost, "/article/42")), "posted");
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/files/css/site.css")), "file css/site.css");
}

// Routes starting with a parameter interleave with literal ones in the order they were added.
TEST(RouterOrder, FirstAddedRouteWinsAcrossLiteralAndParamFirstSegments) {
  Router router;
  router.Get("/about", [](const Request&) { return Text("about page"); });
  router.Get("/{slug}",
             [](const Request& r) { return Text("slug " + std::string(r.PathParam("slug"))); });
  router.Get("/feed", [](const Request&) { return Text("never: /{slug} came first"); });
  router.Post("/{slug}/like", [](const Request&) { return Text("liked"); });
  auto call = [&](Method method, std::string path) {
    Request request = MakeRequest(method, std::move(path));
    return router.Dispatch(request);
  };
  EXPECT_EQ(BodyOf(call(Method::kGet, "/about")), "about page");
  EXPECT_EQ(BodyOf(call(Method::kGet, "/feed")), "slug feed");
  EXPECT_EQ(BodyOf(call(Method::kGet, "/anything")), "slug anything");
  EXPECT_EQ(BodyOf(call(Method::kPost, "/about/like")), "liked");
  EXPECT_EQ(call(Method::kGet, "/about/like").status, 405);
  EXPECT_EQ(call(Method::kGet, "/about/x/y").status, 404);
}

TEST_F(RouterTest, DispatchFillsPathParams) {
  Request request = MakeRequest(Method::kGet, "/section/economy/page/7");
  router_.Dispatch(request);
  EXPECT_EQ(request.PathParam("name"), "economy");
  EXPECT_EQ(request.PathParam("page"), "7");
}

TEST_F(RouterTest, HeadUsesGetRoutes) {
  EXPECT_EQ(BodyOf(Call(Method::kHead, "/article/1")), "article 1");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(Call(Method::kGet, "/nothing").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/article").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/article//print").status, 404);  // {id} needs a segment
  EXPECT_EQ(Call(Method::kGet, "/article/1/print/more").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/files").status, 404);  // a tail needs one segment
}

TEST_F(RouterTest, OtherMethodIs405WithAllow) {
  const Response get_only = Call(Method::kPost, "/article/1/print");
  EXPECT_EQ(get_only.status, 405);
  EXPECT_EQ(HeaderOf(get_only, "Allow"), "GET, HEAD");
  const Response post_only = Call(Method::kGet, "/login");
  EXPECT_EQ(post_only.status, 405);
  EXPECT_EQ(HeaderOf(post_only, "Allow"), "POST");
  const Response both = Call(Method::kOther, "/article/1");
  EXPECT_EQ(both.status, 405);
  EXPECT_EQ(HeaderOf(both, "Allow"), "GET, HEAD, POST");
}

TEST_F(RouterTest, TrailingSlashRedirectsToSlashlessPath) {
  Request request = MakeRequest(Method::kGet, "/article/42/");
  request.target = "/article/42/?from=rss";
  const Response response = router_.Dispatch(request);
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(HeaderOf(response, "Location"), "/article/42?from=rss");
  // Only for GET/HEAD, and only when the slash-less path exists.
  EXPECT_EQ(Call(Method::kPost, "/login/").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/nothing/").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/").status, 200);
}

TEST_F(RouterTest, NoOpenRedirectThroughDoubleSlash) {
  Router router;
  router.Get("/{name}", [](const Request&) { return Text("x"); });
  Request request = MakeRequest(Method::kGet, "//evil.example/");
  EXPECT_EQ(router.Dispatch(request).status, 404);
}

TEST_F(RouterTest, CustomNotFoundAndErrorPage) {
  router_.SetErrorPage([](int status) { return Html("styled " + std::to_string(status), 500); });
  const Response not_found = Call(Method::kGet, "/nothing");
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(BodyOf(not_found), "styled 404");
  const Response not_allowed = Call(Method::kPost, "/article/1/print");
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(BodyOf(not_allowed), "styled 405");

  router_.SetNotFound([](const Request&) { return Html("custom", 404); });
  EXPECT_EQ(BodyOf(Call(Method::kGet, "/nothing")), "custom");
}

TEST(RouterAdmission, TheRouteThatWouldAnswerGivesItsLimitAndCheck) {
  Router router;
  router.Get("/upload/{name}", [](const Request&) { return Text("form"); });
  router.Post(
      "/upload/{name}", [](const Request&) { return Text("stored"); },
      {.max_body_bytes = 5000, .admit = [](const Request& request) -> std::optional<Response> {
         if (request.PathParam("name") == "open") return std::nullopt;
         return Text("refused", 403);
       }});
  router.Post("/echo", [](const Request&) { return Text("echo"); });
  EXPECT_EQ(router.LargestBodyLimit(), 5000u);

  Request upload = MakeRequest(Method::kPost, "/upload/closed");
  const Admission& admission = router.AdmissionFor(upload);
  EXPECT_EQ(admission.max_body_bytes, 5000u);
  ASSERT_TRUE(admission.admit);
  const std::optional<Response> refusal = admission.admit(upload);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->status, 403);
  Request open = MakeRequest(Method::kPost, "/upload/open");
  EXPECT_FALSE(router.AdmissionFor(open).admit(open).has_value());

  // The GET route of the same path, another route and no route: the server's defaults.
  for (const auto& [method, path] :
       {std::pair{Method::kGet, "/upload/closed"}, std::pair{Method::kPost, "/echo"},
        std::pair{Method::kPost, "/nowhere"}}) {
    Request request = MakeRequest(method, path);
    const Admission& other = router.AdmissionFor(request);
    EXPECT_EQ(other.max_body_bytes, 0u) << path;
    EXPECT_FALSE(other.admit) << path;
  }
}

}  // namespace
}  // namespace sinmun::http
