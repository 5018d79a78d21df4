// The /metrics text over a real store and search index (issue #20).
#include <gtest/gtest.h>

#include <string>

#include "app/ops_pages.hpp"
#include "search/searcher.hpp"
#include "support/test_store.hpp"

namespace sinmun::app {
namespace {

TEST(MetricsTextTest, SearchLagCountsFromTheStoresSequenceBeforeTheFollowersFirstPoll) {
  testing::TempDir dir;
  testing::TestDatabase database{testing::Backend::kSqlite};
  std::unique_ptr<store::Store> store = database.Open();
  const std::vector<store::Section> sections = testing::SeedSections(*store);
  for (const char* headline : {"가", "나", "다"}) {
    testing::InsertArticle(*store, testing::MakeArticle(sections[0].id, headline, 1'700'000'000));
  }
  const std::int64_t sequence = store->ChangeSequence().value();
  ASSERT_GT(sequence, 0);
  // A new index whose follower has not started: nothing indexed, the store not yet asked.
  auto index = testing::Must(search::OpenSearchIndex(store.get(), dir.path() / "search"));

  const std::string text = MetricsText({.store = store.get(), .searcher = index.get()});
  EXPECT_NE(text.find("\nsinmun_search_follower_lag_changes " + std::to_string(sequence) + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\nsinmun_search_indexed_sequence 0\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace sinmun::app
