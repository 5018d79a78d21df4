// Photos in the body (issue #19): a line "[사진 N]" places the article's photo N (the lead is
// 1) there as a figure, the Markdown around it rendered as before; a marker for a photo the
// article does not have, or inside a fenced code block, is shown as the text it is.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/article_view.hpp"

namespace sinmun::render {
namespace {

ArticleContentData::Photo TestPhoto(std::string name, std::string caption) {
  return {.name = std::move(name),
          .format = "jpeg",
          .widths = {400, 800},
          .width = 800,
          .height = 600,
          .webp = true,
          .caption = std::move(caption),
          .credit = "ⓒ 한밭일보"};
}

ArticleContentData WithBody(std::string body) {
  ArticleContentData article;
  article.body_markdown = std::move(body);
  article.photo = TestPhoto("lead", "대표 사진");
  article.photos = {TestPhoto("second", "둘째 <사진>"), TestPhoto("third", "셋째 사진")};
  return article;
}

TEST(BodyPhotosTest, AMarkerLinePlacesThePhotoBetweenTheParagraphsAroundIt) {
  const nlohmann::json parts =
      BodyPartsView(WithBody("첫 문단이다.\n\n[사진 2]\n\n둘째 문단이다.\n  [사진3]  \n끝."));
  ASSERT_EQ(parts.size(), 5u) << parts.dump();
  EXPECT_EQ(parts[0]["html"], "<p>첫 문단이다.</p>\n");
  EXPECT_TRUE(parts[0]["figure"].is_null());
  EXPECT_EQ(parts[1]["html"], "");
  EXPECT_EQ(parts[1]["figure"]["src"], "/uploads/second-800.jpg");
  EXPECT_EQ(parts[1]["figure"]["caption"], "둘째 <사진>");  // escaped by the template
  EXPECT_EQ(parts[1]["figure"]["lazy"], true);
  EXPECT_EQ(parts[2]["html"], "<p>둘째 문단이다.</p>\n");
  EXPECT_EQ(parts[3]["figure"]["src"], "/uploads/third-800.jpg");
  EXPECT_EQ(parts[4]["html"], "<p>끝.</p>\n");
  // The lead photo is 사진 1.
  EXPECT_EQ(BodyPartsView(WithBody("[사진 1]"))[0]["figure"]["src"], "/uploads/lead-800.jpg");
}

TEST(BodyPhotosTest, AMarkerForNoPhotoOrInCodeOrInsideALineStaysText) {
  for (const char* body : {"[사진 4]", "[사진 0]", "[사진 99999]", "[사진 x]", "[사진 -1]",
                           "사진 2를 보라: [사진 2]", "```\n[사진 2]\n```", "[사진 2] 설명"}) {
    const nlohmann::json parts = BodyPartsView(WithBody(body));
    ASSERT_EQ(parts.size(), 1u) << body;
    EXPECT_TRUE(parts[0]["figure"].is_null()) << body;
    EXPECT_NE(parts[0]["html"].get<std::string>().find("[사진"), std::string::npos) << body;
  }
  ArticleContentData none = WithBody("[사진 1]\n\n[사진 2]");
  none.photo.reset();
  none.photos.clear();
  EXPECT_EQ(BodyPartsView(none).size(), 1u);
  EXPECT_TRUE(BodyPartsView(WithBody("")).empty());
}

}  // namespace
}  // namespace sinmun::render
