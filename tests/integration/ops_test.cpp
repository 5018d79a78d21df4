// The operators' view of the real binary (issue #20): /metrics under load, checked by
// Prometheus's promtool; who may read it; /healthz and /readyz; the JSON access log with the
// request id of the X-Request-Id header, reopened on SIGHUP.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;

class OpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "paper").string();
    const CommandResult demo = MakeDemoPaper(data_, {"--articles", "40", "--seed", "5"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
  }
  void Configure(const std::string& toml) { std::ofstream(data_ + "/sinmun.toml") << toml; }

  std::int64_t SomeArticle(std::uint16_t port) {
    const json list = json::parse(HttpGet(port, "/api/v1/articles").body, nullptr, false);
    return list.at("items").at(2).at("id").get<std::int64_t>();
  }

  // Runs promtool over `metrics`; "" when it passes, else what it said.
  std::string PromtoolProblems(const std::string& metrics) {
    const std::string file = (dir_.path() / "metrics.txt").string();
    std::ofstream(file) << metrics;
    const std::string command = "promtool check metrics < " + file + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return "cannot run promtool";
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    const int status = ::pclose(pipe);
    if (status != 0) return "promtool failed (" + std::to_string(status) + "): " + out;
    return out;  // lint findings are printed even when it exits 0
  }

  TempDir dir_;
  std::string data_;
};

TEST_F(OpsTest, MetricsMoveUnderLoadAndPassPromtool) {
  Configure("[counters]\nflush_seconds = 1\n");
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  const std::uint16_t port = server.port();
  const std::string target = "/article/" + std::to_string(SomeArticle(port));
  ASSERT_EQ(HttpGet(port, target, {{"User-Agent", kDesktopChrome}}).status, 200);  // now cached

  const HttpResponse before = HttpGet(port, "/metrics");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string article_200 = R"(sinmun_http_requests_total{route="article",status="200"})";
  const double requests_before = MetricValue(before.body, article_200);
  const double hits_before = MetricValue(before.body, "sinmun_page_cache_hits_total");
  const double views_before = MetricValue(before.body, "sinmun_views_counted_total");
  // Those before it: ServeProcess's /readyz while the rankings loaded.
  const std::string ops_200 = R"(sinmun_http_requests_total{route="ops",status="200"})";
  const double ops_before = MetricValue(before.body, ops_200);
  EXPECT_EQ(requests_before, 1);
  EXPECT_EQ(views_before, 1);

  // Four readers' threads, 50 different readers each, while /metrics is scraped.
  constexpr int kThreads = 4, kPerThread = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> load;
  for (int t = 0; t < kThreads; ++t) {
    load.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        char cookie[64];
        std::snprintf(cookie, sizeof cookie, "sinmun_v=%032x", t * 1000 + i + 1);
        const HttpResponse page =
            HttpGet(port, target, {{"Cookie", cookie}, {"User-Agent", kDesktopChrome}});
        if (page.status != 200) ++failures;
      }
    });
  }
  int scrapes = 0;
  std::string during;
  for (; scrapes < 10; ++scrapes) {
    const HttpResponse scrape = HttpGet(port, "/metrics");
    ASSERT_EQ(scrape.status, 200);
    during = scrape.body;
  }
  for (std::thread& thread : load) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(PromtoolProblems(during), "");

  const HttpResponse after = HttpGet(port, "/metrics");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(PromtoolProblems(after.body), "");
  constexpr double kLoad = kThreads * kPerThread;
  EXPECT_EQ(MetricValue(after.body, article_200) - requests_before, kLoad);
  EXPECT_GE(MetricValue(after.body, "sinmun_page_cache_hits_total") - hits_before, kLoad);
  EXPECT_EQ(MetricValue(after.body, "sinmun_views_counted_total") - views_before, kLoad);
  EXPECT_EQ(
      MetricValue(after.body, R"(sinmun_http_request_duration_seconds_count{route="article"})"),
      requests_before + kLoad);
  // The scrapes before this one.
  EXPECT_EQ(MetricValue(after.body, ops_200) - ops_before, scrapes + 1);
  EXPECT_GE(MetricValue(after.body, "sinmun_http_open_connections"), 1);
  EXPECT_EQ(MetricValue(after.body, "sinmun_store_up"), 1);
  EXPECT_GT(MetricValue(after.body, "process_resident_memory_bytes"), 1 << 20);
  EXPECT_GE(MetricValue(after.body, "sinmun_views_pending"), 0);
  // Each of the readers has its (reader, article) pair remembered for 30 minutes.
  EXPECT_GE(MetricValue(after.body, "sinmun_view_dedup_entries"), kLoad);
  EXPECT_GE(MetricValue(after.body, "sinmun_mail_outbox_depth"), 0);
  EXPECT_GE(MetricValue(after.body, "sinmun_search_follower_lag_changes"), 0);
}

