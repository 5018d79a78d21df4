#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/http_client.hpp"

namespace sinmun::http {
namespace {

using sinmun::testing::HttpConnection;
using sinmun::testing::HttpGet;
using sinmun::testing::HttpRequest;
using sinmun::testing::HttpResponse;
using sinmun::testing::SendRaw;

using sinmun::testing::Gunzip;
using sinmun::testing::Unbrotli;

// A page of about 40 KB, like a cached article.
std::string BigPage() {
  std::string html = "<!doctype html><html lang=\"ko\"><body>";
  for (int i = 0; html.size() < 40000; ++i) {
    html += "<p>대전시, 4차 산업혁명 위원회 출범 " + std::to_string(i) + "</p>\n";
  }
  return html + "</body></html>";
}

std::string DynamicText() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

Router TestRouter() {
  Router router;
  router.Get("/", [](const Request&) { return Html("home"); });
  router.Get("/article/{id}", [](const Request& request) {
    return Text("article " + std::string(request.PathParam("id")));
  });
  router.Get("/section/politics", [](const Request&) { return Text("politics"); });
  router.Post("/echo", [](const Request& request) { return Text(request.body); });
  static const PreparedBody big = Prepare(BigPage(), true);
  router.Get("/big", [](const Request&) { return Prepared(big, "text/html; charset=utf-8"); });
  static const PreparedBody big_gzip_only = GzipOnly(Prepare(BigPage(), true));
  router.Get("/big-gzip-only",
             [](const Request&) { return Prepared(big_gzip_only, "text/html; charset=utf-8"); });
  // Kept compressed only, with a brotli slot: how the page cache keeps a page with holes.
  static const PreparedBody big_compressed = [] {
    PreparedBody body = GzipOnly(Prepare(BigPage(), true));
    body.brotli = std::make_shared<const BrotliForm>();
    return body;
  }();
  router.Get("/big-compressed",
             [](const Request&) { return Prepared(big_compressed, "text/html; charset=utf-8"); });
  router.Get("/dynamic", [](const Request&) { return Text(DynamicText()); });
  router.Get("/throw", [](const Request&) -> Response { throw std::runtime_error("bug"); });
  router.Get("/query", [](const Request& request) {
    return Text(request.Query("q").value_or("<none>") + "|" +
                request.Cookie("sid").value_or("<none>") + "|" + request.path);
  });
  router.Get("/headers", [](const Request&) {
    Response response = Text("with headers");
    response.cache_control = "private, max-age=5";
    response.headers.emplace_back("X-Test", "yes");
    response.headers.emplace_back("X-Bad", "a\r\nInjected: 1");
    response.headers.emplace_back("X-Bad-Lf", "a\nInjected-Lf: 1");
    response.headers.emplace_back("X-Bad-Cr", "a\rb");
    response.headers.emplace_back("X-Empty", "");
    return response;
  });
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options = {}, Router router = TestRouter()) {
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    Result<std::unique_ptr<Server>> server = Server::Open(std::move(options), std::move(router));
    ASSERT_TRUE(server.has_value()) << server.error().detail;
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      thread_.join();
    }
  }

  std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, RoutesWithParams) {
  Start();
  const HttpResponse home = HttpGet(port(), "/");
  EXPECT_EQ(home.status, 200) << home.error;
  EXPECT_EQ(home.body, "home");
  EXPECT_EQ(home.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(home.Header("server"), "sinmun");

  const HttpResponse article = HttpGet(port(), "/article/%EA%B0%80");
  EXPECT_EQ(article.status, 200);
  EXPECT_EQ(article.body, "article 가");
}

TEST_F(ServerTest, QueryCookiesAndDecodedPath) {
  Start();
  const HttpResponse response =
      HttpGet(port(), "/query?q=%EC%A0%95%EC%B9%98+%26&x=1", {{"Cookie", "a=b; sid=s1"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "정치 &|s1|/query");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  Start();
  const HttpResponse missing = HttpGet(port(), "/nowhere");
  EXPECT_EQ(missing.status, 404);
  const HttpResponse wrong_method = HttpRequest(port(), "POST", "/article/1", {}, "x");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("allow"), "GET, HEAD");
  const HttpResponse put = HttpRequest(port(), "PUT", "/echo", {}, "x");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.Header("allow"), "POST");
}

TEST_F(ServerTest, ErrorPageRendersServerStatuses) {
  ServerOptions options;
  options.max_body_bytes = 10;
  options.error_page = [](int status) { return Html("<h1>styled " + std::to_string(status)); };
  Start(options);
  const HttpResponse missing = HttpGet(port(), "/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "<h1>styled 404");
  const HttpResponse wrong_method = HttpRequest(port(), "POST", "/article/1");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.body, "<h1>styled 405");
  const HttpResponse too_big = HttpRequest(port(), "POST", "/echo", {}, std::string(100, 'x'));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.body, "<h1>styled 413");
  const HttpResponse thrown = HttpGet(port(), "/throw");
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(thrown.body, "<h1>styled 500");
}

