// 포토뉴스 at the desk (issue #19): several photos sent at once through the article form (the
// first the lead when there is none), numbered, captioned, reordered by the numbers typed and
// removed one by one; the 포토뉴스 box saved with the rest; a file that is no photo refused
// with a message beside the field and nothing stored; another reporter's photo not usable.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

class GalleryDeskTest : public DeskTest {
 protected:
  // The form's fields for the article as stored, with its further photos as rows.
  Fields EditFields(const store::DeskArticle& article) const {
    Fields fields = ArticleFields(article.content.headline, article.revision);
    fields[10].second = std::to_string(article.content.photo_id.value_or(0));
    for (const store::PhotoPlacement& photo : article.content.photos) {
      fields.emplace_back("more_photo_id", std::to_string(photo.photo_id));
      fields.emplace_back("more_photo_caption", photo.caption);
      fields.emplace_back("more_photo_credit", photo.credit);
      fields.emplace_back("more_photo_position", "");
    }
    if (article.content.gallery) fields.emplace_back("gallery", "1");
    return fields;
  }
  // Sets the typed value of the `row`-th (0-based) `name` field.
  static void SetRow(Fields& fields, const std::string& name, int row, const std::string& value) {
    for (auto& [field, text] : fields) {
      if (field == name && row-- == 0) text = value;
    }
  }
};

TEST_F(GalleryDeskTest, PhotosSentAtOnceAreNumberedCaptionedReorderedAndRemoved) {
  Fields fields = ArticleFields("갑천 야경 포토뉴스");
  fields.emplace_back("gallery", "1");
  const http::Response created =
      Send(reporter_, "/newsroom/articles", fields,
           {{"more_photos", "a.png", "image/png", PhotoFile("small.png")},
            {"more_photos", "b.webp", "image/webp", PhotoFile("small.webp")},
            {"more_photos", "c.png", "image/png", PhotoFile("small.png")}});
  ASSERT_EQ(created.status, 303) << Body(created);
  const store::ArticleId id = IdInLocation(created);
  store::DeskArticle article = Must(store_->DeskArticleById(id));
  EXPECT_TRUE(article.content.gallery);
  ASSERT_TRUE(article.content.photo_id.has_value());  // the first sent leads
  ASSERT_EQ(article.content.photos.size(), 2u);
  const store::PhotoId second = article.content.photos[0].photo_id;
  const store::PhotoId third = article.content.photos[1].photo_id;

  // The edit page numbers them from 사진 2 and shows each with its fields.
  const std::string form = Body(Get(reporter_, "/newsroom/articles/" + std::to_string(id)));
  EXPECT_NE(form.find("<strong>사진 2</strong>"), std::string::npos);
  EXPECT_NE(form.find("<strong>사진 3</strong>"), std::string::npos);
  EXPECT_NE(form.find("id=\"gallery\" name=\"gallery\" value=\"1\" checked"), std::string::npos);
  EXPECT_NE(form.find("/uploads/" + Must(store_->PhotoById(third)).name + "-"), std::string::npos);

  // Captions typed (a tab becomes a space), and the order turned round by the numbers.
  Fields edit = EditFields(article);
  SetRow(edit, "more_photo_caption", 0, "둘째\t사진");
  SetRow(edit, "more_photo_credit", 0, "ⓒ 한밭일보 홍길동 기자");
  SetRow(edit, "more_photo_caption", 1, "<셋째>");
  SetRow(edit, "more_photo_position", 0, "2");
  SetRow(edit, "more_photo_position", 1, "1");
  const http::Response saved = Send(reporter_, "/newsroom/articles/" + std::to_string(id), edit);
  ASSERT_EQ(saved.status, 303) << Body(saved);
  article = Must(store_->DeskArticleById(id));
  ASSERT_EQ(article.content.photos.size(), 2u);
  EXPECT_EQ(article.content.photos[0].photo_id, third);
  EXPECT_EQ(article.content.photos[0].caption, "<셋째>");
  EXPECT_EQ(article.content.photos[1].photo_id, second);
  EXPECT_EQ(article.content.photos[1].caption, "둘째 사진");
  EXPECT_EQ(article.content.photos[1].credit, "ⓒ 한밭일보 홍길동 기자");
  EXPECT_TRUE(article.content.gallery);

  // The first row removed, and the 포토뉴스 box left unticked.
  edit = EditFields(article);
  edit.emplace_back("more_photo_remove", "1");
  std::erase_if(edit, [](const auto& field) { return field.first == "gallery"; });
  ASSERT_EQ(Send(reporter_, "/newsroom/articles/" + std::to_string(id), edit).status, 303);
  article = Must(store_->DeskArticleById(id));
  ASSERT_EQ(article.content.photos.size(), 1u);
  EXPECT_EQ(article.content.photos[0].photo_id, second);
  EXPECT_FALSE(article.content.gallery);
}

TEST_F(GalleryDeskTest, AFileThatIsNoPhotoIsRefusedBesideTheFieldAndNothingIsStored) {
  const http::Response response =
      Send(reporter_, "/newsroom/articles", ArticleFields("사진 기사"),
           {{"more_photos", "notes.jpg", "image/jpeg", "this is not a picture"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(Body(response).find("<p class=\"nr-field-error\" id=\"photos-error\">JPEG, PNG, WebP "
                                "사진만 올릴 수 있습니다.</p>"),
            std::string::npos);
  EXPECT_TRUE(UploadedFiles().empty());
}

TEST_F(GalleryDeskTest, AReporterCannotPlaceAPhotoSomeoneElseUploaded) {
  const http::Response editors =
      Send(editor_, "/newsroom/articles", ArticleFields("편집자 기사"),
           {{"more_photos", "a.png", "image/png", PhotoFile("small.png")}});
  ASSERT_EQ(editors.status, 303) << Body(editors);
  const store::PhotoId theirs =
      *Must(store_->DeskArticleById(IdInLocation(editors))).content.photo_id;

  Fields fields = ArticleFields("기자 기사");
  fields.emplace_back("more_photo_id", std::to_string(theirs));
  fields.emplace_back("more_photo_caption", "남의 사진");
  const http::Response response = Send(reporter_, "/newsroom/articles", fields);
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(Body(response).find("사진을 찾을 수 없거나 설명·출처가 너무 깁니다."),
            std::string::npos);
}

}  // namespace
}  // namespace sinmun::newsroom
