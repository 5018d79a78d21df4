// `sinmun import wordpress` as an operator runs it: a report for a good export, one clear
// message and exit code 2 for a file that is not one; then, on both backends, the imported
// articles on the site and the old site's addresses answering 301.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExport = R"(<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
 <title>한밭뉴스</title><link>https://news.example.kr</link>
 <wp:wxr_version>1.2</wp:wxr_version>
 <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[kim]]></wp:author_login><wp:author_email><![CDATA[kim@example.kr]]></wp:author_email><wp:author_display_name><![CDATA[김기자]]></wp:author_display_name></wp:author>
 <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[%ec%a0%95%ec%b9%98]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[정치]]></wp:cat_name></wp:category>
 <item><title><![CDATA[시의회 예산안 통과]]></title><link>https://news.example.kr/2023/03/01/budget/</link>
  <dc:creator><![CDATA[kim]]></dc:creator><content:encoded><![CDATA[<p>본문<script>alert(1)</script></p>]]></content:encoded>
  <excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>11</wp:post_id>
  <wp:post_date_gmt><![CDATA[2023-03-01 00:30:00]]></wp:post_date_gmt><wp:post_name><![CDATA[budget]]></wp:post_name>
  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
  <category domain="category" nicename="%ec%a0%95%ec%b9%98"><![CDATA[정치]]></category>
 </item>
 <item><title><![CDATA[회사 소개]]></title><link>https://news.example.kr/about/</link>
  <content:encoded><![CDATA[<p>1950년 창간</p>]]></content:encoded><wp:post_id>20</wp:post_id>
  <wp:post_date_gmt><![CDATA[2023-01-01 00:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[about]]></wp:post_name>
  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[page]]></wp:post_type>
 </item>
 <item><title><![CDATA[지운 글]]></title><wp:post_id>12</wp:post_id><wp:status><![CDATA[trash]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
</channel>
</rss>
)";

class ImportWordPressCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-import-XXXXXX";
    root_ = ::mkdtemp(pattern);
    fs::create_directories(root_ + "/paper");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = root_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::string root_;
};

TEST_F(ImportWordPressCliTest, ADryRunReportsWhatItWouldCreateAndWritesTheReportInTheFolder) {
  const CommandResult result = RunSinmun({"import", "wordpress", "--data", root_ + "/paper",
                                          Write("export.xml", kExport), "--dry-run"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("articles           1 to create"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("#12 지운 글: status trash"), std::string::npos) << result.out;
  int reports = 0;
  for (const auto& entry : fs::directory_iterator(root_ + "/paper")) {
    if (entry.path().filename().string().starts_with("import-wordpress-")) ++reports;
  }
  EXPECT_EQ(reports, 1);
}

TEST_F(ImportWordPressCliTest, BadFilesGetOneClearMessageAndExitCode2) {
  std::string truncated = kExport;
  truncated.resize(truncated.size() / 2);
  std::string malformed = kExport;
  malformed.replace(malformed.find("<wp:post_id>11"), 12, "<wp:post_id 11");
  const std::string billion_laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
      "<rss><channel><title>&c;</title></channel></rss>";
  const std::string feed =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>뉴스</title><item><title>"
      "기사</title></item></channel></rss>";
  for (const auto& [name, text, expected] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"truncated.xml", truncated, "cut short"},
           {"malformed.xml", malformed, "line "},
           {"laughs.xml", billion_laughs, "DOCTYPE"},
           {"feed.xml", feed, "not a WordPress export"}}) {
    const CommandResult result = RunSinmun(
        {"import", "wordpress", "--data", root_ + "/paper", Write(name, text), "--dry-run"});
    EXPECT_EQ(result.exit_code, 2) << name << ": " << result.out;
    EXPECT_NE(result.out.find(expected), std::string::npos) << name << ": " << result.out;
  }
  const CommandResult missing =
      RunSinmun({"import", "wordpress", "--data", root_ + "/paper", root_ + "/none.xml"});
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
  const CommandResult no_folder = RunSinmun({"import", "wordpress", "--data", root_ + "/nope",
                                             Write("export.xml", kExport), "--dry-run"});
  EXPECT_EQ(no_folder.exit_code, 2) << no_folder.out;
}

// The location a 301 sends to, or why there is none.
std::string MovedTo(std::uint16_t port, const std::string& target) {
  const HttpResponse response = HttpGet(port, target);
  if (response.status != 301) return "status " + std::to_string(response.status);
  return response.Header("location");
}

