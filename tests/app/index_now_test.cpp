// IndexNow's pings against a stand-in endpoint on loopback: what arrives, and what happens while
// the endpoint is down and once it is back. The clock is moved by hand; nothing waits.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <latch>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/index_now_sender.hpp"
#include "app/ops_pages.hpp"
#include "app/stand_in_endpoint.hpp"
#include "counters/manual_clock.hpp"
#include "support/test_store.hpp"

namespace sinmun::app {
namespace {

using testing::Backend;
using testing::kNow;
using testing::Must;

class IndexNowSenderTest : public testing::TestWithParam<Backend> {
 protected:
  IndexNowSenderTest() {
    config_.base_url = "https://news.example.com/";
    config_.indexnow_endpoints = endpoint_.url("/indexnow");
  }

  store::ArticleId Publish(std::string headline) {
    store::ArticleContent content{
        .section_id = sections_[0].id, .headline = std::move(headline), .body_markdown = "본문."};
    const store::ArticleId id = Must(store_->CreateDraft(content, 1, clock_.Now()));
    EXPECT_TRUE(store_->PublishArticle(id, clock_.Now()).has_value());
    return id;
  }

  std::string StoredKey() const {
    for (const auto& [key, value] : Must(store_->SiteSettings())) {
      if (key == "indexnow.key") return value;
    }
    return "";
  }

  testing::StandInEndpoint endpoint_;
  std::unique_ptr<store::Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<store::Section> sections_ = testing::SeedSections(*store_);
  counters::ManualClock clock_{kNow};
  Config config_;
  IndexNowOptions options_{.first_retry = std::chrono::seconds(60)};
};

TEST_P(IndexNowSenderTest, APublicationArrivesAsIndexNowJsonWithTheKeyTheSiteServes) {
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  const store::ArticleId first = Publish("대전시 예산안 확정");
  const store::ArticleId second = Publish("세종시 인구 40만 돌파");

  EXPECT_EQ(Must(sender.SendDue()), 2);
  const std::string key = StoredKey();
  EXPECT_EQ(key.size(), 32U) << "a key is made on first use and kept in the settings";
  const auto received = endpoint_.received();
  ASSERT_EQ(received.size(), 1U) << "one POST per endpoint carries the batch";
  EXPECT_EQ(received[0].path, "/indexnow");
  EXPECT_EQ(received[0].content_type, "application/json; charset=utf-8");
  const nlohmann::json body = nlohmann::json::parse(received[0].body);
  EXPECT_EQ(body["host"], "news.example.com");
  EXPECT_EQ(body["key"], key);
  EXPECT_EQ(body["keyLocation"], "https://news.example.com/" + key + ".txt");
  EXPECT_EQ(body["urlList"],
            nlohmann::json::array({"https://news.example.com/article/" + std::to_string(first),
                                   "https://news.example.com/article/" + std::to_string(second)}));

  // Nothing changed: nothing more is sent. An unpublication is announced with the same key.
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(endpoint_.received().size(), 1U);
  ASSERT_TRUE(store_->UnpublishArticle(first, clock_.Now()).has_value());
  EXPECT_EQ(Must(sender.SendDue()), 1);
  ASSERT_EQ(endpoint_.received().size(), 2U);
  const nlohmann::json again = nlohmann::json::parse(endpoint_.received()[1].body);
  EXPECT_EQ(again["key"], key);
  EXPECT_EQ(again["urlList"],
            nlohmann::json::array({"https://news.example.com/article/" + std::to_string(first)}));
}

TEST_P(IndexNowSenderTest, AnEndpointDownIsAskedAgainLaterAndGetsThePingOnceBack) {
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  endpoint_.Close();
  const store::ArticleId id = Publish("태풍 북상, 내일 새벽 상륙");

  // Connection refused: kept for a retry a minute later.
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 1);
  EXPECT_EQ(sender.stats().temporary_failures, 1U);

  // Back, but overloaded (503): asked only when the retry is due, then two minutes later.
  endpoint_.Open();
  endpoint_.SetStatus(503);
  clock_.Advance(59);
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_TRUE(endpoint_.received().empty());
  clock_.Advance(1);
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(endpoint_.received().size(), 1U);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 1);

  endpoint_.SetStatus(200);
  clock_.Advance(119);
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(endpoint_.received().size(), 1U);
  clock_.Advance(1);
  EXPECT_EQ(Must(sender.SendDue()), 1);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 0);

  // Delivered once: later passes send it no more.
  clock_.Advance(3600);
  EXPECT_EQ(Must(sender.SendDue()), 0);
  const auto received = endpoint_.received();
  ASSERT_EQ(received.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(received[1].body)["urlList"],
            nlohmann::json::array({"https://news.example.com/article/" + std::to_string(id)}));
  EXPECT_EQ(sender.stats().sent, 1U);
}

TEST_P(IndexNowSenderTest, ARefusedBatchIsNotRetried) {
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  endpoint_.SetStatus(422);
  Publish("다른 호스트의 주소");
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 0);
  clock_.Advance(86400);
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(endpoint_.received().size(), 1U);
  EXPECT_EQ(sender.stats().rejected, 1U);
}

