#include "render/renderer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sinmun::render {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A private templates/ and messages/ pair in a temp folder.
class RendererTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("sinmun_render_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    WriteFile(dir_ / "templates/partials/header.mustache", "<header>{{t.paper}}</header>");
    WriteFile(dir_ / "templates/site/page.mustache",
              "{{> partials/header}}<h1>{{title}}</h1><p title=\"{{title}}\">{{t.more}}</p>"
              "{{#items}}<i>{{.}}</i>{{/items}}{{{raw}}}");
    WriteFile(dir_ / "templates/site/big.mustache",
              "{{id}}|{{small}}|{{flag}}|{{#none}}x{{/none}}");
    WriteFile(dir_ / "messages/ko.json", R"({"paper": "한밭일보", "more": "더보기"})");
    WriteFile(dir_ / "messages/en.json", R"({"paper": "Hanbat Daily", "more": "More"})");
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<std::shared_ptr<const Renderer>> Load(const std::string& language) {
    return Renderer::Load((dir_ / "templates").string(), (dir_ / "messages").string(), language);
  }

  fs::path dir_;
};

TEST_F(RendererTest, RendersPartialsAndKoreanLabels) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto html = (*renderer)->Render("site/page", {{"title", "제목"}, {"items", {"가", "나"}}});
  ASSERT_TRUE(html.has_value()) << html.error().detail;
  EXPECT_EQ(*html,
            "<header>한밭일보</header><h1>제목</h1><p title=\"제목\">더보기</p>"
            "<i>가</i><i>나</i>");
  EXPECT_EQ((*renderer)->language(), "ko");
  EXPECT_EQ((*renderer)->Label("more"), "더보기");
  EXPECT_EQ((*renderer)->Label("no_such_label"), "no_such_label");
}

TEST_F(RendererTest, RendersEnglishLabels) {
  auto renderer = Load("en");
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto html = (*renderer)->Render("site/page", {{"title", "Title"}});
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->find("<header>Hanbat Daily</header>"), std::string::npos);
  EXPECT_NE(html->find(">More</p>"), std::string::npos);
}

TEST_F(RendererTest, EscapesValuesInTextAndAttributes) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  auto html = (*renderer)->Render(
      "site/page", {{"title", "<script>alert(\"x\")</script> & 'q'"}, {"items", {"<b>", "`t`"}}});
  ASSERT_TRUE(html.has_value());
  EXPECT_EQ(html->find("<script>"), std::string::npos);
  EXPECT_EQ(html->find("<b>"), std::string::npos);
  EXPECT_NE(
      html->find("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</h1>"),
      std::string::npos)
      << *html;
  EXPECT_NE(html->find("title=\"&lt;script&gt;alert(&quot;x&quot;)"), std::string::npos);
  EXPECT_NE(html->find("<i>&lt;b&gt;</i><i>&#96;t&#96;</i>"), std::string::npos);
}

TEST_F(RendererTest, TripleMustacheIsNotEscaped) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  auto html = (*renderer)->Render("site/page", {{"raw", "<p>본문</p>"}});
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->find("<p>본문</p>"), std::string::npos);
}

TEST_F(RendererTest, SlashesInUrlsStayReadable) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  auto html = (*renderer)->Render("site/page", {{"title", "/article/1"}});
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->find("<h1>/article/1</h1>"), std::string::npos);
}

TEST_F(RendererTest, ConvertsNumbersBooleansAndNull) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  auto html = (*renderer)->Render(
      "site/big",
      {{"id", std::int64_t{9007199254740992}}, {"small", 42}, {"flag", true}, {"none", nullptr}});
  ASSERT_TRUE(html.has_value());
  EXPECT_EQ(*html, "9007199254740992|42|true|");
}

