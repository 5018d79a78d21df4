// 영상뉴스 at the desk (issue #19): a YouTube or Naver TV address pasted in the article form is
// kept with the article and shown again as its watch address; any other host is refused with
// a message beside the field, and everything typed stays in the form.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

std::string VideoEditPath(store::ArticleId id) {
  return "/newsroom/articles/" + std::to_string(id);
}

class VideoDeskTest : public DeskTest {
 protected:
  Fields WithVideo(const std::string& headline, const std::string& video,
                   store::RevisionNumber base = 0) const {
    Fields fields = ArticleFields(headline, base);
    fields.emplace_back("video", video);
    return fields;
  }
};

TEST_F(VideoDeskTest, APastedAddressIsKeptAndShownAgain) {
  const std::string form = Body(Get(reporter_, "/newsroom/articles/new"));
  EXPECT_NE(form.find("<label for=\"video\">영상 주소</label>"), std::string::npos);

  const store::ArticleId id =
      IdInLocation(Send(reporter_, "/newsroom/articles",
                        WithVideo("하천 정비", " https://youtu.be/abcDEF123_-?si=x ")));
  ASSERT_GT(id, 0);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.video, "youtube:abcDEF123_-");
  EXPECT_NE(Body(Get(reporter_, VideoEditPath(id)))
                .find("value=\"https://www.youtube.com/watch?v=abcDEF123_-\""),
            std::string::npos);

  // Naver TV, then none: an empty field removes the video.
  EXPECT_EQ(Send(reporter_, VideoEditPath(id),
                 WithVideo("하천 정비", "https://tv.naver.com/v/31415926", 1))
                .status,
            303);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.video, "navertv:31415926");
  EXPECT_EQ(Send(reporter_, VideoEditPath(id), WithVideo("하천 정비", "", 2)).status, 303);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.video, "");
}

TEST_F(VideoDeskTest, OtherHostsAreRefusedWithTheTextKept) {
  const http::Response bad =
      Send(reporter_, "/newsroom/articles", WithVideo("하천 정비", "https://vimeo.com/<b>123</b>"));
  EXPECT_EQ(bad.status, 422);
  const std::string page = Body(bad);
  EXPECT_NE(page.find("id=\"video-error\">YouTube 또는 네이버TV 영상 주소만 넣을 수 있습니다."),
            std::string::npos);
  EXPECT_NE(page.find("value=\"https://vimeo.com/&lt;b&gt;123&lt;/b&gt;\""), std::string::npos);
  EXPECT_NE(page.find("value=\"하천 정비\""), std::string::npos);
  EXPECT_TRUE(Must(store_->DeskArticles({.limit = 10})).empty());
}

TEST_F(VideoDeskTest, ThePreviewShowsThePlaceholder) {
  const http::Response preview =
      Send(reporter_, "/newsroom/articles/preview",
           WithVideo("하천 정비", "https://www.youtube.com/shorts/abcDEF123_-"));
  EXPECT_EQ(preview.status, 200);
  const std::string page = Body(preview);
  EXPECT_NE(page.find("href=\"https://www.youtube.com/watch?v=abcDEF123_-\""), std::string::npos);
  EXPECT_EQ(page.find("<iframe"), std::string::npos);
}

}  // namespace
}  // namespace sinmun::newsroom