TEST_P(IndexNowSenderTest, WithoutBaseUrlNothingIsQueuedOrSent) {
  config_.base_url = "";
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  Publish("주소 없는 신문");
  EXPECT_EQ(Must(sender.SendDue()), 0);
  EXPECT_EQ(Must(store_->PendingIndexNowCount()), 0);
  EXPECT_TRUE(endpoint_.received().empty());
  EXPECT_EQ(StoredKey(), "");
}

TEST_P(IndexNowSenderTest, EndpointsSavedInTheSettingsAreUsedAtTheNextPass) {
  config_.indexnow_endpoints = "";
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  Publish("설정 전 기사");
  EXPECT_EQ(Must(sender.SendDue()), 0);
  ASSERT_TRUE(store_
                  ->PutSiteSettings({{"indexnow.endpoints", endpoint_.url("/indexnow")},
                                     {"indexnow.key", "0123456789abcdef"}})
                  .has_value());
  const store::ArticleId id = Publish("설정 후 기사");
  EXPECT_EQ(Must(sender.SendDue()), 1);
  const auto received = endpoint_.received();
  ASSERT_EQ(received.size(), 1U) << "the article published before stays unannounced";
  const nlohmann::json body = nlohmann::json::parse(received[0].body);
  EXPECT_EQ(body["key"], "0123456789abcdef");
  EXPECT_EQ(body["urlList"],
            nlohmann::json::array({"https://news.example.com/article/" + std::to_string(id)}));
}

// /metrics (issue #18): the queue's length and each endpoint's pings, one endpoint up and one
// refusing connections, in text that Prometheus's promtool accepts.
TEST_P(IndexNowSenderTest, MetricsShowTheQueueAndEachEndpointsPingsAndPassPromtool) {
  testing::StandInEndpoint down;
  down.Close();
  config_.indexnow_endpoints = endpoint_.url("/indexnow") + "," + down.url("/indexnow");
  IndexNowSender sender(store_.get(), &clock_, config_, options_);
  ASSERT_EQ(Must(sender.SendDue()), 0);  // the first pass starts following at the present
  Publish("지표에 나올 기사");
  EXPECT_EQ(Must(sender.SendDue()), 1);

  const std::string text = MetricsText({.index_now = &sender});
  const auto has = [&](const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
  };
  const std::string up = endpoint_.url("/indexnow");
  const std::string refusing = down.url("/indexnow");
  EXPECT_TRUE(has("sinmun_indexnow_queue_depth 1")) << text;
  EXPECT_TRUE(has("sinmun_indexnow_pings_sent_total{endpoint=\"" + up + "\"} 1")) << text;
  EXPECT_TRUE(has("sinmun_indexnow_pings_sent_total{endpoint=\"" + refusing + "\"} 0")) << text;
  EXPECT_TRUE(has("sinmun_indexnow_ping_failures_total{endpoint=\"" + refusing +
                  "\",kind=\"temporary\"} 1"))
      << text;
  EXPECT_TRUE(
      has("sinmun_indexnow_ping_failures_total{endpoint=\"" + up + "\",kind=\"temporary\"} 0"))
      << text;

  testing::TempDir dir;
  const std::string file = (dir.path() / "metrics.txt").string();
  std::ofstream(file) << text;
  FILE* promtool = ::popen(("promtool check metrics < " + file + " 2>&1").c_str(), "r");
  ASSERT_NE(promtool, nullptr);
  std::string said;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, promtool) != nullptr) said += buffer;
  EXPECT_EQ(::pclose(promtool), 0) << said;
  EXPECT_EQ(said, "");  // lint findings are printed even when it passes
}

// Two nodes starting at once on an empty store (issue #18) make a key each; both must end
// with the one stored, or one of them would ping with a key the site does not serve. Several
// rounds, each from an empty key, both threads let go at the same moment.
TEST_P(IndexNowSenderTest, TwoNodesStartingAtOnceOnAnEmptyStoreEndWithOneKey) {
  testing::TestDatabase database(GetParam());
  const std::unique_ptr<store::Store> first = database.Open();
  const std::unique_ptr<store::Store> second = database.Open();
  for (int round = 0; round < 10; ++round) {
    ASSERT_TRUE(first->PutSiteSettings({{"indexnow.key", ""}}).has_value());
    std::latch start(2);
    std::string first_key;
    std::string second_key;
    const auto node = [&](store::Store* store, std::string* key) {
      start.arrive_and_wait();
      *key = Must(EnsureIndexNowKey(*store, config_));
    };
    std::thread a(node, first.get(), &first_key);
    std::thread b(node, second.get(), &second_key);
    a.join();
    b.join();
    EXPECT_EQ(first_key.size(), 32U);
    EXPECT_EQ(first_key, second_key) << "round " << round;
    for (const auto& [key, value] : Must(second->SiteSettings())) {
      if (key == "indexnow.key") EXPECT_EQ(value, first_key);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllBackends, IndexNowSenderTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::app
