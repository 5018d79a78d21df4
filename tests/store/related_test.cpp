// The related lists kept with articles (issue #14) on every backend.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

using testing::kNow;

class StoreRelatedTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);

  ArticleId Insert(const std::string& headline, Timestamp at = kNow - 3600) {
    return testing::InsertArticle(*store_, MakeArticle(sections_[0].id, headline, at));
  }

  std::vector<ArticleId> Related(ArticleId id, int limit = 5) {
    std::vector<ArticleId> ids;
    const std::vector<ArticleHeadline> items = store_->RelatedHeadlines(id, limit, kNow).value();
    for (const ArticleHeadline& item : items) ids.push_back(item.id);
    return ids;
  }
};

TEST_P(StoreRelatedTest, AListIsReadInItsOrderWithHeadlinesOfWhatIsPublishedNow) {
  const ArticleId a = Insert("가야금 연주회");
  const ArticleId b = Insert("가야금 산조");
  const ArticleId c = Insert("국악 무대");
  const ArticleId later = Insert("가야금 예고", kNow + 3600);
  EXPECT_TRUE(Related(a).empty());  // none kept yet
  ASSERT_TRUE(store_->PutRelated({{a, {c, later, b}}, {b, {a}}}).has_value());

  const std::vector<ArticleHeadline> headlines = store_->RelatedHeadlines(a, 5, kNow).value();
  ASSERT_EQ(headlines.size(), 2u);  // the scheduled one is not public yet
  EXPECT_EQ(headlines[0].id, c);
  EXPECT_EQ(headlines[0].headline, "국악 무대");
  EXPECT_EQ(headlines[1].id, b);
  EXPECT_EQ(Related(a, 1), std::vector<ArticleId>{c});
  EXPECT_TRUE(store_->RelatedHeadlines(a, 0, kNow).value().empty());
  EXPECT_EQ(store_->RelatedHeadlines(a, 5, kNow + 7200).value().size(), 3u);
  EXPECT_EQ(Related(b), std::vector<ArticleId>{a});
}

TEST_P(StoreRelatedTest, PuttingAListReplacesItAndAnEmptyOneRemovesIt) {
  const ArticleId a = Insert("가");
  const ArticleId b = Insert("나");
  const ArticleId c = Insert("다");
  ASSERT_TRUE(store_->PutRelated({{a, {b, c}}}).has_value());
  ASSERT_TRUE(store_->PutRelated({{a, {c}}}).has_value());
  EXPECT_EQ(Related(a), std::vector<ArticleId>{c});
  ASSERT_TRUE(store_->PutRelated({{a, {}}}).has_value());
  EXPECT_TRUE(Related(a).empty());
  EXPECT_TRUE(store_->PutRelated({}).has_value());
}

TEST_P(StoreRelatedTest, ArticlesTheStoreDoesNotHoldAreLeftOutNotAFailure) {
  const ArticleId a = Insert("가");
  const ArticleId b = Insert("나");
  // The index may name an article deleted since it was indexed, on either side of a list.
  ASSERT_TRUE(store_->PutRelated({{a, {424242, b}}, {515151, {a}}}).has_value());
  EXPECT_EQ(Related(a), std::vector<ArticleId>{b});
  EXPECT_TRUE(Related(515151).empty());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreRelatedTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