// The templates were written for mstch's truth: null, "", 0 and [] are false, and a number
// tested as a section still prints as itself.
TEST_F(RendererTest, NullEmptyTextAndZeroAreFalse) {
  WriteFile(dir_ / "templates/site/truth.mustache",
            "{{#zero}}z{{/zero}}{{^zero}}no zero{{/zero}}|"
            "{{#count}}[{{count}}]{{/count}}{{^count}}none{{/count}}|{{count}}|"
            "{{#empty}}e{{/empty}}{{^empty}}no text{{/empty}}|"
            "{{#nothing}}n{{/nothing}}{{^nothing}}no value{{/nothing}}|"
            "{{#list}}{{.}},{{/list}}{{^list}}no list{{/list}}|{{#yes}}yes {{yes}}{{/yes}}");
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto zeros = (*renderer)->Render("site/truth", {{"zero", 0},
                                                  {"count", 0},
                                                  {"empty", ""},
                                                  {"nothing", nullptr},
                                                  {"list", {0, "", 1.5}},
                                                  {"yes", true}});
  ASSERT_TRUE(zeros.has_value()) << zeros.error().detail;
  EXPECT_EQ(*zeros, "no zero|none|0|no text|no value|0,,1.5,|yes true");
  auto others = (*renderer)->Render(
      "site/truth", {{"zero", 7}, {"count", 3}, {"empty", "x"}, {"list", nlohmann::json::array()}});
  ASSERT_TRUE(others.has_value()) << others.error().detail;
  EXPECT_EQ(*others, "z|[3]|3|e|no value|no list|");
}

// A line of section tags and blanks leaves nothing, as in mstch, and a line whose tags
// render nothing keeps its newline when it also has a value tag.
TEST_F(RendererTest, StandaloneTagLinesLeaveNoBlankLines) {
  WriteFile(dir_ / "templates/partials/line.mustache", "<b>{{x}}</b>\n");
  WriteFile(dir_ / "templates/site/lines.mustache",
            "{{#show}}\n<p>{{x}}</p>\n{{/show}}\n{{#show}}{{x}}{{/show}}\nA\n"
            "{{> partials/line}}\nB");
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto hidden = (*renderer)->Render("site/lines", {{"show", false}, {"x", "가"}});
  ASSERT_TRUE(hidden.has_value());
  EXPECT_EQ(*hidden, "\nA\n<b>가</b>\nB");
  auto shown = (*renderer)->Render("site/lines", {{"show", true}, {"x", "가"}});
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(*shown, "<p>가</p>\n가\nA\n<b>가</b>\nB");
}

TEST_F(RendererTest, ConcurrentRendersAgree) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  const nlohmann::json view = {{"title", "동시 <렌더>"}, {"items", {"가", "나", "다"}}};
  const std::string expected = (*renderer)->Render("site/page", view).value();
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        if ((*renderer)->Render("site/page", view).value_or("") != expected) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST_F(RendererTest, UnknownTemplateIsAnErrorValue) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  auto html = (*renderer)->Render("site/nope", nlohmann::json::object());
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code, ErrorCode::kInternal);
}

// The parts of a page made from one view (the article's comment parts, issue #14): each as
// Render makes it alone.
TEST_F(RendererTest, RenderEachGivesWhatRenderGivesForEveryTemplate) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  const nlohmann::json view = {{"title", "<제목>"}, {"items", {"가"}}, {"id", 7}, {"small", 0}};
  constexpr std::array<std::string_view, 3> kNames = {"site/page", "site/big", "site/page"};
  auto each = (*renderer)->RenderEach(kNames, view);
  ASSERT_TRUE(each.has_value()) << each.error().detail;
  ASSERT_EQ(each->size(), 3u);
  EXPECT_EQ((*each)[0], (*renderer)->Render("site/page", view).value());
  EXPECT_EQ((*each)[1], (*renderer)->Render("site/big", view).value());
  EXPECT_EQ((*each)[2], (*each)[0]);
  EXPECT_NE((*each)[0].find("<h1>&lt;제목&gt;</h1>"), std::string::npos) << (*each)[0];

  constexpr std::array<std::string_view, 2> kWithUnknown = {"site/page", "site/nope"};
  auto failed = (*renderer)->RenderEach(kWithUnknown, view);
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
}

