// What only the PostgreSQL store has: several nodes opening one new database at once, the
// pool size in the URL, and a server that cannot be reached.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::Must;

using testing::kNow;

TEST(PostgresStoreTest, NodesStartingTogetherMigrateANewDatabaseOnce) {
  const testing::TestDatabase database(Backend::kPostgres);
  constexpr int kNodes = 6;
  std::vector<Result<std::unique_ptr<Store>>> opened(kNodes);
  std::vector<std::thread> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.emplace_back([&, i] { opened[i] = OpenStore(database.url()); });
  }
  for (std::thread& node : nodes) node.join();
  for (const Result<std::unique_ptr<Store>>& store : opened) {
    ASSERT_TRUE(store.has_value()) << store.error().detail;
  }
  // One schema: what one node writes, another reads.
  const SectionId section =
      Must((*opened[0])->InsertSection({.slug = "politics", .name = "정치", .position = 1}));
  testing::InsertArticle(**opened[1], testing::MakeArticle(section, "함께 연 기사", kNow));
  EXPECT_EQ(Must((*opened[kNodes - 1])->ChangeSequence()), 1);
  EXPECT_EQ(Must((*opened[2])->LatestArticles({}, {}, kNow)).items.at(0).headline, "함께 연 기사");
}

TEST(PostgresStoreTest, PoolSizeComesFromTheUrl) {
  const testing::TestDatabase database(Backend::kPostgres);
  std::unique_ptr<Store> store = Must(OpenStore(database.url() + "&pool_size=1"));
  // One connection serves threads one at a time, and still every one of them.
  const SectionId section =
      Must(store->InsertSection({.slug = "economy", .name = "경제", .position = 1}));
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&, i] {
      testing::InsertArticle(*store,
                             testing::MakeArticle(section, "기사 " + std::to_string(i), kNow));
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(Must(store->LatestArticles({}, {}, kNow)).total, 4);

  for (const char* bad : {"&pool_size=0", "&pool_size=many", "&pool_size=1000"}) {
    EXPECT_EQ(ErrorCodeOf(OpenStore(database.url() + bad)), ErrorCode::kInvalidInput) << bad;
  }
}

TEST(PostgresStoreTest, AServerThatCannotBeReachedIsUnavailable) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const Result<std::unique_ptr<Store>> store = OpenStore("postgres://sinmun@127.0.0.1:1/paper");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().detail.find("127.0.0.1"), std::string::npos) << store.error().detail;
}

}  // namespace
}  // namespace sinmun::store
