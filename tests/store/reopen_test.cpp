// Closing and opening the same database again: migrations run once, data and the change
// sequence persist.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;

using testing::kNow;

class StoreReopenTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
};

TEST_P(StoreReopenTest, DataAndChangeSequencePersistAcrossReopen) {
  ArticleId id = 0;
  {
    std::unique_ptr<Store> store = database_.Open();
    const SectionId politics = testing::SeedSections(*store)[0].id;
    const std::vector<ReporterId> reporters = testing::SeedReporters(*store, 1);
    store
        ->InsertArticles({testing::MakeArticle(politics, "첫 기사", kNow, reporters),
                          testing::MakeArticle(politics, "둘째 기사", kNow)})
        .value();
    id = testing::InsertArticle(
        *store, testing::MakeArticle(politics, "다시 열어도 남는다", kNow, reporters));
    EXPECT_EQ(store->ChangeSequence().value(), 3);
  }

  std::unique_ptr<Store> store = database_.Open();
  EXPECT_EQ(store->ChangeSequence().value(), 3);
  EXPECT_EQ(store->Sections()->size(), 3u);
  const Result<Article> article = store->PublishedArticle(id, kNow);
  ASSERT_TRUE(article.has_value()) << article.error().detail;
  EXPECT_EQ(article->headline, "다시 열어도 남는다");
  EXPECT_EQ(article->bylines.at(0).name, "기자1");

  testing::InsertArticle(*store, testing::MakeArticle(article->section.id, "넷째 기사", kNow));
  EXPECT_EQ(store->ChangeSequence().value(), 4);
}

TEST_P(StoreReopenTest, ReopeningAnEmptyStoreIsIdempotent) {
  database_.Open().reset();
  database_.Open().reset();
  std::unique_ptr<Store> store = database_.Open();
  EXPECT_TRUE(store->Sections()->empty());
  EXPECT_EQ(store->ChangeSequence().value(), 0);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreReopenTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