TEST_F(ServerTest, PostBody) {
  Start();
  const HttpResponse response = HttpRequest(port(), "POST", "/echo", {}, "본문 body");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "본문 body");
}

TEST_F(ServerTest, HeadHasSameHeadersWithoutBody) {
  Start();
  const HttpResponse get = HttpGet(port(), "/big");
  const HttpResponse head = HttpRequest(port(), "HEAD", "/big");
  ASSERT_EQ(get.status, 200);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(get.Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.Header("content-length"), get.Header("content-length"));
  EXPECT_EQ(head.Header("etag"), get.Header("etag"));
  EXPECT_EQ(head.Header("content-type"), get.Header("content-type"));
  // Also with gzip: HEAD announces the gzip length.
  const HttpResponse get_gz = HttpGet(port(), "/dynamic", {{"Accept-Encoding", "gzip"}});
  const HttpResponse head_gz =
      HttpRequest(port(), "HEAD", "/dynamic", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head_gz.Header("content-length"), std::to_string(get_gz.body.size()));
  EXPECT_EQ(head_gz.body, "");
}

TEST_F(ServerTest, EtagAndIfNoneMatch) {
  Start();
  const HttpResponse first = HttpGet(port(), "/big");
  const std::string etag = first.Header("etag");
  EXPECT_TRUE(std::regex_match(etag, std::regex("\"[0-9a-f]{16}\""))) << etag;
  EXPECT_EQ(first.Header("cache-control"), "no-cache");

  const HttpResponse again = HttpGet(port(), "/big", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.Header("etag"), etag);
  EXPECT_FALSE(again.HasHeader("content-encoding"));

  EXPECT_EQ(HttpGet(port(), "/big", {{"If-None-Match", "\"nope\", W/" + etag}}).status, 304);
  EXPECT_EQ(HttpGet(port(), "/big", {{"If-None-Match", "*"}}).status, 304);
  EXPECT_EQ(HttpGet(port(), "/big", {{"If-None-Match", "\"nope\""}}).status, 200);
  EXPECT_EQ(HttpRequest(port(), "HEAD", "/big", {{"If-None-Match", etag}}).status, 304);

  // A handler's response without an ETag gets one computed by the server.
  const HttpResponse dynamic = HttpGet(port(), "/dynamic");
  ASSERT_FALSE(dynamic.Header("etag").empty());
  EXPECT_EQ(HttpGet(port(), "/dynamic", {{"If-None-Match", dynamic.Header("etag")}}).status, 304);
}

