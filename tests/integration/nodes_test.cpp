// Several nodes of one paper: two real `sinmun serve` processes on two ports over one store
// and one private Redis, each with its own search index. What one node does, the other shows:
// a publish within a second, views summed in the rankings, a login valid on both; and pages
// keep serving while Redis is down.
//
// The store is the test's parameter. SQLite: both nodes serve one data folder (WAL works
// across processes). Another backend: the demo paper is copied into TestDatabase(backend)
// with `sinmun migrate` and both nodes get `--store URL`.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "counters/redis_server.hpp"
#include "integration/newsroom_staff.hpp"
#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr char kEditor[] = "desk@example.com";
constexpr char kPassword[] = "desk password 1";

class NodesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.running()) << redis_.error();
    data_ = (dir_.path() / "paper").string();
    const CommandResult demo = MakeDemoPaper(data_, {"--articles", "60", "--seed", "8"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
    std::ofstream(dir_.path() / "password.txt") << kPassword << "\n";
    const CommandResult added =
        RunSinmun({"user", "add", "--data", data_, "--email", kEditor, "--name", "데스크", "--role",
                   "editor", "--password-file", (dir_.path() / "password.txt").string()});
    ASSERT_EQ(added.exit_code, 0) << added.out;
    if (GetParam() != Backend::kSqlite) {
      database_ = std::make_unique<TestDatabase>(GetParam());
      const CommandResult migrated =
          RunSinmun({"migrate", "--from", "sqlite:" + data_, "--to", database_->url()});
      ASSERT_EQ(migrated.exit_code, 0) << migrated.out;
    }
  }

  // Starts nodes A and B. Views are written (and exchanged) every second; rendered pages are
  // kept `cache_seconds`.
  void StartNodes(int cache_seconds) {
    std::ofstream(data_ + "/sinmun.toml")
        << "[counters]\nflush_seconds = 1\n"
        << "[server]\npage_cache_seconds = " << cache_seconds << "\n";
    node_a_ = StartNode("search-a");
    node_b_ = StartNode("search-b");
    ASSERT_NE(node_a_->port(), 0) << node_a_->output();
    ASSERT_NE(node_b_->port(), 0) << node_b_->output();
  }

  std::unique_ptr<ServeProcess> StartNode(const std::string& search_dir) {
    std::vector<std::string> args = {"--redis", redis_.url(), "--search-dir", search_dir};
    if (database_) {
      args.push_back("--store");
      args.push_back(database_->url());
    }
    return std::make_unique<ServeProcess>(data_, args);
  }
  std::uint16_t a() const { return node_a_->port(); }
  std::uint16_t b() const { return node_b_->port(); }

  // The ranking as the JSON API shows it (kept in the page cache up to cache_seconds).
  static std::int64_t WindowViews(std::uint16_t port, std::int64_t id) {
    const json top =
        json::parse(HttpGet(port, "/api/v1/most-viewed?window=24h&limit=50").body, nullptr, false);
    if (!top.contains("items")) return -1;
    for (const json& item : top.at("items")) {
      if (item.at("id").get<std::int64_t>() == id) return item.at("views").get<std::int64_t>();
    }
    return 0;
  }
  // Polls WindowViews on `port` until it is `views` or `seconds` pass; returns the last.
  static std::int64_t WaitForViews(std::uint16_t port, std::int64_t id, std::int64_t views,
                                   int seconds) {
    const auto until = Clock::now() + std::chrono::seconds(seconds);
    std::int64_t seen = WindowViews(port, id);
    while (seen != views && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      seen = WindowViews(port, id);
    }
    return seen;
  }
  static void Read(std::uint16_t port, std::int64_t id, int readers, int first) {
    for (int i = first; i < first + readers; ++i) {
      char cookie[64];
      std::snprintf(cookie, sizeof cookie, "sinmun_v=%032x", i);
      const HttpResponse page = HttpGet(port, "/article/" + std::to_string(id),
                                        {{"Cookie", cookie}, {"User-Agent", kDesktopChrome}});
      ASSERT_EQ(page.status, 200);
    }
  }
  std::int64_t SomeArticle(int index) {
    const json list = json::parse(HttpGet(a(), "/api/v1/articles").body, nullptr, false);
    return list.at("items").at(index).at("id").get<std::int64_t>();
  }

  RedisServer redis_;
  TempDir dir_;
  std::string data_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServeProcess> node_a_;
  std::unique_ptr<ServeProcess> node_b_;
};

