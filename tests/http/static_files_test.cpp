#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "http/server.hpp"
#include "support/http_client.hpp"

namespace sinmun::http {
namespace {

namespace fs = std::filesystem;
using sinmun::testing::HttpGet;
using sinmun::testing::HttpResponse;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sinmun_static_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "css");
    fs::create_directories(dir_ / "img");
    Write("css/site.css", "body { word-break: keep-all; }\n" + std::string(600, ' ') + "/**/");
    Write("img/logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0'));
    Write("robots.txt", "User-agent: *\n");
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      thread_.join();
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void Write(const std::string& relative, const std::string& bytes) {
    std::ofstream(dir_ / relative, std::ios::binary) << bytes;
  }

  void Serve(const StaticFiles& files) {
    Router router;
    files.AddRoutes(router);
    ServerOptions options;
    options.threads = 1;
    auto server = Server::Open(options, std::move(router));
    ASSERT_TRUE(server.has_value()) << server.error().detail;
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run(); });
  }

  fs::path dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(StaticFilesTest, MissingFolderIsUnavailable) {
  const auto files = StaticFiles::Load((dir_ / "nope").string());
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code, ErrorCode::kUnavailable);
}

TEST_F(StaticFilesTest, FingerprintedUrls) {
  const auto files = StaticFiles::Load(dir_.string());
  ASSERT_TRUE(files.has_value()) << files.error().detail;
  EXPECT_TRUE(std::regex_match((*files)->Url("css/site.css"),
                               std::regex("/static/css/site\\.[0-9a-f]{8}\\.css")))
      << (*files)->Url("css/site.css");
  EXPECT_TRUE(std::regex_match((*files)->Url("robots.txt"),
                               std::regex("/static/robots\\.[0-9a-f]{8}\\.txt")));
  EXPECT_EQ((*files)->Url("css/unknown.css"), "/static/css/unknown.css");
}

TEST_F(StaticFilesTest, ChangedContentChangesFingerprint) {
  const std::string before = (*StaticFiles::Load(dir_.string()))->Url("css/site.css");
  Write("css/site.css", "body { color: black; }");
  const std::string after = (*StaticFiles::Load(dir_.string()))->Url("css/site.css");
  EXPECT_NE(before, after);
}

TEST_F(StaticFilesTest, ServesBothUrlsWithTheirCacheHeaders) {
  const auto files = StaticFiles::Load(dir_.string());
  ASSERT_TRUE(files.has_value());
  Serve(**files);
  const std::uint16_t port = server_->port();

  const HttpResponse fingerprinted = HttpGet(port, (*files)->Url("css/site.css"));
  EXPECT_EQ(fingerprinted.status, 200);
  EXPECT_EQ(fingerprinted.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(fingerprinted.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(fingerprinted.body.substr(0, 6), "body {");

  const HttpResponse plain = HttpGet(port, "/static/css/site.css");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("cache-control"), "public, max-age=3600");
  EXPECT_EQ(plain.body, fingerprinted.body);
  EXPECT_EQ(plain.Header("etag"), fingerprinted.Header("etag"));

  const HttpResponse gzipped = HttpGet(port, "/static/css/site.css", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");

  const HttpResponse png = HttpGet(port, "/static/img/logo.png", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_FALSE(png.HasHeader("content-encoding"));
  EXPECT_EQ(png.body.size(), 108u);

  EXPECT_EQ(HttpGet(port, "/static/css/missing.css").status, 404);
}

}  // namespace
}  // namespace sinmun::http
