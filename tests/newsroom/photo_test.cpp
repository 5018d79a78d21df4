// Photo uploads through the article form: a valid JPEG (with EXIF), PNG and WebP are stored
// at three widths without metadata, each as WebP and as a JPEG or PNG fallback; a truncated file
// and a non-image renamed .jpg get a clear message next to the photo field and nothing is stored.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

class PhotoTest : public DeskTest {
 protected:
  http::Response Upload(const std::string& headline, const FilePart& file) {
    Fields fields = ArticleFields(headline);
    fields[11].second = "갑천 야경";
    fields[12].second = "한밭일보 사진부";
    return Send(reporter_, "/newsroom/articles", fields, {file});
  }

  // Width and height from a JPEG's first start-of-frame marker; {0, 0} when there is none.
  static std::pair<int, int> JpegSize(const std::string& jpeg) {
    for (size_t at = 2; at + 9 < jpeg.size();) {
      const auto byte = [&](size_t i) { return static_cast<unsigned char>(jpeg[i]); };
      if (byte(at) != 0xFF) return {0, 0};
      const unsigned char marker = byte(at + 1);
      if (marker >= 0xC0 && marker <= 0xC3) {
        return {byte(at + 7) * 256 + byte(at + 8), byte(at + 5) * 256 + byte(at + 6)};
      }
      at += 2 + byte(at + 2) * 256 + byte(at + 3);
    }
    return {0, 0};
  }

  static std::string Contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
};

TEST_F(PhotoTest, AJpegIsStoredAtThreeWidthsWithoutItsExif) {
  const std::string jpeg = PhotoFile("landscape-exif.jpg");
  ASSERT_NE(jpeg.find("GPS-SECRET"), std::string::npos);  // the test file does carry EXIF

  const http::Response response = Upload("사진 기사", {"photo", "야경.jpg", "image/jpeg", jpeg});
  ASSERT_EQ(response.status, 303) << Body(response);
  const store::DeskArticle article = Must(store_->DeskArticleById(IdInLocation(response)));
  ASSERT_TRUE(article.content.photo_id.has_value());
  EXPECT_EQ(article.content.photo_caption, "갑천 야경");
  EXPECT_EQ(article.content.photo_credit, "한밭일보 사진부");
  const store::Photo photo = Must(store_->PhotoById(*article.content.photo_id));
  EXPECT_EQ(photo.format, "jpeg");
  EXPECT_EQ(photo.widths, (std::vector<int>{400, 800, 1600}));
  EXPECT_EQ(photo.width, 1600);
  EXPECT_EQ(photo.height, 1067);  // 1800 x 1200 scaled
  EXPECT_TRUE(photo.webp);

  const std::vector<std::string> files = UploadedFiles();
  ASSERT_EQ(files.size(), 7u);  // three widths as WebP and JPEG, and the social image
  for (const int width : {400, 800, 1600}) {
    for (const std::string extension : {".jpg", ".webp"}) {
      const std::string name = photo.name + "-" + std::to_string(width) + extension;
      ASSERT_NE(std::find(files.begin(), files.end(), name), files.end()) << name;
      const std::string bytes = Contents(uploads_.path() / name);
      if (extension == ".jpg") {
        EXPECT_EQ(bytes.substr(0, 3), "\xFF\xD8\xFF");
      } else {
        EXPECT_EQ(bytes.substr(8, 4), "WEBP");
      }
      EXPECT_EQ(bytes.find("GPS-SECRET"), std::string::npos) << name;
      EXPECT_EQ(bytes.find("Exif"), std::string::npos) << name;
    }
  }
  // The social image (Open Graph): 1200 x 630 whatever the photo's shape, a JPEG without EXIF.
  const std::string social = Contents(uploads_.path() / (photo.name + "-og.jpg"));
  EXPECT_EQ(social.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(social.find("GPS-SECRET"), std::string::npos);
  EXPECT_EQ(JpegSize(social), (std::pair<int, int>{1200, 630}));
  // The file as sent is kept outside the public uploads, whole (EXIF and all), for this
  // user's eyes only.
  const std::filesystem::path original = originals_.path() / (photo.name + ".jpg");
  EXPECT_EQ(Contents(original), jpeg);
  EXPECT_EQ(std::filesystem::status(original).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // The edit page shows the photo and keeps it on the next save.
  EXPECT_NE(Body(Get(reporter_, "/newsroom/articles/" + std::to_string(article.id)))
                .find("/uploads/" + photo.name + "-400.jpg"),
            std::string::npos);
}

TEST_F(PhotoTest, APngKeepsItsFormatAWebpFallsBackToJpegAndASmallPhotoIsNotEnlarged) {
  const http::Response png =
      Upload("PNG 기사", {"photo", "chart.png", "image/png", PhotoFile("small.png")});
  ASSERT_EQ(png.status, 303) << Body(png);
  const store::Photo png_photo =
      Must(store_->PhotoById(*Must(store_->DeskArticleById(IdInLocation(png))).content.photo_id));
  EXPECT_EQ(png_photo.format, "png");
  EXPECT_EQ(png_photo.widths, (std::vector<int>{400, 540}));  // 540 px wide: no 800, no 1600

  const http::Response webp =
      Upload("WebP 기사", {"photo", "photo.webp", "image/webp", PhotoFile("small.webp")});
  ASSERT_EQ(webp.status, 303) << Body(webp);
  const store::Photo webp_photo =
      Must(store_->PhotoById(*Must(store_->DeskArticleById(IdInLocation(webp))).content.photo_id));
  EXPECT_EQ(webp_photo.format, "jpeg");  // the fallback for browsers without WebP
  EXPECT_TRUE(webp_photo.webp);
  // Two widths each, as WebP and as the fallback, and a social image each.
  EXPECT_EQ(UploadedFiles().size(), 10u);
}

TEST_F(PhotoTest, ATruncatedJpegIsRefusedAndNothingIsStored) {
  const std::string jpeg = PhotoFile("landscape-exif.jpg");
  const http::Response response =
      Upload("잘린 사진", {"photo", "cut.jpg", "image/jpeg", jpeg.substr(0, jpeg.size() / 2)});
  EXPECT_EQ(response.status, 422);
  const std::string html = Body(response);
  EXPECT_NE(html.find("<p class=\"nr-field-error\" id=\"photo-error\">사진 파일이 손상되었거나 "
                      "끝이 잘렸습니다.</p>"),
            std::string::npos);
  EXPECT_NE(html.find("value=\"잘린 사진\""), std::string::npos);  // the form keeps the text
  EXPECT_TRUE(UploadedFiles().empty());
  EXPECT_TRUE(std::filesystem::is_empty(originals_.path()));
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());
}

TEST_F(PhotoTest, ATextFileRenamedJpgIsRefusedAndNothingIsStored) {
  const http::Response response =
      Upload("가짜 사진", {"photo", "photo.jpg", "image/jpeg", "this is not an image at all\n"});
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(Body(response).find("JPEG, PNG, WebP 사진만 올릴 수 있습니다."), std::string::npos);
  EXPECT_TRUE(UploadedFiles().empty());
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());
  EXPECT_EQ(sinmun::testing::ErrorCodeOf(store_->PhotoById(1)), ErrorCode::kNotFound);
}