class ImportWordPressPaperTest : public ImportWordPressCliTest,
                                 public ::testing::WithParamInterface<Backend> {
 protected:
  std::vector<std::string> StoreArgs() const {
    if (!database_) return {};
    return {"--store", database_->url()};
  }
  CommandResult Import(const std::string& file, const std::string& media = "") {
    std::vector<std::string> args = {"import", "wordpress", "--data", root_ + "/paper", file};
    if (!media.empty()) args.insert(args.end(), {"--media", media});
    for (const std::string& arg : StoreArgs()) args.push_back(arg);
    return RunSinmun(args);
  }
  // A copy of the old site's uploads holding one real photo, 2023/03/night.jpg.
  std::string MediaWithNightPhoto() {
    const std::string media = root_ + "/uploads-copy";
    fs::create_directories(media + "/2023/03");
    fs::copy_file(std::string(SINMUN_SOURCE_DIR) + "/tests/data/photos/landscape-exif.jpg",
                  media + "/2023/03/night.jpg");
    return media;
  }
  std::unique_ptr<TestDatabase> database_ = GetParam() == Backend::kPostgres
                                                ? std::make_unique<TestDatabase>(Backend::kPostgres)
                                                : nullptr;
};

TEST_P(ImportWordPressPaperTest, ImportedPostsAreOnTheSiteAndOldAddressesAnswer301) {
  const std::string file = Write("export.xml", kExport);
  const CommandResult first = Import(file);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("articles           1 created       0 updated       0 unchanged"),
            std::string::npos)
      << first.out;
  const CommandResult second = Import(file);
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("articles           0 created       0 updated       1 unchanged"),
            std::string::npos)
      << second.out;

  // The author's account cannot log in until an administrator gives it a password.
  std::vector<std::string> passwd = {"user",
                                     "passwd",
                                     "--data",
                                     root_ + "/paper",
                                     "--email",
                                     "kim@example.kr",
                                     "--password-file",
                                     Write("password.txt", "correct-horse-battery\n")};
  for (const std::string& arg : StoreArgs()) passwd.push_back(arg);
  const CommandResult enabled = RunSinmun(passwd);
  ASSERT_EQ(enabled.exit_code, 0) << enabled.out;
  EXPECT_NE(enabled.out.find("kim@example.kr (imported) can now log in"), std::string::npos)
      << enabled.out;

  ServeProcess serve(root_ + "/paper", StoreArgs());
  ASSERT_NE(serve.port(), 0) << serve.output();
  const std::string article = MovedTo(serve.port(), "/2023/03/01/budget/");
  ASSERT_TRUE(article.starts_with("/article/")) << article;
  EXPECT_EQ(MovedTo(serve.port(), "/?p=11"), article);
  EXPECT_EQ(MovedTo(serve.port(), "/?p=11&utm_source=x"), article);
  EXPECT_EQ(MovedTo(serve.port(), "/category/%EC%A0%95%EC%B9%98/"), "/section/%EC%A0%95%EC%B9%98");
  EXPECT_TRUE(MovedTo(serve.port(), "/author/kim/").starts_with("/reporter/"));
  EXPECT_EQ(MovedTo(serve.port(), "/about/"), "/page/about");
  EXPECT_EQ(MovedTo(serve.port(), "/?page_id=20"), "/page/about");
  const HttpResponse about = HttpGet(serve.port(), "/page/about");
  ASSERT_EQ(about.status, 200) << about.body;
  EXPECT_NE(about.body.find("회사 소개"), std::string::npos);
  EXPECT_NE(about.body.find("1950년 창간"), std::string::npos);
  EXPECT_EQ(HttpGet(serve.port(), "/?p=999").status, 404);
  EXPECT_EQ(HttpGet(serve.port(), "/2023/03/01/nothing/").status, 404);

  const HttpResponse page = HttpGet(serve.port(), article, {{"User-Agent", kDesktopChrome}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("시의회 예산안 통과"), std::string::npos);
  EXPECT_NE(page.body.find("김기자"), std::string::npos);
  EXPECT_EQ(page.body.find("alert(1)"), std::string::npos);
  EXPECT_EQ(HttpGet(serve.port(), "/section/%EC%A0%95%EC%B9%98").status, 200);
}

