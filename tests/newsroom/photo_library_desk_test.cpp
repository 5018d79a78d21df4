// The photo library (사진 보관함, issue #19) in the newsroom: it lists the photos a member of
// staff may use, searched by caption, credit and date, and the article form takes one of them
// by its number as the lead photo or at the end of the body, with its caption and credit. A
// photo outside the rule (a colleague's unpublished story) is neither listed nor taken.

#include <string>
#include <vector>

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

class PhotoLibraryDeskTest : public DeskTest {
 protected:
  // A draft by `browser` with an uploaded lead photo captioned so; the draft's id.
  store::ArticleId WriteWithPhoto(Browser& browser, const std::string& headline,
                                  const std::string& caption, const std::string& credit) {
    Fields fields = ArticleFields(headline);
    fields[11].second = caption;
    fields[12].second = credit;
    const http::Response response = Send(browser, "/newsroom/articles", fields,
                                         {{"photo", "a.png", "image/png", PhotoFile("small.png")}});
    EXPECT_EQ(response.status, 303) << Body(response);
    return IdInLocation(response);
  }
  // A photo the editor published, as the lead of 엑스포다리 야경; that article's id.
  store::ArticleId PublishBridge() {
    const store::ArticleId id =
        WriteWithPhoto(editor_, "엑스포다리 야경", "갑천 엑스포다리 야경", "ⓒ 한밭일보 사진부");
    EXPECT_EQ(Act(editor_, "/newsroom/articles/" + std::to_string(id) + "/publish", {}).status,
              303);
    return id;
  }
  store::PhotoId LeadOf(store::ArticleId id) {
    return Must(store_->DeskArticleById(id)).content.photo_id.value_or(0);
  }
  static bool Lists(const std::string& page, store::PhotoId id) {
    return page.find("id=\"photo-" + std::to_string(id) + "\"") != std::string::npos;
  }
};

TEST_F(PhotoLibraryDeskTest, AReporterFindsPublishedPhotosByCaptionCreditAndDate) {
  const store::ArticleId published = PublishBridge();
  const store::PhotoId bridge = LeadOf(published);
  const store::PhotoId hidden =
      LeadOf(WriteWithPhoto(editor_, "취재 중", "비밀 취재원", "ⓒ 한밭일보 사진부"));
  const store::PhotoId own = LeadOf(WriteWithPhoto(reporter_, "내 기사", "내 사진", "사진=독자"));

  const http::Response all = Get(reporter_, "/newsroom/photos");
  ASSERT_EQ(all.status, 200) << Body(all);
  EXPECT_TRUE(Lists(Body(all), bridge));
  EXPECT_TRUE(Lists(Body(all), own));
  EXPECT_FALSE(Lists(Body(all), hidden));
  EXPECT_EQ(Body(all).find("비밀 취재원"), std::string::npos);
  EXPECT_NE(Body(all).find("<p class=\"nr-library-caption\">갑천 엑스포다리 야경</p>"),
            std::string::npos);
  EXPECT_NE(
      Body(all).find("<a href=\"/article/" + std::to_string(published) + "\">엑스포다리 야경</a>"),
      std::string::npos);
  // The desk sees every photo.
  EXPECT_TRUE(Lists(Body(Get(editor_, "/newsroom/photos")), hidden));

  const std::string by_caption =
      Body(Get(reporter_, "/newsroom/photos?q=%EC%97%91%EC%8A%A4%ED%8F%AC"));
  EXPECT_TRUE(Lists(by_caption, bridge));  // 엑스포
  EXPECT_FALSE(Lists(by_caption, own));
  const std::string by_credit =
      Body(Get(reporter_, "/newsroom/photos?q=%EC%82%AC%EC%A7%84%EB%B6%80"));
  EXPECT_TRUE(Lists(by_credit, bridge));  // 사진부: the colleague's draft stays out
  EXPECT_FALSE(Lists(by_credit, hidden));
  EXPECT_FALSE(Lists(by_credit, own));

  // kStart is 2024-05-03 12:00 KST.
  EXPECT_TRUE(Lists(Body(Get(reporter_, "/newsroom/photos?from=2024-05-03&to=2024-05-03")), own));
  const std::string later = Body(Get(reporter_, "/newsroom/photos?from=2024-05-04"));
  EXPECT_FALSE(Lists(later, own));
  EXPECT_NE(later.find("id=\"library-empty\""), std::string::npos);
  const http::Response bad_date = Get(reporter_, "/newsroom/photos?from=5%EC%9B%94");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_NE(Body(bad_date).find("id=\"library-from-error\""), std::string::npos);
  EXPECT_EQ(Get(reporter_, "/newsroom/photos?after=x").status, 400);
}