TEST_F(PhotoTest, APhotoUploadedWithAFormThatFailsIsKeptForTheNextTry) {
  Fields fields = ArticleFields("");  // no headline: the form comes back
  const http::Response refused =
      Send(reporter_, "/newsroom/articles", fields,
           {{"photo", "야경.jpg", "image/jpeg", PhotoFile("landscape-exif.jpg")}});
  ASSERT_EQ(refused.status, 422);
  const std::string photo_id = InputValue(Body(refused), "photo_id");
  ASSERT_FALSE(photo_id.empty());

  fields[2].second = "두 번째 시도";
  fields[10].second = photo_id;
  const http::Response saved = Send(reporter_, "/newsroom/articles", fields);
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(Must(store_->DeskArticleById(IdInLocation(saved))).content.photo_id,
            std::stoll(photo_id));
  EXPECT_EQ(UploadedFiles().size(), 7u);  // three widths as WebP and JPEG, the social image
}

// A photo's id is a small number; its address is not guessable. A reporter who types
// someone else's photo id gets neither the photo on their article nor its address.
TEST_F(PhotoTest, AReporterCannotUseOrRevealAnotherUsersPhoto) {
  const http::Response uploaded =
      Send(editor_, "/newsroom/articles", ArticleFields(""),
           {{"photo", "야경.jpg", "image/jpeg", PhotoFile("landscape-exif.jpg")}});
  ASSERT_EQ(uploaded.status, 422);
  const std::string photo_id = InputValue(Body(uploaded), "photo_id");
  ASSERT_FALSE(photo_id.empty());
  const store::Photo photo = Must(store_->PhotoById(std::stoll(photo_id)));

  Fields fields = ArticleFields("남의 사진");
  fields[10].second = photo_id;
  const http::Response preview = Send(reporter_, "/newsroom/articles/preview", fields);
  EXPECT_EQ(preview.status, 200);
  EXPECT_EQ(Body(preview).find(photo.name), std::string::npos);
  const http::Response refused = Send(reporter_, "/newsroom/articles", fields);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(Body(refused).find(photo.name), std::string::npos);
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());

  // The editor who uploaded it may use it, and sees it in the preview.
  const http::Response saved = Send(editor_, "/newsroom/articles", fields);
  ASSERT_EQ(saved.status, 303);
  const store::ArticleId id = IdInLocation(saved);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.photo_id, photo.id);
  EXPECT_NE(Body(Send(editor_, "/newsroom/articles/preview", fields)).find(photo.name),
            std::string::npos);
}

}  // namespace
}  // namespace sinmun::newsroom