TEST_F(ServerTest, GzipWhenAccepted) {
  Start();
  const HttpResponse plain = HttpGet(port(), "/big");
  EXPECT_FALSE(plain.HasHeader("content-encoding"));
  EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
  EXPECT_EQ(plain.body, BigPage());

  const HttpResponse gzipped = HttpGet(port(), "/big", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(gzipped.Header("vary"), "Accept-Encoding");
  EXPECT_LT(gzipped.body.size(), plain.body.size());
  EXPECT_EQ(Gunzip(gzipped.body), BigPage());
  // A gzip ETag still validates.
  EXPECT_EQ(HttpGet(port(), "/big",
                    {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzipped.Header("etag")}})
                .status,
            304);

  const HttpResponse refused = HttpGet(port(), "/big", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_FALSE(refused.HasHeader("content-encoding"));
  EXPECT_EQ(refused.body, BigPage());
}

// A prepared body keeps a brotli form beside its gzip form (issue #14): a client that takes br
// gets it; gzip-only and identity clients get what they got before.
TEST_F(ServerTest, BrotliWhenAcceptedBesideGzip) {
  Start();
  const HttpResponse plain = HttpGet(port(), "/big");
  const HttpResponse gzipped = HttpGet(port(), "/big", {{"Accept-Encoding", "gzip"}});
  for (int i = 0; i < 2; ++i) {  // made on the first request, kept for the next
    const HttpResponse br = HttpGet(port(), "/big", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(br.status, 200);
    EXPECT_EQ(br.Header("content-encoding"), "br");
    EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
    EXPECT_EQ(br.Header("content-length"), std::to_string(br.body.size()));
    EXPECT_LT(br.body.size(), gzipped.body.size());
    EXPECT_EQ(Unbrotli(br.body), BigPage());
    EXPECT_EQ(br.Header("etag"), gzipped.Header("etag"));  // weak: another representation
    const HttpResponse again =
        HttpGet(port(), "/big", {{"Accept-Encoding", "br"}, {"If-None-Match", br.Header("etag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
  }
  // Clients that do not name br are served as before.
  EXPECT_EQ(HttpGet(port(), "/big", {{"Accept-Encoding", "gzip"}}).body, gzipped.body);
  EXPECT_EQ(HttpGet(port(), "/big", {{"Accept-Encoding", "*"}}).Header("content-encoding"), "gzip");
  EXPECT_EQ(HttpGet(port(), "/big", {{"Accept-Encoding", "br;q=0, gzip"}}).body, gzipped.body);
  const HttpResponse identity = HttpGet(port(), "/big", {{"Accept-Encoding", "identity"}});
  EXPECT_FALSE(identity.HasHeader("content-encoding"));
  EXPECT_EQ(identity.body, plain.body);
  EXPECT_EQ(identity.Header("etag"), plain.Header("etag"));
  // A body kept in its gzip form only, and a response compressed on the fly, stay gzip.
  EXPECT_EQ(HttpGet(port(), "/big-gzip-only", {{"Accept-Encoding", "gzip, br"}})
                .Header("content-encoding"),
            "gzip");
  EXPECT_EQ(HttpGet(port(), "/big-gzip-only", {{"Accept-Encoding", "br"}}).body, BigPage());
  EXPECT_EQ(
      HttpGet(port(), "/dynamic", {{"Accept-Encoding", "gzip, br"}}).Header("content-encoding"),
      "gzip");
}

// A body kept in its gzip form only but with a brotli slot (a cached page with holes, issue
// #14): a br client gets brotli made from the inflated gzip form, the same page; a client
// without gzip gets it inflated.
TEST_F(ServerTest, ABodyKeptCompressedOnlyIsServedInBrotliAndInflated) {
  Start();
  const HttpResponse full = HttpGet(port(), "/big");
  for (int i = 0; i < 2; ++i) {  // made on the first request, kept for the next
    const HttpResponse br =
        HttpGet(port(), "/big-compressed", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(br.status, 200);
    EXPECT_EQ(br.Header("content-encoding"), "br");
    EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
    EXPECT_EQ(Unbrotli(br.body), BigPage());
    EXPECT_EQ(br.Header("etag"), "W/" + full.Header("etag"));
  }
  const HttpResponse plain = HttpGet(port(), "/big-compressed");
  EXPECT_FALSE(plain.HasHeader("content-encoding"));
  EXPECT_EQ(plain.body, BigPage());
  const HttpResponse gzipped = HttpGet(port(), "/big-compressed", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(gzipped.body), BigPage());
}

TEST_F(ServerTest, AGzipOnlyBodyIsDecompressedForClientsWithoutGzip) {
  Start();
  const HttpResponse full = HttpGet(port(), "/big");
  for (const char* accept : {"", "identity", "gzip;q=0"}) {
    SCOPED_TRACE(accept);
    const HttpResponse plain = HttpGet(port(), "/big-gzip-only", {{"Accept-Encoding", accept}});
    EXPECT_EQ(plain.status, 200);
    EXPECT_FALSE(plain.HasHeader("content-encoding"));
    EXPECT_EQ(plain.body, BigPage());
    EXPECT_EQ(plain.Header("etag"), full.Header("etag"));
    EXPECT_EQ(HttpGet(port(), "/big-gzip-only",
                      {{"Accept-Encoding", accept}, {"If-None-Match", plain.Header("etag")}})
                  .status,
              304);
  }
  const HttpResponse head = HttpRequest(port(), "HEAD", "/big-gzip-only");
  EXPECT_EQ(head.Header("content-length"), std::to_string(BigPage().size()));

  const HttpResponse gzipped = HttpGet(port(), "/big-gzip-only", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(gzipped.body), BigPage());
}

TEST_F(ServerTest, GzipOnTheFlyForTextResponses) {
  Start();
  const HttpResponse gzipped = HttpGet(port(), "/dynamic", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(gzipped.body), DynamicText());
  const HttpResponse small = HttpGet(port(), "/", {{"Accept-Encoding", "gzip"}});
  EXPECT_FALSE(small.HasHeader("content-encoding"));
  EXPECT_EQ(small.body, "home");
}

TEST_F(ServerTest, BodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1000;
  Start(options);
  EXPECT_EQ(HttpRequest(port(), "POST", "/echo", {}, std::string(1000, 'x')).status, 200);
  const HttpResponse response = HttpRequest(port(), "POST", "/echo", {}, std::string(5000, 'x'));
  EXPECT_EQ(response.status, 413) << response.error;
  EXPECT_EQ(response.Header("connection"), "close");
  // Chunked bodies are held to the same limit.
  const std::string raw = SendRaw(port(),
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                  "\r\n800\r\n" +
                                      std::string(0x800, 'y') + "\r\n0\r\n\r\n");
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 413");
}

TEST_F(ServerTest, UploadRoutesMayHaveALargerBodyLimit) {
  ServerOptions options;
  options.max_body_bytes = 1000;
  Router router = TestRouter();
  router.Post("/upload/echo",
              [](const Request& request) { return Text(std::to_string(request.body.size())); },
              {.max_body_bytes = 10000});
  Start(options, std::move(router));
  const HttpResponse large =
      HttpRequest(port(), "POST", "/upload/echo", {}, std::string(5000, 'x'));
  EXPECT_EQ(large.status, 200) << large.error;
  EXPECT_EQ(large.body, "5000");
  EXPECT_EQ(HttpRequest(port(), "POST", "/echo", {}, std::string(5000, 'x')).status, 413);
  EXPECT_EQ(HttpRequest(port(), "POST", "/upload/echo", {}, std::string(20000, 'x')).status, 413);
  // Only the route's own path: another below it keeps the server's limit.
  EXPECT_EQ(HttpRequest(port(), "POST", "/upload/echo/more", {}, std::string(5000, 'x')).status,
            413);
  // Chunked bodies follow the limit of their route too.
  const auto chunked = [&](const std::string& path, size_t size) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", size);
    return SendRaw(port(), "POST " + path +
                               " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                               "Connection: close\r\n\r\n" +
                               hex + "\r\n" + std::string(size, 'y') + "\r\n0\r\n\r\n")
        .substr(0, 12);
  };
  EXPECT_EQ(chunked("/upload/echo", 0x800), "HTTP/1.1 200");
  EXPECT_EQ(chunked("/echo", 0x800), "HTTP/1.1 413");
  EXPECT_EQ(chunked("/upload/echo", 0x4000), "HTTP/1.1 413");
}

// An upload route that lets in only requests with the cookie "key=open".
Router RouterWithGuardedUpload(std::atomic<int>* handled) {
  Router router = TestRouter();
  router.Post(
      "/upload/{name}",
      [handled](const Request& request) {
        ++*handled;
        return Text(std::string(request.PathParam("name")) + " " +
                    std::to_string(request.body.size()));
      },
      {.max_body_bytes = 20 << 20, .admit = [](const Request& request) -> std::optional<Response> {
         if (request.Cookie("key") == "open") return std::nullopt;
         return Text("no key for " + std::string(request.PathParam("name")) + "\n", 401);
       }});
  return router;
}

TEST_F(ServerTest, AnUploadRouteRefusesAStrangerBeforeTheBodyIsSent) {
  ServerOptions options;
  options.body_timeout = std::chrono::seconds(30);
  std::atomic<int> handled = 0;
  Start(options, RouterWithGuardedUpload(&handled));
  // Only the head of a 10 MB upload is sent: the answer cannot wait for the body. Without
  // admission the server would wait for the body (30 s, past SendRaw's 5 s).
  bool closed = false;
  const std::string refused = SendRaw(port(),
                                      "POST /upload/photo HTTP/1.1\r\nHost: x\r\n"
                                      "Content-Type: application/octet-stream\r\n"
                                      "Content-Length: 10000000\r\n\r\n",
                                      sinmun::testing::kDefaultHttpTimeout, &closed);
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 401") << refused;
  EXPECT_NE(refused.find("no key for photo"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Connection: close"), std::string::npos) << refused;
  EXPECT_TRUE(closed);
  // Asking first with Expect: 100-continue gets the refusal instead of "100 Continue".
  const std::string expecting = SendRaw(port(),
                                        "POST /upload/photo HTTP/1.1\r\nHost: x\r\n"
                                        "Expect: 100-continue\r\n"
                                        "Content-Length: 10000000\r\n\r\n");
  EXPECT_EQ(expecting.substr(0, 12), "HTTP/1.1 401") << expecting;
  EXPECT_EQ(handled.load(), 0);

  // With the key the same upload goes through, past the server's own 1 MB limit.
  const HttpResponse admitted = HttpRequest(port(), "POST", "/upload/photo",
                                            {{"Cookie", "key=open"}}, std::string(3 << 20, 'p'));
  EXPECT_EQ(admitted.status, 200) << admitted.error;
  EXPECT_EQ(admitted.body, "photo 3145728");
  EXPECT_EQ(handled.load(), 1);
}

TEST_F(ServerTest, AKeepAliveConnectionLetsGoOfALargeBodyAfterItsRequest) {
  std::atomic<int> handled = 0;
  Router router = RouterWithGuardedUpload(&handled);
  // The connection's request is reused from one request to the next: this route sees how
  // much memory the previous request's body left reserved.
  router.Get("/capacity",
             [](const Request& request) { return Text(std::to_string(request.body.capacity())); });
  Start({}, std::move(router));
  HttpConnection connection(port());
  ASSERT_TRUE(connection.connected());
  const HttpResponse upload = connection.Request("POST", "/upload/photo", {{"Cookie", "key=open"}},
                                                 std::string(8 << 20, 'p'));
  ASSERT_EQ(upload.status, 200) << upload.error;
  const HttpResponse after = connection.Request("GET", "/capacity");
  ASSERT_EQ(after.status, 200) << after.error;
  EXPECT_LT(std::stoul(after.body), 1u << 20) << "the 8 MB body is still reserved";
}

TEST_F(ServerTest, HugeHeadersAre431) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  Start(options);
  const HttpResponse response = HttpGet(port(), "/", {{"X-Huge", std::string(8000, 'h')}});
  EXPECT_EQ(response.status, 431) << response.error;
  EXPECT_EQ(HttpGet(port(), "/", {{"X-Fine", std::string(1000, 'h')}}).status, 200);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  Start();
  bool closed = false;
  const std::string garbage =
      SendRaw(port(), "NOT AN HTTP REQUEST\r\n\r\n", sinmun::testing::kDefaultHttpTimeout, &closed);
  EXPECT_EQ(garbage.substr(0, 12), "HTTP/1.1 400") << garbage;
  EXPECT_TRUE(closed);
  EXPECT_EQ(SendRaw(port(), "GET / HTTP/9.9\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
  EXPECT_EQ(SendRaw(port(), "GET nope HTTP/1.1\r\nHost: x\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
  EXPECT_EQ(HttpGet(port(), "/article/%zz").status, 400);
  EXPECT_EQ(HttpGet(port(), "/article/abc%4").status, 400);
  EXPECT_EQ(HttpGet(port(), "/article/a%00b").status, 400);
  // The server is still fine.
  EXPECT_EQ(HttpGet(port(), "/").status, 200);
  EXPECT_EQ(server_->handler_failures(), 0u);
}

TEST_F(ServerTest, HostMustBeOneAndValidInHttp11) {
  Start();
  const auto status = [&](const std::string& head) {
    return SendRaw(port(), head + "Connection: close\r\n\r\n").substr(0, 12);
  };
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: example.com\r\n"), "HTTP/1.1 200");
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n"), "HTTP/1.1 200");
  EXPECT_EQ(status("GET / HTTP/1.1\r\n"), "HTTP/1.1 400");
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a.com\r\nHost: b.com\r\n"), "HTTP/1.1 400");
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a.com/evil\r\n"), "HTTP/1.1 400");
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a.com b\r\n"), "HTTP/1.1 400");
  EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a<b>\r\n"), "HTTP/1.1 400");
  // HTTP/1.0 may leave Host out, but not send two.
  EXPECT_EQ(status("GET / HTTP/1.0\r\n"), "HTTP/1.1 200");
  EXPECT_EQ(status("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n"), "HTTP/1.1 400");
  EXPECT_EQ(server_->handler_failures(), 0u);
}

TEST_F(ServerTest, TransferEncodingNotEndingInChunkedIs400AndCloses) {
  Start();
  for (const std::string coding : {"gzip", "chunked, gzip", "identity"}) {
    bool closed = false;
    // Without the check the body would be read as a second request.
    const std::string raw =
        SendRaw(port(),
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                    "\r\n\r\nGET /article/2 HTTP/1.1\r\nHost: x\r\n\r\n",
                sinmun::testing::kDefaultHttpTimeout, &closed);
    EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 400") << coding;
    EXPECT_EQ(raw.find("article 2"), std::string::npos) << coding;
    EXPECT_TRUE(closed) << coding;
  }
  // Two fields form one list: the last coding counts.
  const std::string split = SendRaw(port(),
                                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n"
                                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                    "0\r\n\r\n");
  EXPECT_EQ(split.substr(0, 12), "HTTP/1.1 200");
  EXPECT_EQ(server_->handler_failures(), 0u);
}

// Waits until the server has let `connection` go: a new request is admitted again.
HttpResponse GetOnceAdmitted(std::uint16_t port) {
  HttpResponse response;
  for (int i = 0; i < 100; ++i) {
    response = HttpGet(port, "/");
    if (response.status != 503) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return response;
}

TEST_F(ServerTest, ConnectionsBeyondThePerAddressCapGet503) {
  ServerOptions options;
  options.max_connections_per_address = 2;
  Start(options);
  {
    HttpConnection first(port());
    HttpConnection second(port());
    ASSERT_EQ(first.Request("GET", "/").status, 200);
    ASSERT_EQ(second.Request("GET", "/").status, 200);
    bool closed = false;
    const std::string refused = SendRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                                        sinmun::testing::kDefaultHttpTimeout, &closed);
    EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 503") << refused;
    EXPECT_NE(refused.find("Retry-After: 5\r\n"), std::string::npos);
    EXPECT_TRUE(closed);
    // The admitted connections keep being served.
    EXPECT_EQ(first.Request("GET", "/article/1").body, "article 1");
  }
  EXPECT_EQ(GetOnceAdmitted(port()).status, 200);
}

TEST_F(ServerTest, ConnectionsBeyondTheTotalCapGet503) {
  ServerOptions options;
  options.max_connections = 3;
  Start(options);
  {
    std::vector<std::unique_ptr<HttpConnection>> open;
    for (int i = 0; i < 3; ++i) {
      open.push_back(std::make_unique<HttpConnection>(port()));
      ASSERT_EQ(open.back()->Request("GET", "/").status, 200);
    }
    EXPECT_EQ(HttpGet(port(), "/").status, 503);
  }
  EXPECT_EQ(GetOnceAdmitted(port()).status, 200);
}

TEST_F(ServerTest, HeaderRulesApplyByPathAndHandlersWin) {
  ServerOptions options;
  options.response_headers.push_back({"/article", {{"X-Frame-Options", "DENY"}}});
  options.response_headers.push_back({"/headers", {{"X-Test", "rule"}, {"X-Other", "rule"}}});
  options.response_headers.push_back({"", {{"X-Content-Type-Options", "nosniff"}}});
  Start(options);
  const HttpResponse article = HttpGet(port(), "/article/1");
  EXPECT_EQ(article.Header("x-frame-options"), "DENY");
  EXPECT_FALSE(article.HasHeader("x-content-type-options"));
  const HttpResponse home = HttpGet(port(), "/");
  EXPECT_EQ(home.Header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(home.HasHeader("x-frame-options"));
  const HttpResponse handler_set = HttpGet(port(), "/headers");
  EXPECT_EQ(handler_set.Header("x-test"), "yes");
  EXPECT_EQ(handler_set.Header("x-other"), "rule");
  // Errors the server answers itself carry the policy too.
  EXPECT_EQ(HttpGet(port(), "/nowhere").Header("x-content-type-options"), "nosniff");
  const std::string bad = SendRaw(port(), "GET / HTTP/1.1\r\n\r\n");
  EXPECT_NE(bad.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos) << bad;
}

TEST_F(ServerTest, MangledRequestsNeverReachTheCatchAll) {
  Start();
  const std::string valid =
      "GET /query?q=%EA%B0%80&x=1 HTTP/1.1\r\nHost: x\r\nCookie: sid=1; a=\"b\"\r\n"
      "Accept-Encoding: gzip;q=0.5, *;q=0\r\nIf-None-Match: W/\"x\", *\r\n"
      "Content-Length: 3\r\nConnection: close\r\n\r\nabc";
  std::mt19937 random(12345);  // fixed seed: a failure reproduces
  for (int i = 0; i < 60; ++i) {
    std::string mangled = valid;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % mangled.size();
      switch (random() % 3) {
        case 0:
          mangled[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          mangled.erase(at, 1 + random() % 8);
          break;
        default:
          mangled.insert(at, std::string(1 + random() % 8, static_cast<char>(random() % 256)));
      }
    }
    const std::string reply = SendRaw(port(), mangled, std::chrono::milliseconds(100));
    EXPECT_EQ(reply.find("HTTP/1.1 500"), std::string::npos) << mangled;
  }
  EXPECT_EQ(server_->handler_failures(), 0u);
  EXPECT_EQ(HttpGet(port(), "/").status, 200);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  HttpConnection connection(port());
  ASSERT_TRUE(connection.connected());
  const HttpResponse first = connection.Request("GET", "/article/1");
  EXPECT_EQ(first.body, "article 1");
  EXPECT_FALSE(first.HasHeader("connection"));
  EXPECT_TRUE(connection.connected());
  const HttpResponse second = connection.Request("POST", "/echo", {}, "again");
  EXPECT_EQ(second.body, "again");
  const HttpResponse third = connection.Request("GET", "/big");
  EXPECT_EQ(third.body, BigPage());
  EXPECT_TRUE(connection.connected());
}

TEST_F(ServerTest, PipelinedRequestsAnsweredInOrder) {
  Start();
  const std::string raw =
      SendRaw(port(),
              "GET /article/1 HTTP/1.1\r\nHost: x\r\n\r\n"
              "GET /article/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const size_t first = raw.find("article 1");
  const size_t second = raw.find("article 2");
  ASSERT_NE(first, std::string::npos) << raw;
  ASSERT_NE(second, std::string::npos) << raw;
  EXPECT_LT(first, second);
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
  Start();
  bool closed = false;
  const std::string raw =
      SendRaw(port(), "GET / HTTP/1.0\r\n\r\n", sinmun::testing::kDefaultHttpTimeout, &closed);
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 200");
  EXPECT_NE(raw.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(closed);
  const std::string kept = SendRaw(port(), "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                                   std::chrono::milliseconds(500), &closed);
  EXPECT_NE(kept.find("Connection: keep-alive\r\n"), std::string::npos);
  EXPECT_FALSE(closed);
}

TEST_F(ServerTest, ExpectContinue) {
  Start();
  // Headers only: the server invites the body, then waits for it.
  const std::string raw = SendRaw(
      port(), "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
      std::chrono::milliseconds(1000));
  EXPECT_EQ(raw, "HTTP/1.1 100 Continue\r\n\r\n");
  // With the body already sent, there is nothing to invite.
  const std::string full = SendRaw(port(),
                                   "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                   "Content-Length: 2\r\nConnection: close\r\n\r\nok");
  EXPECT_EQ(full.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_EQ(full.substr(full.size() - 2), "ok");
}

TEST_F(ServerTest, HeaderTimeoutDisconnectsSlowClient) {
  ServerOptions options;
  options.header_timeout = std::chrono::seconds(1);
  Start(options);
  bool closed = false;
  const std::string raw = SendRaw(
      port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", std::chrono::milliseconds(5000), &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(raw, "");
  // A client that sends nothing at all is also dropped.
  HttpConnection silent(port());
  EXPECT_TRUE(silent.WaitForClose(std::chrono::milliseconds(5000)));
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  Start(options);
  HttpConnection connection(port());
  EXPECT_EQ(connection.Request("GET", "/").status, 200);
  EXPECT_TRUE(connection.WaitForClose(std::chrono::milliseconds(5000)));
}

TEST_F(ServerTest, ResponseHeaders) {
  Start();
  const HttpResponse response = HttpGet(port(), "/headers");
  EXPECT_TRUE(std::regex_match(
      response.Header("date"),
      std::regex("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                 "Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT")))
      << response.Header("date");
  EXPECT_EQ(response.Header("cache-control"), "private, max-age=5");
  EXPECT_EQ(response.Header("x-test"), "yes");
  EXPECT_FALSE(response.HasHeader("x-bad"));
  EXPECT_FALSE(response.HasHeader("injected"));
  // A lone line feed or carriage return is refused too; an empty value is a header.
  EXPECT_FALSE(response.HasHeader("x-bad-lf"));
  EXPECT_FALSE(response.HasHeader("injected-lf"));
  EXPECT_FALSE(response.HasHeader("x-bad-cr"));
  EXPECT_TRUE(response.HasHeader("x-empty"));
}

TEST_F(ServerTest, TrailingSlashRedirects) {
  Start();
  const HttpResponse response = HttpGet(port(), "/section/politics/?page=2");
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.Header("location"), "/section/politics?page=2");
  EXPECT_EQ(HttpGet(port(), "/").status, 200);
}

TEST_F(ServerTest, ThrowingHandlerGives500AndServerKeepsServing) {
  Start();
  HttpConnection connection(port());
  const HttpResponse thrown = connection.Request("GET", "/throw");
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(server_->handler_failures(), 1u);
  EXPECT_EQ(connection.Request("GET", "/").status, 200);
  EXPECT_EQ(HttpGet(port(), "/article/7").body, "article 7");
}

TEST_F(ServerTest, PortInUseIsUnavailable) {
  Start();
  ServerOptions options;
  options.port = port();
  const Result<std::unique_ptr<Server>> second = Server::Open(options, Router());
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(second.error().detail,
            "address 127.0.0.1:" + std::to_string(port()) + " is already in use");
}

TEST_F(ServerTest, MalformedHostIsInvalidInput) {
  ServerOptions options;
  options.host = "not an address";
  const Result<std::unique_ptr<Server>> server = Server::Open(options, Router());
  ASSERT_FALSE(server.has_value());
  EXPECT_EQ(server.error().code, ErrorCode::kInvalidInput);
}

// Where slow handlers wait until the test lets them go.
class Gate {
 public:
  void Pass() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
  }
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  int entered() {
    std::lock_guard lock(mutex_);
    return entered_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool open_ = false;
};

// Opens the gate when the test leaves, passed or failed, so that no handler is left waiting.
struct OpenOnExit {
  Gate& gate;
  ~OpenOnExit() { gate.Open(); }
};

// Asks until `condition` holds; false if it still does not after a while (a hang guard, not
// a measurement).
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

// The test router with POST /login on the work pool: a password being checked, for as
// long as the test keeps `gate` closed.
Router GatedLoginRouter(const std::shared_ptr<Gate>& gate) {
  Router router = TestRouter();
  router.Post(
      "/login",
      [gate](const Request&) {
        gate->Pass();
        return Text("signed in");
      },
      Admission{.on_work_pool = true});
  return router;
}

TEST_F(ServerTest, WorkPoolRoutesDoNotStallReadersAndOverflowGets503) {
  auto gate = std::make_shared<Gate>();
  Router router = GatedLoginRouter(gate);
  ServerOptions options;
  options.threads = 1;  // one I/O thread: a handler on it would stall every reader
  options.work_threads = 1;
  options.work_queue = 2;
  Start(options, std::move(router));

  std::vector<std::future<HttpResponse>> logins;
  for (int i = 0; i < 3; ++i) {
    logins.push_back(std::async(std::launch::async, [port = port()] {
      return HttpRequest(port, "POST", "/login", {}, "password=guess");
    }));
  }
  OpenOnExit open_on_exit{*gate};
  // One login is in its handler, two wait for the pool's thread.
  ASSERT_TRUE(Eventually([&] { return server_->pending_work() == 3 && gate->entered() == 1; }));

  // A reader is served while the password work is blocked.
  const HttpResponse reader = HttpGet(port(), "/article/7");
  EXPECT_EQ(reader.status, 200) << reader.error;
  EXPECT_EQ(reader.body, "article 7");
  // A fourth login finds the queue full: 503 with Retry-After at once, not a hang or a 500.
  const HttpResponse overflow = HttpRequest(port(), "POST", "/login", {}, "password=guess");
  EXPECT_EQ(overflow.status, 503) << overflow.error;
  EXPECT_EQ(overflow.Header("retry-after"), "1");
  EXPECT_EQ(gate->entered(), 1);

  gate->Open();
  for (std::future<HttpResponse>& login : logins) {
    const HttpResponse answered = login.get();
    EXPECT_EQ(answered.status, 200) << answered.error;
    EXPECT_EQ(answered.body, "signed in");
  }
  EXPECT_EQ(gate->entered(), 3);
  EXPECT_TRUE(Eventually([&] { return server_->pending_work() == 0; }));
  EXPECT_EQ(server_->handler_failures(), 0u);
}

TEST_F(ServerTest, StopWaitsForAWorkPoolRequestAndAnswersIt) {
  auto gate = std::make_shared<Gate>();
  Router router = GatedLoginRouter(gate);
  Start({}, std::move(router));
  std::future<HttpResponse> login = std::async(std::launch::async, [port = port()] {
    return HttpRequest(port, "POST", "/login", {}, "password=guess");
  });
  OpenOnExit open_on_exit{*gate};
  ASSERT_TRUE(Eventually([&] { return gate->entered() == 1; }));
  server_->Stop();
  gate->Open();
  thread_.join();
  server_.reset();
  const HttpResponse answered = login.get();
  EXPECT_EQ(answered.status, 200) << answered.error;
  EXPECT_EQ(answered.body, "signed in");
}

TEST_F(ServerTest, StopEndsRunWithIdleConnectionsOpen) {
  Start();
  HttpConnection connection(port());
  EXPECT_EQ(connection.Request("GET", "/").status, 200);
  const auto before = std::chrono::steady_clock::now();
  server_->Stop();
  thread_.join();
  server_.reset();
  // Idle keep-alive connections do not hold the server for the grace period.
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2));
  EXPECT_TRUE(connection.WaitForClose(std::chrono::milliseconds(1000)));
}

}  // namespace
}  // namespace sinmun::http
