// What a reader sees from the real binary: `sinmun demo` fills a folder, `sinmun serve` serves
// it on a free port, and the tests read pages over HTTP as a browser would.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "integration/sinmun_process.hpp"
#include "support/http_client.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class ReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/sinmun-reader-XXXXXX";
    root_ = new std::string(::mkdtemp(pattern));
    const std::string data = *root_ + "/paper";
    const CommandResult demo = MakeDemoPaper(data, {"--articles", "400", "--seed", "5"});
    // A failed assertion here would make GoogleTest skip every test of the suite, which CTest
    // reports as skipped, not failed: the failure is kept for SetUp to report in each test.
    if (demo.exit_code != 0) {
      setup_error_ = new std::string("sinmun demo exited with " + std::to_string(demo.exit_code) +
                                     ": " + demo.out);
      return;
    }
    server_ = new ServeProcess(data);
  }
  void SetUp() override {
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
    ASSERT_NE(server_->port(), 0) << server_->output();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete setup_error_;
    std::filesystem::remove_all(*root_);
    delete root_;
  }

  static std::uint16_t port() { return server_->port(); }

  static json GetJson(const std::string& target) {
    const HttpResponse response = HttpGet(port(), target);
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(response.Header("content-type"), "application/json; charset=utf-8");
    return json::parse(response.body, nullptr, false);
  }

  // An article in the middle of its section, so that it has both neighbours.
  static json MiddleArticle() {
    const json list = GetJson("/api/v1/articles?page=2");
    const json& items = list.at("items");
    EXPECT_GE(items.size(), 10u);
    for (const json& item : items) {
      const json article = GetJson("/api/v1/articles/" + std::to_string(item.at("id").get<long>()));
      if (!article.at("prev_id").is_null() && !article.at("next_id").is_null()) return article;
    }
    ADD_FAILURE() << "no article with both neighbours";
    return json();
  }

  static std::string* root_;
  static std::string* setup_error_;
  static ServeProcess* server_;
};
std::string* ReaderTest::root_ = nullptr;
std::string* ReaderTest::setup_error_ = nullptr;
ServeProcess* ReaderTest::server_ = nullptr;

TEST_F(ReaderTest, FrontPageIsAKoreanNewspaper) {
  const HttpResponse page = HttpGet(port(), "/");
  ASSERT_EQ(page.status, 200) << page.error;
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_FALSE(page.Header("date").empty());
  EXPECT_NE(page.body.find("<html lang=\"ko\""), std::string::npos);
  EXPECT_NE(page.body.find("한밭일보"), std::string::npos);
  for (const char* section :
       {"정치", "경제", "사회", "지역", "과학·IT", "문화", "스포츠", "오피니언"}) {
    EXPECT_NE(page.body.find(section), std::string::npos) << section;
  }
  // The legal footer every Korean online paper carries.
  for (const char* label : {"등록번호", "발행인", "편집인", "청소년보호책임자"}) {
    EXPECT_NE(page.body.find(label), std::string::npos) << label;
  }
}