// --media: a body's uploads images go through the photo pipeline and the article shows the
// paper's own copy; a second run reuses it; a missing file and a file that is no image are
// reported, and the article is imported all the same.
TEST_P(ImportWordPressPaperTest, MediaImagesBecomePhotosOnceAndTheArticleShowsThem) {
  const std::string uploads = "https://news.example.kr/wp-content/uploads/2023/03/";
  std::string with_images = kExport;
  with_images.replace(with_images.find("<p>본문<script>"), std::string("<p>본문").size(),
                      "<figure><img src=\"" + uploads +
                          "night-300x200.jpg\" alt=\"야경\"></figure>"
                          "<p><img src=\"" +
                          uploads +
                          "gone.jpg\" alt=\"없는 사진\"></p>"
                          "<p><img src=\"" +
                          uploads +
                          "notes.jpg\" alt=\"사진 아닌 파일\"></p>"
                          "<p><img src=\"" +
                          uploads + "../../../secret.jpg\" alt=\"밖\"></p><p>본문");
  // WordPress's resized copy and its original: the original is the one stored.
  const std::string media = MediaWithNightPhoto();
  Write("uploads-copy/2023/03/night-300x200.jpg", "a thumbnail WordPress made");
  Write("uploads-copy/2023/03/notes.jpg", "plain text, named as a photo");
  Write("secret.jpg", "outside the media folder");
  const std::string file = Write("export.xml", with_images);
  const CommandResult first = Import(file, media);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("images             4 in bodies, 2 found in --media, 2 missing; 1 files "
                           "stored as photos, 1 refused"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("missing image: " + uploads + "gone.jpg"), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("refused image: " + uploads + "notes.jpg: Only JPEG, PNG and WebP"),
            std::string::npos)
      << first.out;
  const CommandResult second = Import(file, media);
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("articles           0 created       0 updated       1 unchanged"),
            std::string::npos)
      << second.out;

  ServeProcess serve(root_ + "/paper", StoreArgs());
  ASSERT_NE(serve.port(), 0) << serve.output();
  const std::string article = MovedTo(serve.port(), "/?p=11");
  const HttpResponse page = HttpGet(serve.port(), article, {{"User-Agent", kDesktopChrome}});
  ASSERT_EQ(page.status, 200) << page.body;
  const size_t photo = page.body.find("src=\"/uploads/");
  ASSERT_NE(photo, std::string::npos) << page.body;
  const size_t end = page.body.find('"', photo + 5);
  const std::string address = page.body.substr(photo + 5, end - photo - 5);
  EXPECT_TRUE(address.ends_with(".jpg")) << address;
  EXPECT_EQ(HttpGet(serve.port(), address).status, 200) << address;
  EXPECT_EQ(page.body.find("night-300x200.jpg"), std::string::npos);
  EXPECT_NE(page.body.find(uploads + "gone.jpg"), std::string::npos);  // kept, as reported
  // One photo for both runs: the uploads folder holds one set of sizes.
  int largest = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root_ + "/paper/uploads")) {
    if (entry.path().string().ends_with("-1600.jpg")) ++largest;
  }
  EXPECT_EQ(largest, 1);
}

// The featured image (_thumbnail_id) of a post is its lead photo on the site, captioned as the
// attachment was, though WordPress exports the attachment after the post; a second run keeps it.
TEST_P(ImportWordPressPaperTest, TheFeaturedImageIsTheArticlesLeadPhoto) {
  std::string with_featured = kExport;
  const std::string post_end =
      "<category domain=\"category\" nicename=\"%ec%a0%95%ec%b9%98\">"
      "<![CDATA[정치]]></category>\n </item>";
  with_featured.replace(
      with_featured.find(post_end), post_end.size(),
      "<category domain=\"category\" nicename=\"%ec%a0%95%ec%b9%98\"><![CDATA[정치]]></category>"
      "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
      "<wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta>\n </item>\n"
      " <item><title><![CDATA[night]]></title><excerpt:encoded><![CDATA[갑천의 <b>밤</b>]]>"
      "</excerpt:encoded><wp:post_id>40</wp:post_id><wp:status><![CDATA[inherit]]></wp:status>"
      "<wp:post_type><![CDATA[attachment]]></wp:post_type><wp:attachment_url>"
      "https://news.example.kr/wp-content/uploads/2023/03/night.jpg</wp:attachment_url></item>");
  const std::string media = MediaWithNightPhoto();
  const std::string file = Write("export.xml", with_featured);
  const CommandResult first = Import(file, media);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("featured           1 posts with a featured image, 1 found in --media, "
                           "0 missing, 0 not in the export; 1 became lead photos"),
            std::string::npos)
      << first.out;
  const CommandResult second = Import(file, media);
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("articles           0 created       0 updated       1 unchanged"),
            std::string::npos)
      << second.out;

  ServeProcess serve(root_ + "/paper", StoreArgs());
  ASSERT_NE(serve.port(), 0) << serve.output();
  const HttpResponse page =
      HttpGet(serve.port(), MovedTo(serve.port(), "/?p=11"), {{"User-Agent", kDesktopChrome}});
  ASSERT_EQ(page.status, 200) << page.body;
  const size_t lead = page.body.find("<figure class=\"lead-photo\">");
  ASSERT_NE(lead, std::string::npos) << page.body;
  const std::string figure = page.body.substr(lead, page.body.find("</figure>", lead) - lead);
  EXPECT_NE(figure.find("src=\"/uploads/"), std::string::npos) << figure;
  EXPECT_NE(figure.find("alt=\"갑천의 밤\""), std::string::npos) << figure;
  // The section list shows it as the article's thumbnail.
  const HttpResponse section =
      HttpGet(serve.port(), "/section/%EC%A0%95%EC%B9%98", {{"User-Agent", kDesktopChrome}});
  EXPECT_NE(section.body.find("alt=\"갑천의 밤\""), std::string::npos) << section.body;
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ImportWordPressPaperTest, AllBackends(), BackendParamName());

}  // namespace
}  // namespace sinmun::testing
