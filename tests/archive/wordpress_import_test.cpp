#include "archive/wordpress_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archive/wordpress_mapping.hpp"
#include "archive/wxr_fixture.hpp"
#include "support/test_store.hpp"

namespace sinmun::archive {
namespace {

using ::testing::ElementsAre;
using testing::FixturePost;
using ::testing::HasSubstr;
using testing::kAssembly;
using testing::kEconomy;
using testing::kElection;
using testing::kPolitics;
using testing::Post;
using testing::WriteTempFile;
using testing::WxrDocument;

using sinmun::testing::kNow;
// Records what an import writes, as the store will.
struct RecordingSink : ImportSink {
  std::vector<WxrAuthor> reporters;
  std::vector<MappedSection> sections;
  std::vector<MappedArticle> articles;
  std::vector<MappedPage> pages;
  Result<> Begin(const WxrSite& /*site*/) override { return {}; }
  Result<WriteOutcome> PutReporter(const WxrAuthor& author) override {
    reporters.push_back(author);
    return WriteOutcome::kCreated;
  }
  Result<WriteOutcome> PutSection(const MappedSection& section) override {
    sections.push_back(section);
    return WriteOutcome::kCreated;
  }
  Result<> PutTagPaths(const std::vector<std::pair<std::string, std::string>>& /*paths*/) override {
    return {};
  }
  Result<std::vector<WriteOutcome>> PutArticle(MappedArticle&& article) override {
    articles.push_back(std::move(article));
    return std::vector<WriteOutcome>{WriteOutcome::kCreated};
  }
  Result<std::vector<WriteOutcome>> Flush() override { return std::vector<WriteOutcome>{}; }
  Result<WriteOutcome> PutPage(const MappedPage& page) override {
    pages.push_back(page);
    return WriteOutcome::kCreated;
  }
};

RecordingSink Import(const std::vector<FixturePost>& posts, ImportReport* report_out = nullptr,
                     const std::string& media_dir = "") {
  RecordingSink sink;
  ImportReport report;
  const Result<> done =
      ImportWordPress(WriteTempFile(WxrDocument(posts)),
                      ImportOptions{.media_dir = media_dir, .now = kNow}, &sink, report);
  EXPECT_TRUE(done.has_value()) << done.error().detail;
  if (report_out != nullptr) *report_out = report;
  return sink;
}

FixturePost WithStatus(int id, std::string status, std::string date_gmt = "2023-03-01 00:30:00") {
  FixturePost post = Post(id, "기사 " + std::to_string(id));
  post.status = std::move(status);
  post.date_gmt = std::move(date_gmt);
  return post;
}

TEST(WordPressMappingTest, StatusesBecomeArticleStatesAndTrashAndRevisionsAreSkipped) {
  FixturePost revision = WithStatus(7, "inherit");
  revision.type = "revision";
  ImportReport report;
  const RecordingSink sink =
      Import({WithStatus(1, "publish"), WithStatus(2, "future", "2030-01-01 03:00:00"),
              WithStatus(3, "draft"), WithStatus(4, "private"), WithStatus(5, "pending"),
              WithStatus(6, "trash"), revision},
             &report);
  std::vector<std::string> states;
  for (const MappedArticle& article : sink.articles) {
    states.push_back(std::to_string(article.wordpress_id) + ":" + ArticleStateName(article.state));
  }
  EXPECT_THAT(states,
              ElementsAre("1:published", "2:scheduled", "3:draft", "4:draft", "5:submitted"));
  ASSERT_EQ(report.skipped.size(), 2u);
  EXPECT_EQ(report.skipped[0].wordpress_id, 6);
  EXPECT_THAT(report.skipped[0].reason, HasSubstr("trash"));
  EXPECT_EQ(report.skipped[1].wordpress_id, 7);
  EXPECT_THAT(report.skipped[1].reason, HasSubstr("revision"));
  EXPECT_THAT(FormatImportReport(report), HasSubstr("#6 기사 6: status trash"));
}

TEST(WordPressMappingTest, TimesComeFromPostDateGmtAndUndatedDraftsGetTheImportTime) {
  const RecordingSink sink = Import({WithStatus(1, "publish", "2023-03-01 00:30:00"),
                                     WithStatus(2, "draft", "0000-00-00 00:00:00")});
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(FormatKst(sink.articles[0].registered_at), "2023-03-01 09:30");
  EXPECT_EQ(sink.articles[1].registered_at, kNow);
  // Modified a day later (post_modified_gmt of the fixture): shown as 수정.
  ASSERT_TRUE(sink.articles[0].modified_at.has_value());
  EXPECT_EQ(FormatKst(*sink.articles[0].modified_at), "2023-03-02 10:00");
}

TEST(WordPressMappingTest, ExcerptIsASummaryOrSubheadlinesWhenItHasSeveralLines) {
  FixturePost one = Post(1);
  one.excerpt = "한 줄 요약 &amp; 설명";
  FixturePost several = Post(2);
  several.excerpt = "- 첫째 요점\n- 둘째 요점<br />\n셋째 요점";
  const RecordingSink sink = Import({one, several});
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].summary, "한 줄 요약 & 설명");
  EXPECT_TRUE(sink.articles[0].subheadlines.empty());
  EXPECT_THAT(sink.articles[1].subheadlines, ElementsAre("첫째 요점", "둘째 요점", "셋째 요점"));
}

