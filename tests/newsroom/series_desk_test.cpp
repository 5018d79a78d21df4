// Series (연재, issue #18) in the newsroom: the desk starts and renames a series, the article
// form puts an article in one at an episode (kept apart from the revisions and shown again when
// editing), and bad choices are refused beside the field.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

class SeriesDeskTest : public DeskTest {
 protected:
  store::SeriesId StartSeries(const std::string& title) {
    EXPECT_EQ(Act(editor_, "/newsroom/series", {{"title", title}, {"description", "소개"}}).status,
              303);
    const std::vector<store::Series> all = Must(store_->AllSeries());
    return all.empty() ? 0 : all.front().id;
  }
};

TEST_F(SeriesDeskTest, TheDeskStartsAndRenamesASeries) {
  const store::SeriesId id = StartSeries("대전의 골목");
  ASSERT_GT(id, 0);
  EXPECT_EQ(Must(store_->SeriesById(id)).title, "대전의 골목");
  EXPECT_NE(Body(Get(editor_, "/newsroom/series")).find("대전의 골목"), std::string::npos);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"series_create"});

  const std::string path = "/newsroom/series/" + std::to_string(id);
  EXPECT_NE(Body(Get(editor_, path)).find("value=\"대전의 골목\""), std::string::npos);
  EXPECT_EQ(Act(editor_, path, {{"title", "대전의 옛 골목"}, {"description", ""}}).status, 303);
  EXPECT_EQ(Must(store_->SeriesById(id)).title, "대전의 옛 골목");

  // An empty title is sent back as typed; a reporter may not manage series.
  const http::Response empty =
      Act(editor_, "/newsroom/series", {{"title", " "}, {"description", "설명만"}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(Body(empty).find("설명만"), std::string::npos);
  EXPECT_EQ(Must(store_->AllSeries()).size(), 1U);
  EXPECT_EQ(Get(reporter_, "/newsroom/series").status, 403);
  EXPECT_EQ(Get(editor_, "/newsroom/series/999").status, 404);
}

TEST_F(SeriesDeskTest, TheArticleFormPutsAnArticleInASeriesAtAnEpisode) {
  const store::SeriesId id = StartSeries("대전의 골목");
  Fields fields = ArticleFields("은행동 이야기");
  fields.emplace_back("series", std::to_string(id));
  fields.emplace_back("series_episode", "5");
  const store::ArticleId article = IdInLocation(Send(editor_, "/newsroom/articles", fields));
  ASSERT_GT(article, 0);
  const std::optional<store::SeriesPlace> place = Must(store_->SeriesPlaceOf(article));
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->series_id, id);
  EXPECT_EQ(place->episode, 5);
  const std::string edit = Body(Get(editor_, "/newsroom/articles/" + std::to_string(article)));
  EXPECT_NE(edit.find("<option value=\"" + std::to_string(id) + "\" selected>대전의 골목</option>"),
            std::string::npos);
  EXPECT_NE(edit.find("name=\"series_episode\" min=\"1\" max=\"9999\" value=\"5\""),
            std::string::npos);

  // Saving without a series takes the article out of it.
  const store::DeskArticle saved = Must(store_->DeskArticleById(article));
  fields = ArticleFields(saved.content.headline, saved.revision);
  fields.emplace_back("series", "");
  EXPECT_EQ(Send(editor_, "/newsroom/articles/" + std::to_string(article), fields).status, 303);
  EXPECT_FALSE(Must(store_->SeriesPlaceOf(article)).has_value());
}

TEST_F(SeriesDeskTest, BadSeriesChoicesAreRefusedBesideTheField) {
  const store::SeriesId id = StartSeries("기획");
  for (const auto& [series, episode] :
       std::vector<std::pair<std::string, std::string>>{{std::to_string(id), "0"},
                                                        {std::to_string(id), "다섯"},
                                                        {std::to_string(id), ""},
                                                        {std::to_string(id + 9), "1"}}) {
    Fields fields = ArticleFields("회차가 틀린 기사");
    fields.emplace_back("series", series);
    fields.emplace_back("series_episode", episode);
    const http::Response response = Send(editor_, "/newsroom/articles", fields);
    EXPECT_EQ(response.status, 422) << series << " " << episode;
    EXPECT_NE(Body(response).find("id=\"series-error\""), std::string::npos) << episode;
  }
}

}  // namespace
}  // namespace sinmun::newsroom