TEST_F(ReaderTest, ArticlePageShowsItsFieldsInOrder) {
  const json article = MiddleArticle();
  const std::string id = std::to_string(article.at("id").get<long>());
  const HttpResponse page = HttpGet(port(), "/article/" + id);
  ASSERT_EQ(page.status, 200);
  const std::string& html = page.body;

  const size_t section =
      html.find(HtmlEscape(article["section"]["name"].get<std::string>()), html.find("<main"));
  const size_t headline = html.find("<h1");
  const size_t headline_text = html.find(HtmlEscape(article["headline"].get<std::string>()));
  // After <main: the head's JSON-LD names the reporter's page too.
  const size_t byline = html.find(
      "/reporter/" + std::to_string(article["reporters"][0]["id"].get<long>()), html.find("<main"));
  const std::string registered = article["registered_at"].get<std::string>();
  const size_t time = html.find("<time datetime=\"" + registered + "\"");
  const size_t body = html.find(article["body_html"].get<std::string>().substr(0, 40));
  ASSERT_NE(section, std::string::npos);
  ASSERT_NE(headline_text, std::string::npos);
  ASSERT_NE(byline, std::string::npos);
  ASSERT_NE(time, std::string::npos) << registered;
  ASSERT_NE(body, std::string::npos);
  EXPECT_LT(section, headline);
  EXPECT_LT(headline, byline);
  EXPECT_LT(byline, time);
  EXPECT_LT(time, body);

  // The registered time is shown in KST as YYYY-MM-DD HH:MM.
  const std::string kst = registered.substr(0, 10) + " " + registered.substr(11, 5);
  EXPECT_NE(html.find(kst, time), std::string::npos) << kst;
  EXPECT_EQ(registered.substr(19), "+09:00");

  for (const json& sub : article["subheadlines"]) {
    EXPECT_NE(html.find(HtmlEscape(sub.get<std::string>())), std::string::npos);
  }
  // Neighbours, print view and the most-viewed box with its "more" link.
  EXPECT_NE(html.find("/article/" + std::to_string(article["prev_id"].get<long>()) + "\""),
            std::string::npos);
  EXPECT_NE(html.find("/article/" + std::to_string(article["next_id"].get<long>()) + "\""),
            std::string::npos);
  EXPECT_NE(html.find("/article/" + id + "/print"), std::string::npos);
  EXPECT_NE(html.find("href=\"/most-viewed\""), std::string::npos);
}

TEST_F(ReaderTest, ModifiedTimeAppearsOnlyOnEditedArticles) {
  int edited = 0, unedited = 0;
  // Page 1 has no ?page= (canonical addresses: ?page=1 redirects to the plain list).
  for (const char* page_query : {"", "?page=2", "?page=3"}) {
    const json list = GetJson(std::string("/api/v1/articles") + page_query);
    for (const json& item : list["items"]) {
      const std::string id = std::to_string(item["id"].get<long>());
      const json article = GetJson("/api/v1/articles/" + id);
      const std::string html = HttpGet(port(), "/article/" + id).body;
      const bool shows_modified = html.find("<li>수정 <time") != std::string::npos;
      if (article["modified_at"].is_null()) {
        ++unedited;
        EXPECT_FALSE(shows_modified) << id;
      } else {
        ++edited;
        const std::string modified = article["modified_at"].get<std::string>();
        EXPECT_NE(html.find("<li>수정 <time datetime=\"" + modified + "\">" +
                            modified.substr(0, 10) + " " + modified.substr(11, 5) + "</time>"),
                  std::string::npos)
            << id;
      }
    }
  }
  // The demo edits about a fifth of its articles: both kinds must have been seen.
  EXPECT_GT(edited, 0);
  EXPECT_GT(unedited, 0);
}

TEST_F(ReaderTest, PreviousAndNextAgreeWithTheJsonApi) {
  const json article = MiddleArticle();
  const long id = article["id"].get<long>();
  const json previous =
      GetJson("/api/v1/articles/" + std::to_string(article["prev_id"].get<long>()));
  const json next = GetJson("/api/v1/articles/" + std::to_string(article["next_id"].get<long>()));
  EXPECT_EQ(previous["next_id"].get<long>(), id);
  EXPECT_EQ(next["prev_id"].get<long>(), id);
  EXPECT_EQ(previous["section"]["slug"], article["section"]["slug"]);
  EXPECT_LE(previous["registered_at"].get<std::string>(),
            article["registered_at"].get<std::string>());
  EXPECT_GE(next["registered_at"].get<std::string>(), article["registered_at"].get<std::string>());
}

TEST_F(ReaderTest, BackToListLinksTheSectionPageThatHoldsTheArticle) {
  // The 25th newest article of a section is on its second list page.
  const json list = GetJson("/api/v1/articles?section=politics&page=2");
  ASSERT_GE(list["items"].size(), 5u);
  const std::string id = std::to_string(list["items"][4]["id"].get<long>());
  const std::string html = HttpGet(port(), "/article/" + id).body;
  EXPECT_NE(html.find("href=\"/article/" + id + "/list\""), std::string::npos);
  const HttpResponse back = HttpGet(port(), "/article/" + id + "/list");
  EXPECT_EQ(back.status, 302);
  EXPECT_EQ(back.Header("location"), "/section/politics?page=2");
  const std::string section_page = HttpGet(port(), "/section/politics?page=2").body;
  EXPECT_NE(section_page.find("href=\"/article/" + id + "\""), std::string::npos);
}