TEST(WordPressMappingTest, FirstCategoryIsTheSectionAndTheOthersAndTagsAreTags) {
  FixturePost post = Post(1);
  post.extra = {kEconomy, kPolitics, kElection};
  FixturePost nested = Post(2);
  nested.extra = {kAssembly, kElection};
  const RecordingSink sink = Import({post, nested});
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].section_slug, "economy");
  EXPECT_THAT(sink.articles[0].tags, ElementsAre("정치", "선거"));
  // Nested: filed in the top-level category's section, the category itself kept as a tag.
  EXPECT_EQ(sink.articles[1].section_slug, "정치");
  EXPECT_THAT(sink.articles[1].tags, ElementsAre("국회", "선거"));
}

TEST(WordPressMappingTest, SectionsAreTheTopLevelCategoriesWithDecodedSlugs) {
  const RecordingSink sink = Import({Post(1)});
  ASSERT_EQ(sink.sections.size(), 2u);
  EXPECT_EQ(sink.sections[0].slug, "정치");
  EXPECT_EQ(sink.sections[0].name, "정치");
  EXPECT_THAT(sink.sections[0].old_paths, ElementsAre("/category/정치/", "/category/정치/국회/"));
  EXPECT_EQ(sink.sections[1].slug, "economy");
  EXPECT_EQ(sink.sections[1].name, "경제");
}

TEST(WordPressMappingTest, AuthorsBecomeReporters) {
  const RecordingSink sink = Import({});
  ASSERT_EQ(sink.reporters.size(), 2u);
  EXPECT_EQ(sink.reporters[0].display_name, "김기자");
  EXPECT_EQ(sink.reporters[0].email, "kim@example.kr");
  EXPECT_EQ(sink.reporters[0].login, "kimreporter");
}

TEST(WordPressMappingTest, OldAddressesAreThePermalinkAndQueryForms) {
  FixturePost post = Post(41);
  post.link = "https://news.example.kr/2023/03/01/%eb%8c%80%ec%a0%84/";
  FixturePost page = Post(42, "회사 소개", "<p>우리 신문은</p>");
  page.type = "page";
  page.link = "https://news.example.kr/about/";
  const RecordingSink sink = Import({post, page});
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_THAT(sink.articles[0].old_paths, ElementsAre("/2023/03/01/대전/", "/?p=41"));
  ASSERT_EQ(sink.pages.size(), 1u);
  EXPECT_EQ(sink.pages[0].path, "/about/");
  EXPECT_EQ(sink.pages[0].title, "회사 소개");
  EXPECT_EQ(sink.pages[0].body_markdown, "우리 신문은");
  EXPECT_THAT(sink.pages[0].old_paths, ElementsAre("/?page_id=42"));
}

TEST(WordPressMappingTest, BodiesAreConvertedAndScriptsRemoved) {
  const RecordingSink sink =
      Import({Post(1, "기사", "<p>본문<script>alert(1)</script></p>\n\n둘째 문단")});
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].body_markdown, "본문\n\n둘째 문단");
}

