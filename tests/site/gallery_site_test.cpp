// 포토뉴스 (issue #19) as readers see it without JavaScript: a gallery article shows every
// photo on the page, the lead first, each a figure with its number, caption and credit under
// its own anchor, and a numbered index of links to them; the viewer's controls are in the page
// but hidden until the script shows them. /photos lists only the galleries, as a grid.

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>

#include "site/site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class GallerySiteTest : public SiteTest {
 protected:
  store::ArticleId AddArticle(const std::string& headline, const std::string& slug, bool gallery,
                              Timestamp ago, const std::string& body = "") {
    store::NewArticle article =
        sinmun::testing::MakeArticle(sections_[0].id, headline, kNow - ago, {reporters_[0]});
    article.photo = store::NewArticlePhoto{
        .photo_id = sinmun::testing::InsertWidePhoto(*store_, "2026/12/lead-" + slug, kNow),
        .caption = "첫 사진",
        .credit = "ⓒ 한밭일보 홍길동 기자"};
    article.photos = {
        {.photo_id = sinmun::testing::InsertWidePhoto(*store_, "2026/12/two-" + slug, kNow),
         .caption = "둘째 <사진> & \"설명\"",
         .credit = "사진=대전시 제공"},
        {.photo_id = sinmun::testing::InsertWidePhoto(*store_, "2026/12/three-" + slug, kNow),
         .caption = "셋째 사진",
         .credit = ""}};
    article.gallery = gallery;
    if (!body.empty()) article.body_markdown = body;
    return Insert(article);
  }
};

TEST_F(GallerySiteTest, EveryPhotoIsOnTheGalleryPageWithItsNumberCaptionAndAnchor) {
  const store::ArticleId id = AddArticle("갑천", "gapcheon", true, 600);
  const std::string page = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(page, HasSubstr("<section class=\"gallery\" id=\"gallery\" "
                              "aria-labelledby=\"gallery-heading\" data-gallery=\"viewer\">"));
  EXPECT_THAT(page, HasSubstr("<span class=\"gallery-total\">3장</span>"));
  // In order, the lead first (fetched first), the others lazily, with no separate lead figure.
  const size_t one = page.find("<li class=\"gallery-item\" id=\"photo-1\">");
  const size_t two = page.find("<li class=\"gallery-item\" id=\"photo-2\">");
  const size_t three = page.find("<li class=\"gallery-item\" id=\"photo-3\">");
  ASSERT_NE(one, std::string::npos);
  ASSERT_NE(two, std::string::npos);
  ASSERT_NE(three, std::string::npos);
  EXPECT_LT(one, two);
  EXPECT_LT(two, three);
  EXPECT_LT(page.find("lead-gapcheon-800.jpg"), two);
  EXPECT_THAT(page.substr(one, two - one), HasSubstr("fetchpriority=\"high\""));
  EXPECT_THAT(page.substr(two, three - two), HasSubstr("loading=\"lazy\""));
  EXPECT_THAT(page.substr(two, three - two), HasSubstr("two-gapcheon-800.jpg"));
  EXPECT_THAT(page, Not(HasSubstr("class=\"lead-photo\"")));
  // Each a figure with its number, the caption escaped and the credit when there is one.
  EXPECT_THAT(page, HasSubstr("<figcaption><span class=\"gallery-number\">1 / 3</span> 첫 사진 "
                              "<span class=\"credit\">ⓒ 한밭일보 홍길동 기자</span></figcaption>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"gallery-number\">2 / 3</span> 둘째 &lt;사진&gt; "
                              "&amp; &quot;설명&quot; <span class=\"credit\">사진=대전시 제공"));
  EXPECT_THAT(page,
              HasSubstr("<span class=\"gallery-number\">3 / 3</span> 셋째 사진</figcaption>"));
  EXPECT_THAT(page, HasSubstr("alt=\"둘째 &lt;사진&gt; &amp; &quot;설명&quot;\""));
  // The index links every photo by its anchor; the viewer's controls are for browsers that
  // run scripts (site.css shows them there from the first paint).
  EXPECT_THAT(page, HasSubstr("<nav class=\"gallery-index\" aria-label=\"사진 목록\">"));
  EXPECT_THAT(page, HasSubstr("<a href=\"#photo-3\">사진 3</a>"));
  EXPECT_THAT(page, HasSubstr("<div class=\"gallery-controls\">"));
  EXPECT_THAT(page, HasSubstr("<p class=\"gallery-counter\" aria-live=\"polite\""));
  EXPECT_THAT(page, HasSubstr("data-gallery-step=\"1\">다음 사진</button>"));
}

// The print view runs no reader.js: its gallery is not marked for the viewer, so site.css
// keeps every photo on the paper and no controls, even where the browser runs scripts.
TEST_F(GallerySiteTest, ThePrintViewShowsEveryPhotoWithoutTheViewer) {
  const store::ArticleId id = AddArticle("갑천", "gapcheon", true, 600);
  const std::string page = GetBody("/article/" + std::to_string(id) + "/print");
  EXPECT_THAT(page, HasSubstr("aria-labelledby=\"gallery-heading\" data-gallery>"));
  EXPECT_THAT(page, Not(HasSubstr("data-gallery=\"viewer\"")));
  EXPECT_THAT(page, HasSubstr("<li class=\"gallery-item\" id=\"photo-3\">"));
}