TEST_P(NodesTest, APublishOnAShowsOnBWithinASecond) {
  // Pages stay cached for a minute: what shows the change on B is the change sequence.
  ASSERT_NO_FATAL_FAILURE(StartNodes(60));
  // B has the newest-articles list cached before the publish.
  const std::string list_before = HttpGet(b(), "/api/v1/articles").body;
  const std::string front_before = HttpGet(b(), "/").body;
  ASSERT_EQ(HttpGet(b(), "/api/v1/articles").body, list_before);  // served from the cache

  Staff editor(a());
  ASSERT_EQ(editor.Login(kEditor, kPassword).status, 303);
  const std::string headline = "교차노드 출고 확인 기사";
  const HttpResponse created =
      editor.Act("/newsroom/articles", {{"section", "1"},
                                        {"headline", headline},
                                        {"body", "본문입니다.\n\n둘째 문단."},
                                        {"reporter", "1"}});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string edit_path =
      created.Header("location").substr(0, created.Header("location").find('?'));
  const std::string id = edit_path.substr(edit_path.rfind('/') + 1);
  ASSERT_EQ(HttpGet(b(), "/article/" + id).status, 404);  // a draft
  ASSERT_EQ(editor.Act(edit_path + "/publish", {}).status, 303);
  const auto published = Clock::now();

  // Node B: its cached list, the article page, the front page and its own search index.
  bool listed = false, page = false, front = false, found = false;
  while (!(listed && page && front && found) &&
         Clock::now() - published < std::chrono::seconds(1)) {
    listed = listed || HttpGet(b(), "/api/v1/articles").body.find(headline) != std::string::npos;
    page = page || HttpGet(b(), "/article/" + id).status == 200;
    front = front || HttpGet(b(), "/").body.find(headline) != std::string::npos;
    found = found || HttpGet(b(), "/api/v1/search?q=%EA%B5%90%EC%B0%A8%EB%85%B8%EB%93%9C")
                             .body.find("\"id\":" + id) != std::string::npos;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::printf(
      "node B showed the publish everywhere after %lld ms\n",
      static_cast<long long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - published).count()));
  EXPECT_TRUE(listed) << "the article list on B did not show the new article within 1 s";
  EXPECT_TRUE(page) << "the article page on B was not there within 1 s";
  EXPECT_TRUE(front) << "the front page on B did not show the new article within 1 s";
  EXPECT_TRUE(found) << "B's search index did not find the new article within 1 s";
  EXPECT_NE(HttpGet(b(), "/").body, front_before);
  // Each node keeps its own index.
  EXPECT_TRUE(std::filesystem::is_directory(data_ + "/search-a"));
  EXPECT_TRUE(std::filesystem::is_directory(data_ + "/search-b"));
}

TEST_P(NodesTest, ViewsOnBothNodesSumInTheRankingsOfBoth) {
  ASSERT_NO_FATAL_FAILURE(StartNodes(1));
  const std::int64_t first = SomeArticle(2);
  const std::int64_t second = SomeArticle(5);
  Read(a(), first, 3, 1);
  Read(b(), first, 2, 100);  // other readers: five in all
  Read(b(), second, 4, 200);
  for (std::uint16_t port : {a(), b()}) {
    EXPECT_EQ(WaitForViews(port, first, 5, 10), 5) << "node on port " << port;
    EXPECT_EQ(WaitForViews(port, second, 4, 10), 4) << "node on port " << port;
  }
}

TEST_P(NodesTest, ALoginOnAIsValidOnB) {
  ASSERT_NO_FATAL_FAILURE(StartNodes(1));
  Staff editor(a());
  ASSERT_EQ(editor.Login(kEditor, kPassword).status, 303);
  EXPECT_EQ(editor.Get("/newsroom/password").status, 200);
  editor.UsePort(b());
  EXPECT_EQ(editor.Get("/newsroom/password").status, 200);
  // B accepts a form of that session (its CSRF token lives with the session in the store).
  const HttpResponse created = editor.Act(
      "/newsroom/articles",
      {{"section", "1"}, {"headline", "B에서 쓴 기사"}, {"body", "본문."}, {"reporter", "1"}});
  EXPECT_EQ(created.status, 303) << created.body;
  // A logout on B ends the session on A too.
  EXPECT_EQ(editor.Act("/newsroom/logout", {}).status, 303);
  editor.UsePort(a());
  EXPECT_EQ(editor.Get("/newsroom/password").status, 303);  // back to the login form
}

TEST_P(NodesTest, PagesServeWhileRedisIsDownAndRankingsCatchUpWhenItReturns) {
  ASSERT_NO_FATAL_FAILURE(StartNodes(1));
  const std::int64_t id = SomeArticle(4);
  Read(a(), id, 2, 1);
  ASSERT_EQ(WaitForViews(b(), id, 2, 10), 2);

  redis_.Kill();
  // Both nodes serve and count on: each ranks its own views meanwhile.
  Read(a(), id, 3, 10);
  Read(b(), id, 4, 20);
  EXPECT_EQ(WaitForViews(a(), id, 5, 10), 5);
  EXPECT_EQ(WaitForViews(b(), id, 6, 10), 6);
  EXPECT_EQ(HttpGet(a(), "/").status, 200);
  EXPECT_EQ(HttpGet(b(), "/most-viewed").status, 200);

  // Redis returns (empty): both rebuild from the store, which has every view.
  ASSERT_TRUE(redis_.Start()) << redis_.error();
  EXPECT_EQ(WaitForViews(a(), id, 9, 20), 9);
  EXPECT_EQ(WaitForViews(b(), id, 9, 20), 9);
  Read(b(), id, 1, 40);
  EXPECT_EQ(WaitForViews(a(), id, 10, 10), 10);
}

INSTANTIATE_TEST_SUITE_P(Stores, NodesTest, testing::AllBackends(), BackendParamName());

}  // namespace
}  // namespace sinmun::testing