// A thread renders into one buffer it keeps: a short page after a long one is only itself.
TEST_F(RendererTest, AShortPageAfterALongOneIsOnlyItself) {
  auto renderer = Load("ko");
  ASSERT_TRUE(renderer.has_value());
  const std::string long_text(200000, 'x');
  auto long_page = (*renderer)->Render("site/page", {{"raw", long_text}});
  ASSERT_TRUE(long_page.has_value());
  EXPECT_NE(long_page->find(long_text), std::string::npos);
  auto short_page = (*renderer)->Render("site/page", {{"title", "짧은"}});
  ASSERT_TRUE(short_page.has_value());
  EXPECT_EQ(*short_page, "<header>한밭일보</header><h1>짧은</h1><p title=\"짧은\">더보기</p>");
}

// A view of random values under a few names, for comparing the renderers.
nlohmann::json RandomValue(std::mt19937& random, int depth) {
  static constexpr std::array<const char*, 7> kNames = {"a", "b", "n", "t", "x", "a?", "¶"};
  static constexpr std::array<const char*, 6> kTexts = {"", " ", "가<&>\"'`", "0", "false", "\t"};
  switch (random() % (depth > 2 ? 6 : 8)) {
    case 0:
      return nullptr;
    case 1:
      return random() % 2 == 0;
    case 2:
      return static_cast<int>(random() % 3) - 1;
    case 3:
      return random() % 2 == 0 ? 0.0 : 2.5;
    case 4:
    case 5:
      return kTexts[random() % kTexts.size()];
    case 6: {
      nlohmann::json list = nlohmann::json::array();
      for (unsigned i = random() % 3; i > 0; --i) list.push_back(RandomValue(random, depth + 1));
      return list;
    }
    default: {
      nlohmann::json object = nlohmann::json::object();
      for (unsigned i = random() % 5; i > 0; --i) {
        object[kNames[random() % kNames.size()]] = RandomValue(random, depth + 1);
      }
      return object;
    }
  }
}

// Load's renderer walks the JSON view itself (issue #14); LoadReference converts it into
// kainjow's data and lets kainjow render it, as the site did before. Over templates that use
// every kind of tag on names that are tested, printed, both, dotted, flagged and shadowed,
// and thousands of random views, both give the same bytes.
TEST_F(RendererTest, WalkGivesWhatKainjowOverConvertedDataGives) {
  WriteFile(dir_ / "templates/site/every.mustache",
            "{{#a}}\n  {{n}}|{{{x}}}|{{.}}\n{{/a}}\n{{^b}}\n\t\n{{/b}}\n"
            "{{#n}}[{{n}}]{{/n}}{{^n}}-{{/n}} {{b}} {{&t}} {{t.more}}{{#t}}T{{t}}{{/t}}\n"
            "{{#x}}{{#a}}{{a.b}}{{b.n}}{{/a}}{{a.b.}}{{/x}}\n"
            "  {{#a.b}}\n{{x}}{{#b}}{{a.n}}{{/b}}\n  {{/a.b}}\n"
            "{{! a comment }}{{=<% %>=}}<%x%><%={{ }}=%>{{x}}\n"
            "{{#b}}{{#n}}{{.}}{{/n}}{{/b}} {{a?}} {{#a?}}Q{{/a?}} {{¶}}|\n \n");
  // A page that renders blank after a section is dropped whole; kainjow also takes a "\r" as
  // the end of a line.
  WriteFile(dir_ / "templates/site/blank.mustache", "{{#a}}{{x}}{{/a}}\t{{b}}");
  WriteFile(dir_ / "templates/site/returns.mustache",
            "{{#a}}{{x}}{{/a}}\r{{b}}\r\n{{^n}}{{x}}{{/n}}\r{{#b}}{{/b}}\r{{x}}");
  WriteFile(dir_ / "templates/site/tested.mustache", "{{#n}}{{/n}}{{#x}}{{/x}}");
  auto walk = Load("ko");
  ASSERT_TRUE(walk.has_value()) << walk.error().detail;
  auto reference =
      Renderer::LoadReference((dir_ / "templates").string(), (dir_ / "messages").string(), "ko");
  ASSERT_TRUE(reference.has_value()) << reference.error().detail;
  std::mt19937 random(14);
  int compared = 0;
  for (int i = 0; i < 4000; ++i) {
    nlohmann::json view = RandomValue(random, 0);
    if (i % 2 == 0 && !view.is_object()) view = {{"a", view}, {"b", RandomValue(random, 1)}};
    for (const char* name :
         {"site/every", "site/blank", "site/returns", "site/page", "site/big", "site/tested"}) {
      const Result<std::string> expected = (*reference)->Render(name, view);
      ASSERT_TRUE(expected.has_value()) << expected.error().detail;
      const Result<std::string> got = (*walk)->Render(name, view);
      ASSERT_TRUE(got.has_value()) << got.error().detail;
      ASSERT_EQ(*got, *expected) << name << " with " << view.dump();
      ++compared;
    }
  }
  EXPECT_EQ(compared, 24000);
}

