// One article through the Store: visibility in time, every field round-tripping, validation
// of a batch and the change sequence.
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::InsertArticle;
using testing::MakeArticle;

using testing::kNow;

class StoreArticleTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 3);
  SectionId politics_ = sections_[0].id;
};

TEST_P(StoreArticleTest, FutureArticleIsInvisibleUntilItsTime) {
  const ArticleId id =
      InsertArticle(*store_, MakeArticle(politics_, "내일 아침 공개", kNow + 3600));

  const Result<Article> before = store_->PublishedArticle(id, kNow);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->total, 0);
  EXPECT_EQ(ErrorCodeOf(store_->NeighborsInSection(id, kNow)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->PositionInSection(id, kNow)), ErrorCode::kNotFound);

  EXPECT_EQ(store_->PublishedArticle(id, kNow + 3600)->headline, "내일 아침 공개");
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow + 3600)->total, 1);
}

TEST_P(StoreArticleTest, EveryFieldRoundTripsWithKoreanText) {
  NewArticle article = MakeArticle(politics_, "대전시, 4차 산업혁명 위원회 출범", kNow - 60,
                                   {reporters_[2], reporters_[0], reporters_[1]}, 1234);
  article.subheadlines = {"위원 20명… “속도 낸다”", "스마트시티·AI가 첫 과제", "예산 ₩1조"};
  article.modified_at = kNow - 30;
  article.recommends = 56;
  const ArticleId id = InsertArticle(*store_, article);

  const Result<Article> got = store_->PublishedArticle(id, kNow);
  ASSERT_TRUE(got.has_value()) << got.error().detail;
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->section.id, politics_);
  EXPECT_EQ(got->section.slug, "politics");
  EXPECT_EQ(got->section.name, "정치");
  EXPECT_EQ(got->section.position, 1);
  EXPECT_EQ(got->headline, article.headline);
  EXPECT_EQ(got->subheadlines, article.subheadlines);
  EXPECT_EQ(got->body_markdown, article.body_markdown);
  EXPECT_EQ(got->registered_at, kNow - 60);
  EXPECT_EQ(got->modified_at, kNow - 30);
  EXPECT_EQ(got->views, 1234);
  EXPECT_EQ(got->recommends, 56);
  ASSERT_EQ(got->bylines.size(), 3u);
  EXPECT_EQ(got->bylines[0].id, reporters_[2]);
  EXPECT_EQ(got->bylines[0].name, "기자3");
  EXPECT_EQ(got->bylines[0].email, "reporter3@sinmun.example");
  EXPECT_EQ(got->bylines[1].name, "기자1");
  EXPECT_EQ(got->bylines[2].name, "기자2");
}

TEST_P(StoreArticleTest, SummaryHasSnippetAndFirstByline) {
  const NewArticle article =
      MakeArticle(politics_, "요약 확인", kNow, {reporters_[1], reporters_[0]}, 7);
  const ArticleId id = InsertArticle(*store_, article);

  const Result<ArticleList> list = store_->LatestArticles({}, {}, kNow);
  ASSERT_TRUE(list.has_value()) << list.error().detail;
  ASSERT_EQ(list->items.size(), 1u);
  const ArticleSummary& summary = list->items[0];
  EXPECT_EQ(summary.id, id);
  EXPECT_EQ(summary.section.name, "정치");
  EXPECT_EQ(summary.headline, "요약 확인");
  EXPECT_EQ(summary.snippet, Excerpt(article.body_markdown, 150));
  EXPECT_EQ(summary.reporter_name, "기자2");
  EXPECT_EQ(summary.registered_at, kNow);
  EXPECT_EQ(summary.views, 7);
}

TEST_P(StoreArticleTest, ArticleWithoutBylinesHasEmptyReporterName) {
  const ArticleId id = InsertArticle(*store_, MakeArticle(politics_, "기자 없음", kNow));

  EXPECT_TRUE(store_->PublishedArticle(id, kNow)->bylines.empty());
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->items.at(0).reporter_name, "");
}

TEST_P(StoreArticleTest, UnknownArticleIsNotFound) {
  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(424242, kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreArticleTest, UnknownSectionRollsBackTheWholeBatch) {
  const Result<std::vector<ArticleId>> ids = store_->InsertArticles({
      MakeArticle(politics_, "첫 기사", kNow),
      MakeArticle(987654, "없는 섹션", kNow),
      MakeArticle(politics_, "셋째 기사", kNow),
  });

  ASSERT_FALSE(ids.has_value());
  EXPECT_EQ(ids.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(ids.error().detail.find("987654"), std::string::npos) << ids.error().detail;
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->total, 0);
  EXPECT_EQ(store_->ChangeSequence().value(), 0);
}

TEST_P(StoreArticleTest, UnknownReporterRollsBackTheWholeBatch) {
  const Result<std::vector<ArticleId>> ids = store_->InsertArticles({
      MakeArticle(politics_, "첫 기사", kNow, {reporters_[0]}),
      MakeArticle(politics_, "없는 기자", kNow, {reporters_[0], 555555}),
  });

  ASSERT_FALSE(ids.has_value());
  EXPECT_EQ(ids.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->total, 0);
  EXPECT_EQ(store_->ChangeSequence().value(), 0);
}

TEST_P(StoreArticleTest, EmptyHeadlineOrRepeatedBylineIsInvalidInput) {
  EXPECT_EQ(ErrorCodeOf(store_->InsertArticles({MakeArticle(politics_, "", kNow)})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->InsertArticles(
                {MakeArticle(politics_, "두 번", kNow, {reporters_[0], reporters_[0]})})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->total, 0);
}

TEST_P(StoreArticleTest, ChangeSequenceCountsEveryArticleWrite) {
  EXPECT_EQ(store_->ChangeSequence().value(), 0);

  const std::vector<ArticleId> ids =
      store_
          ->InsertArticles({
              MakeArticle(politics_, "하나", kNow), MakeArticle(politics_, "둘", kNow),
              MakeArticle(politics_, "셋", kNow + 86400),  // future articles are changes too
          })
          .value();
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(store_->ChangeSequence().value(), 3);

  InsertArticle(*store_, MakeArticle(politics_, "넷", kNow));
  EXPECT_EQ(store_->ChangeSequence().value(), 4);

  // Sections and reporters are not article writes.
  store_->InsertSection({.slug = "sports", .name = "스포츠", .position = 4}).value();
  store_->InsertReporter({.name = "새 기자", .email = "", .bio = ""}).value();
  EXPECT_EQ(store_->ChangeSequence().value(), 4);
}

TEST_P(StoreArticleTest, EmptyBatchWritesNothing) {
  EXPECT_TRUE(store_->InsertArticles({}).value().empty());
  EXPECT_EQ(store_->ChangeSequence().value(), 0);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreArticleTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
