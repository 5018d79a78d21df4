// Lead photos across the site (issue #19): lists show thumbnails as <picture> with WebP and a
// JPEG fallback, width and height, the caption as alt text and the credit; the ones below the
// fold load lazily and the page's main image first; captions are escaped everywhere, also in
// the feed and the structured data.

#include <gmock/gmock.h>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using sinmun::testing::Must;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCaption[] = "갑천 <야경> & 불꽃";
constexpr char kEscapedCaption[] = "갑천 &lt;야경&gt; &amp; 불꽃";
constexpr char kCredit[] = "ⓒ 한밭일보 홍길동 기자";

// The <picture> of photo 2024/05/list at `sizes`, up to the end of its <img> attributes
// before loading/fetchpriority.
std::string PictureStart(const std::string& sizes) {
  return "<picture><source type=\"image/webp\" srcset=\"/uploads/2024/05/list-400.webp 400w, "
         "/uploads/2024/05/list-800.webp 800w, /uploads/2024/05/list-1600.webp 1600w\" sizes=\"" +
         sizes +
         "\"><img src=\"/uploads/2024/05/list-800.jpg\" srcset=\"/uploads/2024/05/list-400.jpg "
         "400w, /uploads/2024/05/list-800.jpg 800w, /uploads/2024/05/list-1600.jpg 1600w\" "
         "sizes=\"" +
         sizes + "\" width=\"1600\" height=\"900\" alt=\"" + kEscapedCaption + "\"";
}

const std::string kThumbnail = PictureStart("160px");
const std::string kColumn = PictureStart("(max-width: 760px) 100vw, 760px");

class ListPhotosTest : public SiteTest {
 protected:
  // A politics article registered `ago` seconds before now, with the shared photo or without.
  store::ArticleId Add(const std::string& headline, Timestamp ago, bool with_photo) {
    store::NewArticle article{.section_id = sections_[0].id,
                              .headline = headline,
                              .body_markdown = headline + " 본문입니다.",
                              .reporter_ids = {reporters_[0]},
                              .registered_at = kNow - ago,
                              .views = 100 - ago / 100};
    if (with_photo) {
      article.photo =
          store::NewArticlePhoto{.photo_id = photo_, .caption = kCaption, .credit = kCredit};
    }
    return Insert(article);
  }

  void SetUp() override {
    SiteTest::SetUp();
    photo_ = sinmun::testing::InsertWidePhoto(*store_, "2024/05/list", kNow);
  }

  store::PhotoId photo_ = 0;
};

TEST_F(ListPhotosTest, ASectionListShowsThumbnailsAndLoadsThoseBelowTheFoldLazily) {
  Add("사진 없는 기사", 50, false);
  Add("첫 사진 기사", 100, true);
  Add("둘째 사진 기사", 200, true);
  Add("셋째 사진 기사", 300, true);

  const std::string html = GetBody("/section/politics");
  // The list's first two rows are above the fold: the second row's thumbnail loads at once,
  // those of the third and fourth lazily; the most-viewed box's three are in the rail, lazily
  // too.
  EXPECT_EQ(Count(html, kThumbnail + "></picture>"), 1);
  EXPECT_EQ(Count(html, kThumbnail + " loading=\"lazy\"></picture>"), 5);
  EXPECT_LT(Find(html, kThumbnail + "></picture>"), Find(html, "\">첫 사진 기사</a></h2>"));
  EXPECT_EQ(
      Count(html, "<figcaption class=\"thumb-credit\">" + std::string(kCredit) + "</figcaption>"),
      6);
  EXPECT_EQ(Count(html, "<li class=\"has-thumb\">"), 6);
  EXPECT_THAT(html, Not(HasSubstr("<야경>")));
  EXPECT_THAT(html, Not(HasSubstr("fetchpriority")));
}

TEST_F(ListPhotosTest, TheFrontPageLeadsWithALargePhotoAskedForFirst) {
  Add("오늘의 머리기사", 100, true);
  Add("지난 기사", 200, false);

  const std::string html = GetBody("/");
  EXPECT_THAT(html, HasSubstr("<figure class=\"top-photo\">\n" + kColumn +
                              " fetchpriority=\"high\"></picture>\n<figcaption>" + kEscapedCaption +
                              " <span class=\"credit\">" + kCredit + "</span></figcaption>"));
  EXPECT_EQ(Count(html, "fetchpriority=\"high\""), 1);
  // The politics box leads with the same photo as a thumbnail.
  EXPECT_THAT(html,
              HasSubstr("<figure class=\"thumb\">" + kThumbnail + " loading=\"lazy\"></picture>"));
  EXPECT_THAT(html, Not(HasSubstr("<야경>")));
}

TEST_F(ListPhotosTest, TheArticleAsksForItsLeadFirstAndTheFeedAndJsonLdCarryCaptionAndCredit) {
  const store::ArticleId id = Add("사진 기사", 100, true);
  Add("사진 없는 기사", 50, false);

  const std::string html = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(html, HasSubstr("<figure class=\"lead-photo\">\n" + kColumn +
                              " fetchpriority=\"high\"></picture>\n<figcaption>" + kEscapedCaption +
                              " <span class=\"credit\">" + kCredit + "</span></figcaption>"));
  EXPECT_THAT(html, HasSubstr("\"@type\":\"ImageObject\""));
  EXPECT_THAT(html, HasSubstr("\"height\":900,\"url\":\"https://news.example.com/uploads/"
                              "2024/05/list-1600.jpg\",\"width\":1600}"));
  EXPECT_THAT(html, HasSubstr("\"creditText\":\"" + std::string(kCredit) + "\""));
  EXPECT_THAT(html, Not(HasSubstr("<야경>")));

  const std::string rss = GetBody("/rss");
  EXPECT_EQ(Count(rss, "<media:content "), 1);
  EXPECT_THAT(rss, HasSubstr("<media:content url=\"https://news.example.com/uploads/2024/05/"
                             "list-800.jpg\" type=\"image/jpeg\" medium=\"image\">\n"
                             "<media:description>" +
                             std::string(kEscapedCaption) + "</media:description>\n<media:credit>" +
                             kCredit + "</media:credit>\n</media:content>"));
  EXPECT_THAT(rss, Not(HasSubstr("<야경>")));
}

}  // namespace
}  // namespace sinmun::site
