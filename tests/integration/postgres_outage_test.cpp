// A paper on PostgreSQL while PostgreSQL restarts (issue #8): the real binary serves a demo
// paper from a PostgreSQL server that this test owns (so stopping it disturbs no other test).
// While the server is down, pages in the page cache keep being served, pages that need the
// store and writes are answered with a clear 503 page, and once it is back the same write
// succeeds, without restarting sinmun.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;

// A private PostgreSQL server of this test: tests/support/postgres-service.sh in a folder of
// its own.
class OwnPostgres {
 public:
  OwnPostgres() : state_((dir_.path() / "service").string()) {
    ok_ = Run("start");
    std::ifstream in(state_ + "/postgres.url");
    std::getline(in, url_);
  }
  ~OwnPostgres() { Run("stop"); }

  bool ok() const { return ok_ && !url_.empty(); }
  const std::string& url() const { return url_; }
  bool Halt() { return Run("halt"); }
  bool Resume() { return Run("resume"); }

 private:
  bool Run(const std::string& action) {
    const std::string command = std::string(SINMUN_SOURCE_DIR) +
                                "/tests/support/postgres-service.sh " + action + " '" + state_ +
                                "' >/dev/null";
    return std::system(command.c_str()) == 0;
  }

  TempDir dir_;
  std::string state_;
  std::string url_;
  bool ok_ = false;
};

TEST(PostgresOutageTest, CachedPagesServeAndWritesAnswer503UntilPostgresIsBack) {
  OwnPostgres postgres;
  ASSERT_TRUE(postgres.ok()) << "the test's own PostgreSQL did not start";
  TempDir dir;
  const std::string data = (dir.path() / "paper").string();
  const CommandResult demo = RunSinmun(
      {"demo", "--data", data, "--store", postgres.url(), "--articles", "40", "--seed", "5"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out;

  // demo was told the store with --store; serve reads it from sinmun.toml.
  std::ofstream(data + "/sinmun.toml") << "[server]\nstore = \"" << postgres.url() << "\"\n";
  ServeProcess server(data);
  ASSERT_NE(server.port(), 0) << server.output();
  const std::uint16_t port = server.port();
  const json list = json::parse(HttpGet(port, "/api/v1/articles").body, nullptr, false);
  const std::int64_t id = list.at("items").at(0).at("id").get<std::int64_t>();
  const std::int64_t other = list.at("items").at(1).at("id").get<std::int64_t>();
  const std::string article = "/article/" + std::to_string(id);
  const std::string origin = "http://127.0.0.1:" + std::to_string(port);
  auto recommend = [&](const std::string& visitor, bool as_json) {
    HttpHeaders headers = {
        {"Origin", origin}, {"Cookie", "sinmun_v=" + visitor}, {"User-Agent", kDesktopChrome}};
    if (as_json) headers.push_back({"Accept", "application/json"});
    return HttpRequest(port, "POST", article + "/recommend", headers);
  };
  ASSERT_EQ(recommend(std::string(32, 'a'), true).status, 200);
  // After the recommend, which drops the article's cached page.
  const HttpResponse before = HttpGet(port, article, {{"User-Agent", kDesktopChrome}});
  ASSERT_EQ(before.status, 200);  // now in the page cache

  ASSERT_TRUE(postgres.Halt());
  const HttpResponse cached = HttpGet(port, article, {{"User-Agent", kDesktopChrome}});
  EXPECT_EQ(cached.status, 200);
  EXPECT_EQ(cached.body, before.body);

  const HttpResponse uncached =
      HttpGet(port, "/article/" + std::to_string(other), {{"User-Agent", kDesktopChrome}});
  EXPECT_EQ(uncached.status, 503);
  EXPECT_NE(uncached.body.find("잠시 서비스를 이용할 수 없습니다"), std::string::npos);

  const HttpResponse refused = recommend(std::string(32, 'b'), true);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(json::parse(refused.body, nullptr, false)["error"]["status"], 503);
  const HttpResponse refused_form = recommend(std::string(32, 'b'), false);
  EXPECT_EQ(refused_form.status, 503);
  EXPECT_NE(refused_form.body.find("잠시 서비스를 이용할 수 없습니다"), std::string::npos);
  const HttpResponse mail =
      HttpRequest(port, "POST", article + "/email",
                  {{"Origin", origin},
                   {"Content-Type", "application/x-www-form-urlencoded"},
                   {"User-Agent", kDesktopChrome}},
                  "sender_name=%ED%99%8D%EA%B8%B8%EB%8F%99&sender_email=hong%40example.com"
                  "&recipients=friend%40example.org&note=");
  EXPECT_EQ(mail.status, 503);

  ASSERT_TRUE(postgres.Resume());
  // The first calls after the restart find the pooled connections broken and open new ones;
  // the write goes through without restarting sinmun.
  const HttpResponse counted = recommend(std::string(32, 'b'), true);
  ASSERT_EQ(counted.status, 200) << counted.body << server.output();
  const json result = json::parse(counted.body, nullptr, false);
  EXPECT_EQ(result["counted"], true);
  EXPECT_EQ(
      HttpGet(port, "/article/" + std::to_string(other), {{"User-Agent", kDesktopChrome}}).status,
      200);
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

}  // namespace
}  // namespace sinmun::testing
