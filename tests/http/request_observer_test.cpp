// What the server tells its observers (metrics, access log) and the request id it hands out.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "support/http_client.hpp"

namespace sinmun::http {
namespace {

using sinmun::testing::HttpConnection;
using sinmun::testing::HttpGet;
using sinmun::testing::HttpResponse;
using sinmun::testing::SendRaw;

struct Seen {
  std::string id, target, user_agent;
  ResponseSummary summary;
};

class RecordingObserver final : public RequestObserver {
 public:
  void OnResponse(const Request& request, const ResponseSummary& response) override {
    std::lock_guard lock(mutex_);
    seen_.push_back(
        {request.id, request.target, std::string(request.Header("user-agent")), response});
  }
  std::vector<Seen> seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
};

class RequestObserverTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    options.observers.push_back(&observer_);
    Router router;
    router.Get("/", [](const Request&) { return Text("home"); });
    router.Get("/connections", [this](const Request&) {
      return Text(std::to_string(server_->open_connections()));
    });
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

  RecordingObserver observer_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(RequestObserverTest, EveryResponseIsObservedWithItsRequestId) {
  Start();
  const HttpResponse home = HttpGet(server_->port(), "/?a=1", {{"User-Agent", "tester"}});
  ASSERT_EQ(home.status, 200);
  const HttpResponse missing = HttpGet(server_->port(), "/nowhere");
  ASSERT_EQ(missing.status, 404);
  const std::string home_id = home.Header("x-request-id");
  ASSERT_FALSE(home_id.empty());
  EXPECT_NE(missing.Header("x-request-id"), home_id);

  const std::vector<Seen> seen = observer_.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].id, home_id);
  EXPECT_EQ(seen[0].target, "/?a=1");
  EXPECT_EQ(seen[0].user_agent, "tester");
  EXPECT_EQ(seen[0].summary.status, 200);
  EXPECT_EQ(seen[0].summary.body_bytes, 4u);
  EXPECT_TRUE(seen[0].summary.complete);
  EXPECT_EQ(seen[1].summary.status, 404);
}

TEST_F(RequestObserverTest, IdsAreUniqueAcrossConnectionsAndThreads) {
  Start();
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.insert(HttpGet(server_->port(), "/").Header("x-request-id"));
  HttpConnection connection(server_->port());
  for (int i = 0; i < 20; ++i) ids.insert(connection.Request("GET", "/").Header("x-request-id"));
  EXPECT_EQ(ids.size(), 40u);
  EXPECT_EQ(ids.count(""), 0u);
}

TEST_F(RequestObserverTest, AnIdFromATrustedProxyIsKeptAndOthersAreNot) {
  ServerOptions options;
  options.trusted_proxies = TrustedProxies::Parse("127.0.0.1").value();
  Start(std::move(options));
  EXPECT_EQ(HttpGet(server_->port(), "/", {{"X-Request-Id", "nginx-7f3a"}}).Header("x-request-id"),
            "nginx-7f3a");
  // Not a usable id: the server makes its own.
  const std::string own =
      HttpGet(server_->port(), "/", {{"X-Request-Id", "a b<script>"}}).Header("x-request-id");
  EXPECT_NE(own, "a b<script>");
  EXPECT_FALSE(own.empty());
}

TEST_F(RequestObserverTest, AnIdFromAnUntrustedClientIsIgnored) {
  Start();
  const std::string id =
      HttpGet(server_->port(), "/", {{"X-Request-Id", "forged-1"}}).Header("x-request-id");
  EXPECT_NE(id, "forged-1");
  EXPECT_FALSE(id.empty());
}

TEST_F(RequestObserverTest, RefusedRequestsAreObservedAsIncomplete) {
  Start();
  const std::string answer = SendRaw(server_->port(), "GARBAGE\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
  EXPECT_NE(answer.find("X-Request-Id: "), std::string::npos) << answer;
  const std::vector<Seen> seen = observer_.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].summary.status, 400);
  EXPECT_FALSE(seen[0].summary.complete);
  EXPECT_EQ(seen[0].target, "");
}

TEST_F(RequestObserverTest, OpenConnectionsAreCounted) {
  Start();
  HttpConnection first(server_->port());
  HttpConnection second(server_->port());
  ASSERT_EQ(first.Request("GET", "/").status, 200);
  ASSERT_EQ(second.Request("GET", "/").status, 200);
  // Both keep-alive connections and the one asking.
  EXPECT_EQ(HttpGet(server_->port(), "/connections").body, "3");
}

}  // namespace
}  // namespace sinmun::http
