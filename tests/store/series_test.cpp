// Series (연재) through the Store: episodes in order, the neighbours of an episode, and what
// a series shows before its episodes are published.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::kNow;
using testing::Must;

class StoreSeriesTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);

  ArticleId Episode(std::string headline, SeriesId series, int episode, bool publish = true) {
    const ArticleId id = Must(store_->CreateDraft(ArticleContent{.section_id = sections_[0].id,
                                                                 .headline = std::move(headline),
                                                                 .body_markdown = "본문."},
                                                  1, kNow - 600));
    EXPECT_TRUE(store_->SetArticleSeries(id, SeriesPlace{series, episode}, kNow - 500).has_value());
    if (publish) EXPECT_TRUE(store_->PublishArticle(id, kNow - 400 + episode).has_value());
    return id;
  }
};

TEST_P(StoreSeriesTest, EpisodesAreListedInOrderWithTheirNeighbours) {
  const SeriesId series = Must(store_->CreateSeries(
      {.title = "대전의 골목", .description = "골목 탐방", .created_at = kNow}));
  const ArticleId third = Episode("대흥동", series, 3);
  const ArticleId first = Episode("은행동", series, 1);
  const ArticleId draft = Episode("선화동", series, 2, /*publish=*/false);
  const ArticleId fourth = Episode("소제동", series, 4);

  const std::vector<SeriesEpisode> episodes = Must(store_->SeriesEpisodes(series, kNow));
  ASSERT_EQ(episodes.size(), 3U) << "the unpublished second episode is not listed";
  EXPECT_EQ(episodes[0].article_id, first);
  EXPECT_EQ(episodes[1].article_id, third);
  EXPECT_EQ(episodes[1].episode, 3);
  EXPECT_EQ(episodes[1].headline, "대흥동");
  EXPECT_EQ(episodes[2].article_id, fourth);

  const auto at_third = Must(store_->ArticleSeriesAt(third, kNow));
  ASSERT_TRUE(at_third.has_value());
  EXPECT_EQ(at_third->series.title, "대전의 골목");
  EXPECT_EQ(at_third->episode, 3);
  ASSERT_TRUE(at_third->previous.has_value());
  EXPECT_EQ(at_third->previous->article_id, first) << "the draft between is skipped";
  ASSERT_TRUE(at_third->next.has_value());
  EXPECT_EQ(at_third->next->article_id, fourth);
  const auto at_first = Must(store_->ArticleSeriesAt(first, kNow));
  EXPECT_FALSE(at_first->previous.has_value());
  EXPECT_FALSE(Must(store_->ArticleSeriesAt(fourth, kNow))->next.has_value());

  const std::optional<SeriesPlace> place = Must(store_->SeriesPlaceOf(draft));
  ASSERT_TRUE(place.has_value()) << "the article form shows a draft's place";
  EXPECT_EQ(place->series_id, series);
  EXPECT_EQ(place->episode, 2);
}

TEST_P(StoreSeriesTest, AnArticleLeavesItsSeriesAndBadPlacesAreRefused) {
  const SeriesId series = Must(store_->CreateSeries({.title = "기획", .created_at = kNow}));
  const ArticleId id = Episode("첫 회", series, 1);
  const std::int64_t before = Must(store_->ChangeSequence());
  ASSERT_TRUE(store_->SetArticleSeries(id, std::nullopt, kNow).has_value());
  EXPECT_EQ(Must(store_->ChangeSequence()), before + 1) << "its page shows it no more";
  EXPECT_FALSE(Must(store_->ArticleSeriesAt(id, kNow)).has_value());
  EXPECT_TRUE(Must(store_->SeriesEpisodes(series, kNow)).empty());

  EXPECT_EQ(ErrorCodeOf(store_->SetArticleSeries(id, SeriesPlace{series, 0}, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->SetArticleSeries(id, SeriesPlace{series + 99, 1}, kNow)),
            ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->SetArticleSeries(id + 99, SeriesPlace{series, 1}, kNow)),
            ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->CreateSeries({.title = ""})), ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->UpdateSeries({.id = series + 99, .title = "없음"})),
            ErrorCode::kNotFound);

  ASSERT_TRUE(
      store_->UpdateSeries({.id = series, .title = "새 기획", .description = "설명"}).has_value());
  const Series saved = Must(store_->SeriesById(series));
  EXPECT_EQ(saved.title, "새 기획");
  EXPECT_EQ(saved.description, "설명");
  EXPECT_EQ(Must(store_->AllSeries()).size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreSeriesTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
