// Several nodes' counters over one store and one real Redis: the rankings agree on every node,
// the store holds each view once, and losing Redis degrades to per-node counting that
// catches up when Redis returns.
#include "counters/redis_exchange.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "counters/counters.hpp"
#include "counters/manual_clock.hpp"
#include "counters/redis_server.hpp"
#include "support/test_store.hpp"

namespace sinmun::counters {
namespace {

using testing::kNow;

TEST(RedisUrlTest, ReadsHostPortPasswordAndDatabase) {
  const RedisAddress full = ParseRedisUrl("redis://:s3cret@10.0.0.5:6380/2").value();
  EXPECT_EQ(full.host, "10.0.0.5");
  EXPECT_EQ(full.port, 6380);
  EXPECT_EQ(full.password, "s3cret");
  EXPECT_EQ(full.db, 2);
  const RedisAddress user = ParseRedisUrl("redis://node1:pw@cache").value();
  EXPECT_EQ(user.user, "node1");
  EXPECT_EQ(user.password, "pw");
  const RedisAddress plain = ParseRedisUrl("redis://cache").value();
  EXPECT_EQ(plain.host, "cache");
  EXPECT_EQ(plain.port, 6379);
  EXPECT_EQ(plain.db, 0);
  for (const char* bad : {"http://cache", "redis://", "redis://cache:0", "redis://cache:http",
                          "redis://cache/x", "127.0.0.1:6379"}) {
    EXPECT_EQ(testing::ErrorCodeOf(ParseRedisUrl(bad)), ErrorCode::kInvalidInput) << bad;
  }
}

class SeveralNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.running()) << redis_.error();
    sections_ = testing::SeedSections(*store_a_);
    a_ =
        testing::InsertArticle(*store_a_, testing::MakeArticle(sections_[0].id, "가", kNow - 7200));
    b_ =
        testing::InsertArticle(*store_a_, testing::MakeArticle(sections_[1].id, "나", kNow - 7200));
  }

  // A node: its own counters over its own connection to the shared store.
  std::unique_ptr<Counters> Node(store::Store& store) {
    CountersOptions options;
    options.redis_url = redis_.url();
    auto counters = Counters::Open(&store, &clock_, options);
    if (!counters) throw std::runtime_error(counters.error().detail);
    return std::move(*counters);
  }
  static void View(Counters& node, store::ArticleId id, int readers, std::uint64_t first = 1) {
    for (int i = 0; i < readers; ++i) ASSERT_TRUE(node.CountView(id, first + i));
  }
  // Flushes until the node exchanges with Redis again (its retry delay passes), up to 15 s.
  static bool FlushUntilExchanging(Counters& node) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < until) {
      if (!node.Flush()) return false;
      if (node.exchanging()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  // The 24-hour views of `id` in `node`'s ranking (0 when not ranked).
  static std::int64_t Ranked(Counters& node, store::ArticleId id) {
    for (const RankedView& entry : node.Top(Window::k24Hours, std::nullopt, 10)) {
      if (entry.id == id) return entry.views;
    }
    return 0;
  }
  std::int64_t Stored(store::ArticleId id) {
    return store_a_->PublishedArticle(id, clock_.Now()).value().views;
  }

  testing::RedisServer redis_;
  testing::TestDatabase database_{testing::Backend::kSqlite};
  std::unique_ptr<store::Store> store_a_ = database_.Open();
  std::unique_ptr<store::Store> store_b_ = database_.Open();
  std::vector<store::Section> sections_;
  store::ArticleId a_ = 0, b_ = 0;
  ManualClock clock_{kNow};
};

TEST_F(SeveralNodesTest, ViewsOnBothNodesSumInBothRankingsAndAreStoredOnce) {
  auto node_a = Node(*store_a_);
  auto node_b = Node(*store_b_);
  EXPECT_TRUE(node_a->exchanging());
  View(*node_a, a_, 3);
  View(*node_b, a_, 2, 100);
  View(*node_b, b_, 4);
  ASSERT_TRUE(node_a->Flush().has_value());
  ASSERT_TRUE(node_b->Flush().has_value());  // publishes its batch, reads A's
  ASSERT_TRUE(node_a->Flush().has_value());  // reads B's
  for (Counters* node : {node_a.get(), node_b.get()}) {
    EXPECT_EQ(Ranked(*node, a_), 5);
    EXPECT_EQ(Ranked(*node, b_), 4);
    const std::vector<RankedView> politics = node->Top(Window::k24Hours, sections_[0].id, 10);
    ASSERT_EQ(politics.size(), 1u);  // per-section rankings follow too
    EXPECT_EQ(politics[0].id, a_);
  }
  EXPECT_EQ(Stored(a_), 5);  // each node wrote its own views once
  EXPECT_EQ(Stored(b_), 4);

  // A node that starts later loads the store and reads on from there: nothing twice.
  auto node_c = Node(*store_b_);
  EXPECT_EQ(Ranked(*node_c, a_), 5);
  View(*node_a, b_, 1, 500);
  ASSERT_TRUE(node_a->Flush().has_value());
  ASSERT_TRUE(node_c->Flush().has_value());
  EXPECT_EQ(Ranked(*node_c, a_), 5);
  EXPECT_EQ(Ranked(*node_c, b_), 5);
}

TEST_F(SeveralNodesTest, WithoutRedisEachNodeCountsAloneAndCatchesUpWhenItReturns) {
  auto node_a = Node(*store_a_);
  auto node_b = Node(*store_b_);
  View(*node_a, a_, 2);
  ASSERT_TRUE(node_a->Flush().has_value());
  ASSERT_TRUE(node_b->Flush().has_value());
  EXPECT_EQ(Ranked(*node_b, a_), 2);

  redis_.Kill();
  View(*node_a, a_, 3, 10);
  View(*node_b, b_, 6);
  // Counting goes on: each flush still writes the store, and each node ranks its own views.
  ASSERT_TRUE(node_a->Flush().has_value());
  ASSERT_TRUE(node_b->Flush().has_value());
  EXPECT_FALSE(node_a->exchanging());
  EXPECT_FALSE(node_b->exchanging());
  EXPECT_EQ(Stored(a_), 5);
  EXPECT_EQ(Stored(b_), 6);
  EXPECT_EQ(Ranked(*node_a, a_), 5);
  EXPECT_EQ(Ranked(*node_a, b_), 0);  // B's views have not reached A
  EXPECT_EQ(Ranked(*node_b, a_), 2);
  EXPECT_EQ(Ranked(*node_b, b_), 6);

  // Redis comes back empty, as a restarted Redis without persistence does.
  ASSERT_TRUE(redis_.Start()) << redis_.error();
  ASSERT_TRUE(FlushUntilExchanging(*node_a));
  ASSERT_TRUE(FlushUntilExchanging(*node_b));
  View(*node_b, a_, 1, 900);  // and counting together again
  ASSERT_TRUE(node_b->Flush().has_value());
  ASSERT_TRUE(node_a->Flush().has_value());
  for (Counters* node : {node_a.get(), node_b.get()}) {
    EXPECT_EQ(Ranked(*node, a_), 6);
    EXPECT_EQ(Ranked(*node, b_), 6);
  }
  EXPECT_EQ(Stored(a_), 6);
}

TEST_F(SeveralNodesTest, ANodeCutOffAloneFromRedisPublishesWhatItMissedWhenBack) {
  auto node_c = Node(*store_a_);
  // B logs in as a Redis user that does not exist yet: refused, it starts and counts alone,
  // while C keeps its link to Redis.
  CountersOptions options;
  options.redis_url = "redis://nodeb:pw@127.0.0.1:" + std::to_string(redis_.port()) + "/0";
  auto node_b = std::move(Counters::Open(store_b_.get(), &clock_, options).value());
  EXPECT_FALSE(node_b->exchanging());
  View(*node_b, b_, 4);
  ASSERT_TRUE(node_b->Flush().has_value());
  ASSERT_TRUE(node_c->Flush().has_value());
  EXPECT_TRUE(node_c->exchanging());
  EXPECT_EQ(Ranked(*node_b, b_), 4);
  EXPECT_EQ(Ranked(*node_c, b_), 0);

  // Let B in: it publishes the batch it kept, and C, which never rebuilt, adds it.
  ASSERT_EQ(redis_.Cli({"ACL", "SETUSER", "nodeb", "on", ">pw", "allkeys", "+@all"}), "OK");
  ASSERT_TRUE(FlushUntilExchanging(*node_b));
  ASSERT_TRUE(node_c->Flush().has_value());
  EXPECT_EQ(Ranked(*node_c, b_), 4);
  EXPECT_EQ(Ranked(*node_b, b_), 4);
  EXPECT_EQ(Stored(b_), 4);
}

}  // namespace
}  // namespace sinmun::counters