TEST_F(GallerySiteTest, AnArticleThatIsNoGalleryShowsItsLeadPhotoAlone) {
  const store::ArticleId id = AddArticle("예산", "budget", false, 600);
  const std::string page = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(page, HasSubstr("<figure class=\"lead-photo\">"));
  EXPECT_THAT(page, Not(HasSubstr("data-gallery")));
}

TEST_F(GallerySiteTest, AMarkerInTheBodyPlacesItsPhotoAndAnUnknownOneStaysText) {
  const store::ArticleId id = AddArticle("본문 사진", "body", false, 600,
                                         "첫 문단.\n\n[사진 2]\n\n둘째 문단.\n\n[사진 9]\n");
  const std::string page = GetBody("/article/" + std::to_string(id));
  const size_t first = page.find("<p>첫 문단.</p>");
  const size_t figure = page.find("<figure class=\"body-photo\">");
  const size_t second = page.find("<p>둘째 문단.</p>");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(figure, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, figure);
  EXPECT_LT(figure, second);
  const std::string placed = page.substr(figure, second - figure);
  EXPECT_NE(placed.find("two-body-800.jpg"), std::string::npos);
  EXPECT_NE(placed.find("<figcaption>둘째 &lt;사진&gt; &amp; &quot;설명&quot; <span "
                        "class=\"credit\">사진=대전시 제공</span></figcaption>"),
            std::string::npos);
  EXPECT_NE(page.find("<p>[사진 9]</p>"), std::string::npos);
}

// Link previews get the 1200 x 630 social image the pipeline wrote beside the photo's widths;
// a photo from before it has none, and its largest width is given with its own size.
TEST_F(GallerySiteTest, LinkPreviewsGetTheSocialImageWithItsSize) {
  const sinmun::testing::TempDir uploads;
  uploads_dir_ = uploads.path();
  MakeSite();
  const store::ArticleId id = AddArticle("소셜", "social", false, 600);
  const std::string older = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(older, HasSubstr("<meta property=\"og:image\" content=\"https://news.example.com/"
                               "uploads/2026/12/lead-social-1600.jpg\">"));
  EXPECT_THAT(older, HasSubstr("<meta property=\"og:image:width\" content=\"1600\">"));
  EXPECT_THAT(older, HasSubstr("<meta property=\"og:image:height\" content=\"900\">"));

  std::filesystem::create_directories(uploads.path() / "2026/12");
  std::ofstream(uploads.path() / "2026/12/lead-social-og.jpg") << "\xFF\xD8\xFF";
  MakeSite();  // a new site: nothing cached
  const std::string page = GetBody("/article/" + std::to_string(id));
  EXPECT_THAT(page, HasSubstr("<meta property=\"og:image\" content=\"https://news.example.com/"
                              "uploads/2026/12/lead-social-og.jpg\">"));
  EXPECT_THAT(page, HasSubstr("<meta property=\"og:image:width\" content=\"1200\">"));
  EXPECT_THAT(page, HasSubstr("<meta property=\"og:image:height\" content=\"630\">"));
  EXPECT_THAT(page, HasSubstr("<meta property=\"og:image:alt\" content=\"첫 사진\">"));
  EXPECT_THAT(page, HasSubstr("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
  EXPECT_THAT(page, HasSubstr("<meta name=\"twitter:image\" content=\"https://news.example.com/"
                              "uploads/2026/12/lead-social-og.jpg\">"));
}

TEST_F(GallerySiteTest, ThePhotoNewsPageListsOnlyTheGalleriesAsAGrid) {
  const store::ArticleId gallery = AddArticle("야경", "night", true, 600);
  AddArticle("사진 넣은 글 기사", "text", false, 500);

  const std::string front = GetBody("/");
  EXPECT_THAT(front, HasSubstr("<li><a href=\"/photos\">포토뉴스</a></li>"));
  const http::Response response = Get("/photos");
  EXPECT_EQ(response.status, 200);
  const std::string page = Body(response);
  EXPECT_THAT(page, HasSubstr("<a href=\"/photos\" aria-current=\"page\">포토뉴스</a>"));
  const size_t main = page.find("<main");
  ASSERT_NE(main, std::string::npos);
  const std::string list = page.substr(main, page.find("</main>") - main);
  EXPECT_THAT(list, HasSubstr("<h1 class=\"page-title\">포토뉴스</h1>"));
  EXPECT_THAT(list, HasSubstr("<ul class=\"photo-grid\">"));
  EXPECT_THAT(list, HasSubstr("<a class=\"photo-card-link\" href=\"/article/" +
                              std::to_string(gallery) + "\">"));
  EXPECT_THAT(list, HasSubstr("lead-night-400.jpg"));
  EXPECT_THAT(list, HasSubstr("<span class=\"photo-card-title\">야경</span>"));
  EXPECT_THAT(list, Not(HasSubstr("사진 넣은 글 기사")));
  EXPECT_EQ(Get("/photos?page=2").status, 404);
  EXPECT_EQ(Get("/photos?page=x").status, 400);
}

}  // namespace
}  // namespace sinmun::site