TEST(WordPressMappingTest, ApprovedCommentsComeAsPlainTextAndTheOthersAreCounted) {
  FixturePost post = Post(1);
  post.extra = {testing::Comment(1, 0, "독자", "<p>좋은 기사 &amp; <b>감사</b></p>\n\n\n둘째 줄"),
                testing::Comment(2, 1, "", "답글", "1", ""),
                testing::Comment(3, 0, "광고", "스팸", "spam"),
                testing::Comment(4, 0, "대기", "승인 전", "0"),
                testing::Comment(5, 0, "blog", "핑백", "1", "pingback")};
  ImportReport report;
  const RecordingSink sink = Import({post}, &report);
  ASSERT_EQ(sink.articles.size(), 1u);
  const std::vector<MappedComment>& comments = sink.articles[0].approved_comments;
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].wordpress_id, 1);
  EXPECT_EQ(comments[0].author, "독자");
  EXPECT_EQ(comments[0].text, "좋은 기사 & 감사\n\n둘째 줄");
  EXPECT_EQ(comments[1].parent, 1);
  EXPECT_EQ(comments[1].author, "익명");
  EXPECT_EQ(report.comments, 2);
  EXPECT_EQ(report.comments_skipped, 2);  // spam and held; pingbacks are not comments
  EXPECT_THAT(FormatImportReport(report),
              HasSubstr("2 skipped (not approved: held, spam or trash)"));
}