TEST_F(ReaderTest, LegacyArticleUrlRedirectsPermanently) {
  const json article = MiddleArticle();
  const std::string id = std::to_string(article["id"].get<long>());
  const HttpResponse response = HttpGet(port(), "/news/articleView.html?idxno=" + id);
  EXPECT_EQ(response.status, 301);
  EXPECT_EQ(response.Header("location"), "/article/" + id);
}

TEST_F(ReaderTest, BadAddressesGetStyledClientErrors) {
  struct Case {
    std::string target;
    int status;
  };
  for (const Case& c : std::vector<Case>{{"/article/abc", 400},
                                         {"/article/-1", 400},
                                         {"/article/99999999", 404},
                                         {"/section/politics?page=-1", 400},
                                         {"/section/politics?page=abc", 400},
                                         {"/section/nowhere", 404},
                                         {"/no/such/page", 404},
                                         {"/news/articleView.html?idxno=x", 400}}) {
    const HttpResponse response = HttpGet(port(), c.target);
    EXPECT_EQ(response.status, c.status) << c.target;
    EXPECT_NE(response.body.find("<html lang=\"ko\""), std::string::npos) << c.target;
  }
}

TEST_F(ReaderTest, NothingAClientSendsCausesA500) {
  for (const std::string& target :
       std::vector<std::string>{"/article/99999999999999999999",
                                "/article/1e3",
                                "/article/%31",
                                "/article/",
                                "/article//print",
                                "/section/%00",
                                "/section/..%2f..%2fetc",
                                "/%ff%fe",
                                "/section/%EC%A0%95%EC%B9%98",
                                "/section/politics?page=%",
                                "/section/politics?page=1&page=x",
                                "/section/politics?page=99999999999999999999",
                                "/api/v1/articles?page=0",
                                "/api/v1/articles?section=%3Cscript%3E",
                                "/api/v1/articles/abc",
                                "/reporter/0",
                                "/reporter/1?page=-5",
                                "/most-viewed?section=nowhere",
                                "/view-mode?m=tv&return=/",
                                "/view-mode",
                                "/news/articleView.html",
                                "/news/articleView.html?idxno=",
                                "/static/../CMakeLists.txt",
                                "/static/css/nothing.css",
                                "/?" + std::string(4000, 'a'),
                                "/search?q=%22",
                                "/search?q=-",
                                "/search?q=headline%3A",
                                "/search?q=%ff%fe&from=x&to=y",
                                "/search?q=a&page=0",
                                "/search?q=" + std::string(3000, 'a'),
                                "/api/v1/search?q=%28%28",
                                "/search?q=a&reporter=abc&section=nowhere&sort=x"}) {
    const HttpResponse response = HttpGet(port(), target);
    EXPECT_GE(response.status, 200) << target << " " << response.error;
    EXPECT_LT(response.status, 500) << target;
  }
  for (const std::string& raw : std::vector<std::string>{
           "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET\r\n\r\n",
           "POST /article/1 HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
           "GET /article/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
    const std::string answer = SendRaw(port(), raw, std::chrono::milliseconds(2000));
    EXPECT_EQ(answer.find("HTTP/1.1 5"), std::string::npos) << raw << answer.substr(0, 60);
  }
  EXPECT_EQ(HttpGet(port(), "/").status, 200);
}

TEST_F(ReaderTest, OversizedBodiesAndHeadersAreRefused) {
  const HttpResponse big_body =
      HttpRequest(port(), "POST", "/", {{"Content-Type", "text/plain"}}, std::string(2 << 20, 'x'));
  EXPECT_EQ(big_body.status, 413);
  // Sent raw: the test client itself refuses to build such a header.
  const std::string big_header = SendRaw(
      port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(64 << 10, 'y') + "\r\n\r\n");
  EXPECT_EQ(big_header.rfind("HTTP/1.1 431 ", 0), 0u) << big_header.substr(0, 80);
  // The server is still serving.
  EXPECT_EQ(HttpGet(port(), "/").status, 200);
}

TEST_F(ReaderTest, RepeatedRequestWithETagGets304) {
  const HttpResponse first = HttpGet(port(), "/section/economy");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  const HttpResponse second = HttpGet(port(), "/section/economy", {{"If-None-Match", etag}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST_F(ReaderTest, HeadAndGzipServeTheSamePage) {
  const HttpResponse plain = HttpGet(port(), "/");
  const HttpResponse head = HttpRequest(port(), "HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), std::to_string(plain.body.size()));
  const HttpResponse zipped = HttpGet(port(), "/", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  EXPECT_EQ(Gunzip(zipped.body), plain.body);
}

// Brotli beside gzip (issue #14): a browser that takes br gets the same page in it, made
// once and kept; gzip-only and identity clients are served as before.
TEST_F(ReaderTest, BrotliClientsGetTheSamePage) {
  const std::string article = "/article/" + std::to_string(MiddleArticle()["id"].get<long>());
  for (const std::string& path : {std::string("/"), std::string("/section/economy"), article}) {
    SCOPED_TRACE(path);
    const HttpResponse plain = HttpGet(port(), path);
    ASSERT_EQ(plain.status, 200);
    for (int i = 0; i < 2; ++i) {
      const HttpResponse br = HttpGet(port(), path, {{"Accept-Encoding", "gzip, deflate, br"}});
      EXPECT_EQ(br.Header("content-encoding"), "br");
      EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
      EXPECT_EQ(sinmun::testing::Unbrotli(br.body), plain.body);
    }
    const HttpResponse zipped = HttpGet(port(), path, {{"Accept-Encoding", "gzip, deflate"}});
    EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
    EXPECT_EQ(Gunzip(zipped.body), plain.body);
    const HttpResponse identity = HttpGet(port(), path, {{"Accept-Encoding", "identity"}});
    EXPECT_FALSE(identity.HasHeader("content-encoding"));
    EXPECT_EQ(identity.body, plain.body);
  }
}

TEST_F(ReaderTest, MobileSwitchSetsACookieThatSelectsTheCompactLayout) {
  const HttpResponse to_mobile = HttpGet(port(), "/view-mode?m=mobile&return=/section/culture");
  EXPECT_EQ(to_mobile.status, 303);
  EXPECT_EQ(to_mobile.Header("location"), "/section/culture");
  const std::string cookie = to_mobile.Header("set-cookie");
  EXPECT_EQ(cookie.rfind("view=mobile;", 0), 0u) << cookie;

  const std::string mobile = HttpGet(port(), "/section/culture", {{"Cookie", "view=mobile"}}).body;
  const std::string pc = HttpGet(port(), "/section/culture", {{"Cookie", "view=pc"}}).body;
  EXPECT_NE(mobile.find("<body class=\"mobile\""), std::string::npos);
  EXPECT_NE(pc.find("<body class=\"pc\""), std::string::npos);

  // The switch never sends a reader to another site.
  const HttpResponse offsite = HttpGet(port(), "/view-mode?m=pc&return=//evil.example/");
  EXPECT_NE(offsite.Header("location").rfind("//", 0), 0u) << offsite.Header("location");
}

TEST_F(ReaderTest, PrintViewHasNoNavigation) {
  const json article = MiddleArticle();
  const std::string id = std::to_string(article["id"].get<long>());
  const HttpResponse print = HttpGet(port(), "/article/" + id + "/print");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find(HtmlEscape(article["headline"].get<std::string>())), std::string::npos);
  EXPECT_EQ(print.body.find("<nav"), std::string::npos);
  EXPECT_EQ(print.body.find("ad-slot"), std::string::npos);
}

TEST_F(ReaderTest, ReporterPageListsTheirArticles) {
  const json article = MiddleArticle();
  const json& reporter = article["reporters"][0];
  const HttpResponse page =
      HttpGet(port(), "/reporter/" + std::to_string(reporter["id"].get<long>()));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(reporter["name"].get<std::string>()), std::string::npos);
  EXPECT_NE(page.body.find(reporter["email"].get<std::string>()), std::string::npos);
}

// The demo paper has pictures (issue #19): the front page leads with a large photo asked for
// first, lists carry thumbnails, and the files behind a <picture> are served as WebP and JPEG.
TEST_F(ReaderTest, TheDemoPaperHasPhotosServedAsWebpAndJpeg) {
  const HttpResponse front = HttpGet(port(), "/");
  ASSERT_EQ(front.status, 200);
  size_t pictures = 0;
  for (size_t at = front.body.find("<picture>"); at != std::string::npos;
       at = front.body.find("<picture>", at + 1)) {
    ++pictures;
  }
  EXPECT_GE(pictures, 5u);  // the top story, section boxes and the most-viewed box
  EXPECT_NE(front.body.find("<figcaption class=\"thumb-credit\">"), std::string::npos);

  // A pictured article of the most-viewed box shows its photo first, with caption and credit.
  const size_t row = front.body.find("<li class=\"has-thumb\"><figure class=\"thumb\">");
  ASSERT_NE(row, std::string::npos);
  const size_t href = front.body.find("href=\"/article/", row) + std::string("href=\"").size();
  const std::string pictured = front.body.substr(href, front.body.find('"', href) - href);
  const HttpResponse article = HttpGet(port(), pictured);
  ASSERT_EQ(article.status, 200) << pictured;
  EXPECT_NE(
      article.body.find("<figure class=\"lead-photo\">\n<picture><source type=\"image/webp\""),
      std::string::npos);
  EXPECT_NE(article.body.find("fetchpriority=\"high\"></picture>\n<figcaption>"),
            std::string::npos);
  EXPECT_NE(article.body.find("<span class=\"credit\">"), std::string::npos);

  // The first <source>'s smallest WebP and its <img>'s JPEG fallback.
  const size_t source = front.body.find("<source type=\"image/webp\" srcset=\"");
  ASSERT_NE(source, std::string::npos);
  const size_t webp_start = front.body.find("/uploads/", source);
  const std::string webp =
      front.body.substr(webp_start, front.body.find(' ', webp_start) - webp_start);
  const size_t img = front.body.find("<img src=\"", source);
  const size_t jpeg_start = img + std::string("<img src=\"").size();
  const std::string jpeg =
      front.body.substr(jpeg_start, front.body.find('"', jpeg_start) - jpeg_start);
  ASSERT_TRUE(webp.ends_with(".webp")) << webp;
  ASSERT_TRUE(jpeg.ends_with(".jpg")) << jpeg;
  const HttpResponse webp_file = HttpGet(port(), webp);
  EXPECT_EQ(webp_file.status, 200) << webp;
  EXPECT_EQ(webp_file.Header("content-type"), "image/webp");
  EXPECT_EQ(webp_file.body.substr(8, 4), "WEBP");
  const HttpResponse jpeg_file = HttpGet(port(), jpeg);
  EXPECT_EQ(jpeg_file.status, 200) << jpeg;
  EXPECT_EQ(jpeg_file.Header("content-type"), "image/jpeg");
  EXPECT_EQ(jpeg_file.body.substr(0, 3), "\xFF\xD8\xFF");
}

// An upload's original (DIR/originals, issue #19) is never served: only the derived sizes
// under /uploads/ are public, whatever path asks for it.
TEST_F(ReaderTest, AnOriginalUploadIsNotServed) {
  const std::string folder = *root_ + "/paper/originals/2026/12";
  ASSERT_TRUE(std::filesystem::is_directory(*root_ + "/paper/originals"));
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/original.jpg", std::ios::binary) << "\xFF\xD8\xFF GPS-SECRET";
  for (const char* target :
       {"/originals/2026/12/original.jpg", "/uploads/../originals/2026/12/original.jpg",
        "/uploads/%2E%2E/originals/2026/12/original.jpg", "/uploads/2026/12/original.jpg"}) {
    const HttpResponse response = HttpGet(port(), target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.body.find("GPS-SECRET"), std::string::npos) << target;
  }
}

TEST_F(ReaderTest, MostViewedRanksByViews) {
  const HttpResponse page = HttpGet(port(), "/most-viewed");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("많이 본 뉴스"), std::string::npos);
}

// Every kind of public page, in both layouts and as an error page, is HTML5 that the Nu Html
// Checker (npm vnu-jar, run with Java; `make deps` installs both) accepts without an error.
TEST_F(ReaderTest, PagesPassTheNuHtmlChecker) {
  const std::string vnu =
      std::string(SINMUN_SOURCE_DIR) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  ASSERT_TRUE(std::filesystem::exists(vnu)) << vnu << " is missing: run `make deps`";
  const json article = MiddleArticle();
  const std::string id = std::to_string(article["id"].get<long>());
  const std::string reporter = std::to_string(article["reporters"][0]["id"].get<long>());
  // An article with a video (영상뉴스), the first that its list shows: the demo gives a few.
  const HttpResponse videos = HttpGet(port(), "/video");
  ASSERT_EQ(videos.status, 200);
  const size_t link = videos.body.find("href=\"/article/", videos.body.find("<main"));
  ASSERT_NE(link, std::string::npos) << "the demo paper has no video article";
  const std::string video_article =
      videos.body.substr(link + 6, videos.body.find('"', link + 6) - link - 6);
  // A 포토뉴스 gallery (issue #19), the first of the 포토뉴스 grid: the demo makes a few.
  const HttpResponse photos = HttpGet(port(), "/photos");
  ASSERT_EQ(photos.status, 200);
  const size_t card = photos.body.find("href=\"/article/", photos.body.find("<main"));
  ASSERT_NE(card, std::string::npos) << "the demo paper has no gallery";
  const std::string gallery =
      photos.body.substr(card + 6, photos.body.find('"', card + 6) - card - 6);
  EXPECT_NE(HttpGet(port(), gallery).body.find("<section class=\"gallery\""), std::string::npos);
  const std::string dir = *root_ + "/html";
  std::filesystem::create_directories(dir);
  int n = 0;
  for (const std::string& target :
       {std::string("/"), std::string("/section/politics"), std::string("/section/sports?page=2"),
        "/article/" + id, "/article/" + id + "/print", "/reporter/" + reporter,
        std::string("/video"), video_article, std::string("/photos"), gallery,
        std::string("/most-viewed"), std::string("/most-viewed?section=culture"),
        std::string("/no/such/page"), std::string("/article/abc"), std::string("/search"),
        std::string("/search?q=%EC%A0%95%EB%B6%80"),
        std::string("/search?q=%3Cscript%3E%22&section=politics&sort=newest&page=2")}) {
    for (const char* cookie : {"view=pc", "view=mobile"}) {
      const HttpResponse page = HttpGet(port(), target, {{"Cookie", cookie}});
      ASSERT_NE(page.status, 0) << target;
      std::ofstream(dir + "/page" + std::to_string(n++) + ".html") << page.body;
    }
  }
  EXPECT_EQ(NuHtmlCheckerErrors(vnu, dir, *root_ + "/vnu.txt"), "");
}

// What `cmd` printed on stdout (stderr too), and its exit status in *status.
std::string RunShell(const std::string& cmd, int* status) {
  std::string out;
  FILE* pipe = ::popen((cmd + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  *status = ::pclose(pipe);
  return out;
}

// Debian's python3-feedparser, run with Debian's python (/usr/bin/python3; another python3 may
// come first on PATH): prints {"bozo", "titles"} for the feed in `file`.
json ParseFeed(const std::string& file) {
  const std::string script =
      "import feedparser, json, sys\n"
      "d = feedparser.parse(sys.argv[1])\n"
      "print(json.dumps({'bozo': bool(d.bozo), 'titles': [e.title for e in d.entries],"
      " 'authors': [e.get('author', '') for e in d.entries]}))\n";
  int status = -1;
  const std::string out =
      RunShell("/usr/bin/python3 -c \"" + script + "\" '" + file + "'", &status);
  EXPECT_EQ(status, 0) << out;
  return json::parse(out, nullptr, false);
}

TEST_F(ReaderTest, FeedsParseInFeedparserAndMatchTheJsonApi) {
  std::vector<std::string> latest;
  for (int page = 1; page <= 3; ++page) {
    const json list = GetJson(page == 1 ? std::string("/api/v1/articles")
                                        : "/api/v1/articles?page=" + std::to_string(page));
    for (const json& item : list["items"]) {
      if (latest.size() < 50) latest.push_back(item["headline"].get<std::string>());
    }
  }
  const json article = MiddleArticle();
  const std::string reporter = std::to_string(article["reporters"][0]["id"].get<long>());
  int n = 0;
  for (const std::string target :
       {std::string("/rss"), std::string("/rss/section/politics"), "/rss/reporter/" + reporter}) {
    const HttpResponse feed = HttpGet(port(), target);
    ASSERT_EQ(feed.status, 200) << target;
    EXPECT_EQ(feed.Header("content-type"), "application/rss+xml; charset=utf-8");
    const std::string file = *root_ + "/feed" + std::to_string(n++) + ".xml";
    std::ofstream(file) << feed.body;
    const json parsed = ParseFeed(file);
    ASSERT_TRUE(parsed.is_object()) << target;
    EXPECT_FALSE(parsed["bozo"].get<bool>()) << target;
    EXPECT_GT(parsed["titles"].size(), 0u) << target;
    if (target == "/rss") {
      EXPECT_EQ(parsed["titles"].get<std::vector<std::string>>(), latest);
    }
  }
}

TEST_F(ReaderTest, SitemapsValidateAgainstTheirSchemas) {
  const std::string schemas = std::string(SINMUN_SOURCE_DIR) + "/tests/data/sitemaps/";
  const auto validate = [&](const std::string& target, const std::string& schema) {
    const HttpResponse page = HttpGet(port(), target);
    EXPECT_EQ(page.status, 200) << target;
    EXPECT_EQ(page.Header("content-type"), "application/xml; charset=utf-8") << target;
    const std::string file = *root_ + "/sitemap.xml";
    std::ofstream(file) << page.body;
    int status = -1;
    const std::string out =
        RunShell("xmllint --noout --schema '" + schemas + schema + "' '" + file + "'", &status);
    EXPECT_EQ(status, 0) << target << ": " << out;
    return page.body;
  };
  const std::string index = validate("/sitemap.xml", "siteindex.xsd");
  // Every file the index names, by path (the absolute URLs use this server's Host).
  int files = 0;
  for (size_t at = index.find("<loc>"); at != std::string::npos; at = index.find("<loc>", at + 1)) {
    const size_t path = index.find("/sitemaps/", at);
    const std::string target = index.substr(path, index.find("</loc>", at) - path);
    const std::string body = validate(target, "sitemap.xsd");
    if (target.find("articles-") != std::string::npos) {
      EXPECT_EQ(static_cast<size_t>(std::count(body.begin(), body.end(), '\n')), 400u + 3);
    }
    ++files;
  }
  EXPECT_EQ(files, 3);
  validate("/news-sitemap.xml", "news-sitemap.xsd");

  // The check can fail: a urlset without <loc> is refused.
  const std::string bad = *root_ + "/bad.xml";
  std::ofstream(bad) << "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        "<url><lastmod>2024-01-01</lastmod></url></urlset>";
  int status = -1;
  RunShell("xmllint --noout --schema '" + schemas + "sitemap.xsd' '" + bad + "'", &status);
  EXPECT_NE(status, 0);

  const HttpResponse robots = HttpGet(port(), "/robots.txt");
  EXPECT_NE(robots.body.find("/sitemap.xml\n"), std::string::npos);
  EXPECT_NE(robots.body.find("/news-sitemap.xml\n"), std::string::npos);
}

TEST_F(ReaderTest, ArticleJsonLdMatchesTheJsonApi) {
  const json article = MiddleArticle();
  const HttpResponse page =
      HttpGet(port(), "/article/" + std::to_string(article["id"].get<long>()));
  const std::string open = "<script type=\"application/ld+json\">";
  const size_t start = page.body.find(open);
  ASSERT_NE(start, std::string::npos);
  const size_t end = page.body.find("</script>", start);
  const json ld =
      json::parse(page.body.substr(start + open.size(), end - start - open.size()), nullptr, false);
  ASSERT_TRUE(ld.is_object());
  EXPECT_EQ(ld["headline"], article["headline"]);
  EXPECT_EQ(ld["datePublished"], article["registered_at"]);
  EXPECT_EQ(ld["articleSection"], article["section"]["name"]);
  EXPECT_EQ(ld["author"][0]["name"], article["reporters"][0]["name"]);
}

}  // namespace
}  // namespace sinmun::testing
