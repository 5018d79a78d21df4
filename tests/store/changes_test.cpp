// The change log as followers read it: ChangesSince.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

using testing::kNow;

class StoreChangesTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
};

TEST_P(StoreChangesTest, EmptyStoreHasNoChanges) {
  EXPECT_TRUE(store_->ChangesSince(0, 10).value().empty());
}

TEST_P(StoreChangesTest, ChangesAfterASequenceOldestFirstAndLimited) {
  std::vector<ArticleId> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(testing::InsertArticle(
        *store_, MakeArticle(sections_[0].id, "기사 " + std::to_string(i), kNow)));
  }
  const std::vector<Change> all = store_->ChangesSince(0, 100).value();
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].article_id, ids[i]);
    if (i > 0) EXPECT_GT(all[i].seq, all[i - 1].seq);
  }
  EXPECT_EQ(all.back().seq, store_->ChangeSequence().value());

  const std::vector<Change> after = store_->ChangesSince(all[1].seq, 2).value();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].seq, all[2].seq);
  EXPECT_EQ(after[1].article_id, ids[3]);

  EXPECT_TRUE(store_->ChangesSince(all.back().seq, 10).value().empty());
  EXPECT_TRUE(store_->ChangesSince(0, 0).value().empty());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreChangesTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