// A --media folder `name` under the test's temporary folder holding the file 2023/03/<file>.
std::filesystem::path MediaFolder(const std::string& name, const std::string& file) {
  const std::filesystem::path media =
      std::filesystem::path(WriteTempFile("")).parent_path() /
      (name + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(media / "2023/03");
  std::ofstream(media / "2023/03" / file) << "jpeg";
  return media;
}

TEST(WordPressMappingTest, ImagesMissingFromTheMediaFolderAreReportedNotFatal) {
  const std::filesystem::path media = MediaFolder("media", "here.jpg");
  ImportReport report;
  const RecordingSink sink =
      Import({Post(1, "사진 기사",
                   "<img src=\"https://news.example.kr/wp-content/uploads/2023/03/here.jpg\">"
                   "<img src=\"https://news.example.kr/wp-content/uploads/2023/03/gone.jpg\">")},
             &report, media.string());
  EXPECT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(report.images, 2);
  EXPECT_EQ(report.images_found, 1);
  EXPECT_THAT(report.images_missing,
              ElementsAre("https://news.example.kr/wp-content/uploads/2023/03/gone.jpg"));
}

// A post's featured image (_thumbnail_id) names an attachment, which WordPress exports by id,
// so mostly after the post: with --media its file becomes the article's lead photo, captioned
// as the attachment is; without the file, or without the attachment, the article comes all
// the same, and the report says why it has no lead photo.
TEST(WordPressMappingTest, TheFeaturedImageBecomesTheLeadPhotoWithItsCaption) {
  const std::filesystem::path media = MediaFolder("featured", "night.jpg");
  const auto featured = [](int post, int attachment) {
    FixturePost item = Post(post, "기사 " + std::to_string(post));
    item.extra = {kPolitics,
                  "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
                  "<wp:meta_value><![CDATA[" +
                      std::to_string(attachment) + "]]></wp:meta_value></wp:postmeta>"};
    return item;
  };
  const auto attachment = [](int id, const std::string& file, const std::string& caption,
                             const std::string& alt) {
    FixturePost item = Post(id, file);
    item.type = "attachment";
    item.status = "inherit";
    item.excerpt = caption;
    item.extra = {"<wp:attachment_url>https://news.example.kr/wp-content/uploads/2023/03/" + file +
                      "</wp:attachment_url>",
                  "<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>"
                  "<wp:meta_value><![CDATA[" +
                      alt + "]]></wp:meta_value></wp:postmeta>"};
    return item;
  };
  struct PhotoSink : RecordingSink {
    std::vector<std::string> stored;
    Result<StoredImage> PutImage(const std::string& relative,
                                 const std::filesystem::path& /*file*/) override {
      stored.push_back(relative);
      return StoredImage{.photo_id = 70 + static_cast<std::int64_t>(stored.size()),
                         .address = "/uploads/" + relative};
    }
  };
  const std::vector<FixturePost> posts = {
      featured(1, 30),
      featured(2, 99),
      featured(3, 31),
      Post(4),
      attachment(30, "night.jpg", "<b>갑천</b>\n 야경", "밤의 갑천"),
      attachment(31, "gone.jpg", "", "없는 사진")};

  PhotoSink sink;
  ImportReport report;
  ASSERT_TRUE(ImportWordPress(WriteTempFile(WxrDocument(posts)),
                              ImportOptions{.media_dir = media.string(), .now = kNow}, &sink,
                              report)
                  .has_value());
  ASSERT_EQ(sink.articles.size(), 4u);
  ASSERT_TRUE(sink.articles[0].lead_photo.has_value());
  EXPECT_EQ(sink.articles[0].lead_photo->photo_id, 71);
  EXPECT_EQ(sink.articles[0].lead_photo->caption, "갑천 야경");
  EXPECT_THAT(sink.stored, ElementsAre("2023/03/night.jpg"));
  for (size_t i = 1; i < 4; ++i) EXPECT_FALSE(sink.articles[i].lead_photo.has_value()) << i;
  EXPECT_THAT(FormatImportReport(report),
              HasSubstr("featured           3 posts with a featured image, 1 found in --media, 1 "
                        "missing, 1 not in the export; 1 became lead photos\n"));
  EXPECT_THAT(FormatImportReport(report),
              HasSubstr("missing featured image: #3: "
                        "https://news.example.kr/wp-content/uploads/2023/03/gone.jpg\n"));

  // Without --media there are no files to make photos of.
  ImportReport without;
  const RecordingSink plain = Import(posts, &without);
  EXPECT_FALSE(plain.articles[0].lead_photo.has_value());
  EXPECT_THAT(FormatImportReport(without),
              HasSubstr("featured           3 posts with a featured image (no --media: the "
                        "articles have no lead photo)"));
}

TEST(WordPressMappingTest, AnAttachmentsCaptionIsItsExcerptElseItsAltText) {
  WxrItem item;
  item.post_id = 30;
  item.post_type = "attachment";
  item.attachment_url = "https://news.example.kr/wp-content/uploads/a.jpg";
  item.meta = {{"_wp_attachment_image_alt", " 대전 <i>야경</i> "}};
  const auto caption = [&] {
    return std::get<MappedAttachment>(MapItem(item, Taxonomy(), kNow)).caption;
  };
  EXPECT_EQ(caption(), "대전 야경");
  item.excerpt = "갑천\r\n불꽃 &amp; 야경";
  EXPECT_EQ(caption(), "갑천 불꽃 & 야경");
}

TEST(WordPressMappingTest, ADryRunCountsWithoutASink) {
  ImportReport report;
  ASSERT_TRUE(ImportWordPress(WriteTempFile(WxrDocument({Post(1), Post(2)})),
                              ImportOptions{.media_dir = "", .now = kNow}, nullptr, report)
                  .has_value());
  EXPECT_TRUE(report.dry_run);
  EXPECT_EQ(report.articles.created, 2);
  EXPECT_EQ(report.sections.created, 2);
  EXPECT_EQ(report.reporters.created, 2);
  EXPECT_THAT(FormatImportReport(report), HasSubstr("(dry run)"));
}

TEST(WordPressMappingTest, PercentDecodingAndDates) {
  EXPECT_EQ(PercentDecode("%ec%a0%95%ec%b9%98-news%2"), "정치-news%2");
  EXPECT_EQ(ParseWordPressGmt("0000-00-00 00:00:00"), std::nullopt);
  EXPECT_EQ(ParseWordPressGmt("2023-02-30 00:00:00"), std::nullopt);
  EXPECT_EQ(ParseWordPressGmt("1970-01-02 00:00:01"), std::optional<Timestamp>(86401));
  EXPECT_EQ(PathOf("https://a.kr"), "");
  EXPECT_EQ(PathOf("https://a.kr/?p=3"), "/?p=3");
}

}  // namespace
}  // namespace sinmun::archive
