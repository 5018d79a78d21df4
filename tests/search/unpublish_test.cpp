// An article taken off the site (the desk's unpublish) leaves the search index and the
// related boxes within a second: the follower sees the change, finds no published article and
// removes it from the index.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "search/searcher.hpp"
#include "support/test_store.hpp"

namespace sinmun::search {
namespace {

constexpr Timestamp kUnpublishNow = 1'714'705'200;

TEST(UnpublishTest, AnArticleTakenDownLeavesSearchAndRelatedWithinASecond) {
  auto store = testing::OpenTestStore(testing::Backend::kSqlite);
  const auto sections = testing::SeedSections(*store);
  const auto reporters = testing::SeedReporters(*store, 1);
  const auto add = [&](const std::string& headline, const std::string& body) {
    store::NewArticle article =
        testing::MakeArticle(sections[0].id, headline, kUnpublishNow - 3600, {reporters[0]});
    article.body_markdown = body;
    return testing::InsertArticle(*store, article);
  };
  const auto kept = add("가야금 연주회", "가야금 산조 연주회가 열렸다.");
  const auto gone = add("가야금 명인 별세", "가야금 산조 명인이 별세했다.");
  add("코스피 하락 마감", "코스피가 외국인 매도에 하락했다.");
  add("내일 날씨", "전국이 맑겠다.");
  testing::TempDir dir;
  auto searcher = testing::Must(OpenSearchIndex(store.get(), dir.path()));
  searcher->StartFollowing();
  SearchRequest request;
  request.query = "가야금";
  request.now = kUnpublishNow;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (searcher->Search(request).value().ids.size() < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(searcher->Search(request).value().ids.size(), 2u);
  ASSERT_EQ(searcher->Related(kept, 5, kUnpublishNow).value(), std::vector<store::ArticleId>{gone});

  ASSERT_TRUE(store->UnpublishArticle(gone, kUnpublishNow).has_value());
  const auto start = std::chrono::steady_clock::now();
  std::vector<store::ArticleId> found;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) {
    found = searcher->Search(request).value().ids;
    if (found.size() == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(found, std::vector<store::ArticleId>{kept});
  EXPECT_TRUE(searcher->Related(kept, 5, kUnpublishNow).value().empty());
  searcher->StopFollowing();
}

}  // namespace
}  // namespace sinmun::search