TEST_F(OpsTest, MetricsAreForTheAllowedAddressesOrTheToken) {
  Configure("[metrics]\nallow = \"192.0.2.0/24\"\ntoken = \"s3cret-token\"\n");
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  EXPECT_EQ(HttpGet(server.port(), "/metrics").status, 403);
  EXPECT_EQ(HttpGet(server.port(), "/metrics", {{"Authorization", "Bearer wrong"}}).status, 403);
  const HttpResponse with_token =
      HttpGet(server.port(), "/metrics", {{"Authorization", "Bearer s3cret-token"}});
  EXPECT_EQ(with_token.status, 200);
  EXPECT_NE(with_token.body.find("sinmun_http_requests_total"), std::string::npos);
  EXPECT_EQ(with_token.Header("cache-control"), "no-store");
}

TEST_F(OpsTest, HealthAndReadiness) {
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  const HttpResponse health = HttpGet(server.port(), "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  const HttpResponse ready = HttpGet(server.port(), "/readyz");
  EXPECT_EQ(ready.status, 200);
  const json body = json::parse(ready.body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << ready.body;
  EXPECT_EQ(body["ready"], true);
  EXPECT_EQ(body["store"], "ok");
  // A new demo paper is indexed in the background: reported, whether caught up or not.
  EXPECT_TRUE(body["search"]["caught_up"].is_boolean());
  EXPECT_GT(body["search"]["store_sequence"].get<std::int64_t>(), 0);
  // The view rankings load after the server listens; ServeProcess waits for them.
  EXPECT_EQ(body["rankings"], "loaded");
}

// Waits (up to 10 s) for `path` to hold a line with `id`; returns that line parsed.
json WaitForLogLine(const std::filesystem::path& path, const std::string& id) {
  for (int i = 0; i < 100; ++i) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      const json entry = json::parse(line, nullptr, false);
      if (!entry.is_discarded() && entry.value("id", "") == id) return entry;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return json();
}

TEST_F(OpsTest, AccessLogCarriesTheRequestIdAndReopensOnSighup) {
  Configure("[log]\naccess_log = \"access.log\"\nlevel = \"warn\"\n");
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  const std::filesystem::path log = std::filesystem::path(data_) / "access.log";

  const HttpResponse first =
      HttpGet(server.port(), "/section/nowhere?x=1",
              {{"User-Agent", "log-test"}, {"Referer", "https://a.example/"}});
  const std::string first_id = first.Header("x-request-id");
  ASSERT_FALSE(first_id.empty());
  const json entry = WaitForLogLine(log, first_id);
  ASSERT_TRUE(entry.is_object()) << "no line for " << first_id;
  EXPECT_EQ(entry["target"], "/section/nowhere?x=1");
  EXPECT_EQ(entry["status"], first.status);
  EXPECT_EQ(entry["method"], "GET");
  EXPECT_EQ(entry["remote"], "127.0.0.1");
  EXPECT_EQ(entry["ua"], "log-test");
  EXPECT_EQ(entry["referer"], "https://a.example/");

  // logrotate: move the file, then SIGHUP; the next lines go to a new access.log.
  std::filesystem::rename(log, std::filesystem::path(data_) / "access.log.1");
  ASSERT_EQ(::kill(server.pid(), SIGHUP), 0);
  std::string second_id;
  json second;
  for (int i = 0; i < 5 && !second.is_object(); ++i) {
    second_id = HttpGet(server.port(), "/healthz").Header("x-request-id");
    second = WaitForLogLine(log, second_id);
  }
  ASSERT_TRUE(second.is_object()) << "nothing written to a new access.log";
  EXPECT_EQ(second["target"], "/healthz");
  EXPECT_TRUE(WaitForLogLine(std::filesystem::path(data_) / "access.log.1", first_id).is_object());
  // The server lives on after SIGHUP and stops cleanly.
  EXPECT_EQ(HttpGet(server.port(), "/healthz").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace sinmun::testing