TEST_F(RendererTest, UnknownLanguageIsInvalidInput) {
  auto renderer = Load("fr");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Load("../ko").error().code, ErrorCode::kInvalidInput);
}

TEST_F(RendererTest, MissingFolderIsUnavailable) {
  auto renderer = Renderer::Load((dir_ / "nope").string(), (dir_ / "messages").string(), "ko");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kUnavailable);
}

TEST_F(RendererTest, BadMessagesJsonIsInvalidInput) {
  WriteFile(dir_ / "messages/ko.json", "{\"paper\": ");
  auto renderer = Load("ko");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
}

TEST_F(RendererTest, LabelMissingFromMessagesIsALoadError) {
  WriteFile(dir_ / "messages/en.json", R"({"paper": "Hanbat Daily"})");
  auto renderer = Load("en");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(renderer.error().detail.find("t.more"), std::string::npos);
}

TEST_F(RendererTest, UnknownPartialIsALoadError) {
  WriteFile(dir_ / "templates/site/broken.mustache", "{{> partials/missing}}");
  auto renderer = Load("ko");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
}

TEST_F(RendererTest, PartialIncludingItselfIsALoadError) {
  WriteFile(dir_ / "templates/partials/loop.mustache", "<li>{{> partials/loop}}</li>");
  auto renderer = Load("ko");
  ASSERT_FALSE(renderer.has_value());
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(renderer.error().detail.find("partials/loop"), std::string::npos);
}

// The project's own templates and both messages files must load: every label a template
// uses exists in Korean and in English.
TEST(ProjectTemplatesTest, LoadInKoreanAndEnglish) {
  const std::string root = SINMUN_SOURCE_DIR;
  for (const char* language : {"ko", "en"}) {
    auto renderer = Renderer::Load(root + "/templates", root + "/messages", language);
    ASSERT_TRUE(renderer.has_value()) << language << ": " << renderer.error().detail;
  }
}

// A label added to one language only would show as its key in the other.
TEST(ProjectMessagesTest, KoreanAndEnglishHaveTheSameKeys) {
  const std::string root = SINMUN_SOURCE_DIR;
  std::map<std::string, nlohmann::json> files;
  for (const char* language : {"ko", "en"}) {
    std::ifstream in(root + "/messages/" + language + ".json");
    files[language] = nlohmann::json::parse(in, nullptr, false);
    ASSERT_TRUE(files[language].is_object()) << language;
  }
  for (const auto& [key, value] : files["ko"].items()) {
    EXPECT_TRUE(files["en"].contains(key)) << "en.json lacks " << key;
  }
  for (const auto& [key, value] : files["en"].items()) {
    EXPECT_TRUE(files["ko"].contains(key)) << "ko.json lacks " << key;
  }
}

}  // namespace
}  // namespace sinmun::render
