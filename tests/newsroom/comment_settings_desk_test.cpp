// The article form's comment setting (issue #16): the site's default unless chosen, kept
// apart from the article's revisions, shown again when the article is edited, bad days
// refused beside the field.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

std::string CommentSettingEditPath(store::ArticleId id) {
  return "/newsroom/articles/" + std::to_string(id);
}

class CommentSettingsDeskTest : public DeskTest {};

TEST_F(CommentSettingsDeskTest, TheFormSavesAndShowsTheArticlesCommentSetting) {
  const std::string form = Body(Get(editor_, "/newsroom/articles/new"));
  EXPECT_NE(form.find("<option value=\"\" selected>사이트 기본값</option>"), std::string::npos);

  // A new article without a choice follows the site's default: nothing stored.
  const store::ArticleId plain = Write(editor_, "기본값 기사");
  EXPECT_EQ(store_->CommentSettingOf(plain).error().code, ErrorCode::kNotFound);

  Fields fields = ArticleFields("사흘 뒤 닫히는 기사");
  fields.emplace_back("comments", "closes");
  fields.emplace_back("comment_days", "3");
  const store::ArticleId id = IdInLocation(Send(editor_, "/newsroom/articles", fields));
  ASSERT_GT(id, 0);
  store::CommentSetting setting = Must(store_->CommentSettingOf(id));
  EXPECT_EQ(setting.policy, store::CommentPolicy::kCloses);
  EXPECT_EQ(setting.close_days, 3);
  const std::string edit = Body(Get(editor_, CommentSettingEditPath(id)));
  EXPECT_NE(edit.find("<option value=\"closes\" selected>"), std::string::npos);
  EXPECT_NE(edit.find("name=\"comment_days\" min=\"0\" max=\"36500\" value=\"3\""),
            std::string::npos);

  // Saving turns them off, without a new revision being about comments.
  const store::DeskArticle article = Must(store_->DeskArticleById(id));
  fields = ArticleFields(article.content.headline, article.revision);
  fields.emplace_back("comments", "off");
  EXPECT_EQ(Send(editor_, CommentSettingEditPath(id), fields).status, 303);
  EXPECT_EQ(Must(store_->CommentSettingOf(id)).policy, store::CommentPolicy::kOff);

  // Back to the site's default.
  const store::DeskArticle saved = Must(store_->DeskArticleById(id));
  fields = ArticleFields(saved.content.headline, saved.revision);
  EXPECT_EQ(Send(editor_, CommentSettingEditPath(id), fields).status, 303);
  EXPECT_EQ(store_->CommentSettingOf(id).error().code, ErrorCode::kNotFound);
}

TEST_F(CommentSettingsDeskTest, BadDaysAreRefusedBesideTheField) {
  for (const std::string days : {"", "-1", "열흘", "36501"}) {
    Fields fields = ArticleFields("일수가 틀린 기사");
    fields.emplace_back("comments", "closes");
    fields.emplace_back("comment_days", days);
    const http::Response response = Send(editor_, "/newsroom/articles", fields);
    EXPECT_EQ(response.status, 422) << days;
    EXPECT_NE(Body(response).find("id=\"comments-error\""), std::string::npos) << days;
  }
  Fields fields = ArticleFields("모르는 설정");
  fields.emplace_back("comments", "sometimes");
  EXPECT_EQ(Send(editor_, "/newsroom/articles", fields).status, 422);
}

}  // namespace
}  // namespace sinmun::newsroom