TEST_F(PhotoLibraryDeskTest, TheFormTakesALibraryPhotoByNumberWithItsCaption) {
  const store::ArticleId published = PublishBridge();
  const store::PhotoId bridge = LeadOf(published);

  Fields lead = ArticleFields("다리를 다시 쓴 기사");
  lead.emplace_back("library_photo", std::to_string(bridge));
  lead.emplace_back("library_place", "lead");
  const http::Response as_lead = Send(reporter_, "/newsroom/articles", lead);
  ASSERT_EQ(as_lead.status, 303) << Body(as_lead);
  const store::ArticleContent led = Must(store_->DeskArticleById(IdInLocation(as_lead))).content;
  EXPECT_EQ(led.photo_id, bridge);
  EXPECT_EQ(led.photo_caption, "갑천 엑스포다리 야경");
  EXPECT_EQ(led.photo_credit, "ⓒ 한밭일보 사진부");

  Fields body = ArticleFields("본문에 넣은 기사");
  body.emplace_back("library_photo", "#" + std::to_string(bridge));  // as the library shows it
  body.emplace_back("library_place", "body");
  const http::Response in_body = Send(reporter_, "/newsroom/articles", body);
  ASSERT_EQ(in_body.status, 303) << Body(in_body);
  const store::ArticleContent placed = Must(store_->DeskArticleById(IdInLocation(in_body))).content;
  EXPECT_FALSE(placed.photo_id.has_value());
  ASSERT_EQ(placed.photos.size(), 1u);
  EXPECT_EQ(placed.photos[0].photo_id, bridge);
  EXPECT_EQ(placed.photos[0].caption, "갑천 엑스포다리 야경");
  EXPECT_EQ(placed.body_markdown, "대전시가 오늘 발표했다.\n\n둘째 문단이다.\n\n[사진 2]\n");
}

TEST_F(PhotoLibraryDeskTest, APhotoOutsideTheRuleIsAFieldErrorAndNothingIsSaved) {
  const store::PhotoId hidden =
      LeadOf(WriteWithPhoto(editor_, "취재 중", "비밀 취재원", "ⓒ 한밭일보 사진부"));
  for (const std::string& number :
       std::vector<std::string>{std::to_string(hidden), std::to_string(hidden + 100), "x"}) {
    Fields fields = ArticleFields("남의 사진을 넣은 기사");
    fields.emplace_back("library_photo", number);
    fields.emplace_back("library_place", "lead");
    const http::Response refused = Send(reporter_, "/newsroom/articles", fields);
    EXPECT_EQ(refused.status, 422) << number;
    EXPECT_NE(Body(refused).find("<p class=\"nr-field-error\" id=\"library-photo-error\">"),
              std::string::npos)
        << number;
    EXPECT_EQ(Body(refused).find("비밀 취재원"), std::string::npos);
    EXPECT_EQ(IdInLocation(refused), 0);
  }
  // The photo id itself, typed into the form's hidden field, is refused by the same rule.
  Fields typed = ArticleFields("사진 번호를 직접 넣은 기사");
  typed[10].second = std::to_string(hidden);
  EXPECT_EQ(Send(reporter_, "/newsroom/articles", typed).status, 422);
  // The desk may take it.
  Fields desk = ArticleFields("데스크 기사");
  desk.emplace_back("library_photo", std::to_string(hidden));
  const http::Response taken = Send(editor_, "/newsroom/articles", desk);
  ASSERT_EQ(taken.status, 303) << Body(taken);
  EXPECT_EQ(LeadOf(IdInLocation(taken)), hidden);
}

}  // namespace
}  // namespace sinmun::newsroom
