// `sinmun export articles` over a store seeded with awkward headlines and articles on the
// edges of the date range.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/time.hpp"
#include "integration/sinmun_process.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-export-XXXXXX";
    root_ = ::mkdtemp(pattern);
    data_ = root_ + "/paper";
    std::filesystem::create_directories(data_);
    auto store = OpenStore("sqlite:" + data_ + "/sinmun.db");
    ASSERT_TRUE(store.has_value()) << store.error().detail;
    const std::vector<store::Section> sections = SeedSections(**store);
    const std::vector<store::ReporterId> reporters = SeedReporters(**store, 1);
    section_ = sections[0].id;
    reporter_ = reporters[0];
    const auto add = [&](const std::string& headline, const std::string& kst) {
      InsertArticle(**store,
                    MakeArticle(sections[0].id, headline, ParseKst(kst).value(), {reporters[0]}));
    };
    add("전날 밤 기사", "2024-04-30 23:59");
    add("첫날 0시, \"따옴표\" & <꺾쇠>", "2024-05-01 00:00");
    add("줄\n바꿈 🎉", "2024-05-02 12:00");
    add("마지막 날 23:59", "2024-05-03 23:59");
    add("다음 날 0시", "2024-05-04 00:00");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  static Result<std::unique_ptr<store::Store>> OpenStore(const std::string& url) {
    return store::OpenStore(url);
  }

  CommandResult Export(const std::string& format, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"export",     "articles", "--data",     data_,      "--from",
                                     "2024-05-01", "--to",     "2024-05-03", "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunSinmun(args);
  }

  std::string root_;
  std::string data_;
  store::SectionId section_ = 0;
  store::ReporterId reporter_ = 0;
};

TEST_F(ExportTest, CsvHasTheRangeInclusiveInKstWithRfc4180Quoting) {
  const CommandResult result = Export("csv");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out,
            "link,headline,reporter,registered_at,section\r\n"
            "http://127.0.0.1:8080/article/2,\"첫날 0시, \"\"따옴표\"\" & <꺾쇠>\",기자1,"
            "2024-05-01 00:00,정치\r\n"
            "http://127.0.0.1:8080/article/3,\"줄\n바꿈 🎉\",기자1,2024-05-02 12:00,정치\r\n"
            "http://127.0.0.1:8080/article/4,마지막 날 23:59,기자1,2024-05-03 23:59,정치\r\n");
  const CommandResult bom = Export("csv", {"--bom"});
  EXPECT_EQ(bom.out.substr(0, 8), "\xEF\xBB\xBFlink,");
}

TEST_F(ExportTest, CsvCellsThatExcelWouldRunAsFormulasAreNeutralised) {
  {
    auto store = OpenStore("sqlite:" + data_ + "/sinmun.db");
    ASSERT_TRUE(store.has_value()) << store.error().detail;
    int minute = 0;
    for (const std::string headline :
         {"=HYPERLINK(\"http://evil.example\",\"보기\")", "+1+cmd|' /C calc'!A0", "-2+3",
          "@SUM(A1)", "\t=1+1", "\r=1+1", "1+1=2 정상"}) {
      InsertArticle(**store,
                    MakeArticle(section_, headline,
                                ParseKst("2024-06-01 10:00").value() + 60 * minute++, {reporter_}));
    }
  }
  const CommandResult result = RunSinmun({"export", "articles", "--data", data_, "--from",
                                          "2024-06-01", "--to", "2024-06-01", "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"보기\"\")\","),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(",\"'+1+cmd|' /C calc'!A0\","), std::string::npos);
  EXPECT_NE(result.out.find(",\"'-2+3\","), std::string::npos);
  EXPECT_NE(result.out.find(",\"'@SUM(A1)\","), std::string::npos);
  EXPECT_NE(result.out.find(",\"'\t=1+1\","), std::string::npos);
  EXPECT_NE(result.out.find(",\"'\r=1+1\","), std::string::npos);
  EXPECT_NE(result.out.find(",1+1=2 정상,"), std::string::npos);
  // No cell of the file starts with a formula character.
  for (const char* cell : {",=", ",+", ",-", ",@", ",\"=", ",\"+", ",\"-", ",\"@"}) {
    EXPECT_EQ(result.out.find(cell), std::string::npos) << cell;
  }
}

TEST_F(ExportTest, PaidArticlesNeverGoAndPressReleasesOnlyWhenAsked) {
  {
    auto store = OpenStore("sqlite:" + data_ + "/sinmun.db");
    ASSERT_TRUE(store.has_value()) << store.error().detail;
    int minute = 0;
    for (const auto& [headline, kind] : std::vector<std::pair<std::string, store::ArticleKind>>{
             {"광고 기사", store::ArticleKind::kAdvertisement},
             {"협찬 기사", store::ArticleKind::kSponsored},
             {"도청 보도자료", store::ArticleKind::kPressRelease},
             {"기고문", store::ArticleKind::kContribution}}) {
      store::NewArticle article = MakeArticle(
          section_, headline, ParseKst("2024-06-01 10:00").value() + 60 * minute++, {reporter_});
      article.kind = kind;
      InsertArticle(**store, article);
    }
  }
  const std::vector<std::string> june = {"export",   "articles",   "--data", data_,
                                         "--from",   "2024-06-01", "--to",   "2024-06-01",
                                         "--format", "csv"};
  const CommandResult plain = RunSinmun(june);
  ASSERT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_NE(plain.out.find(",기고문,"), std::string::npos) << plain.out;
  for (const char* left_out : {"광고 기사", "협찬 기사", "도청 보도자료"}) {
    EXPECT_EQ(plain.out.find(left_out), std::string::npos) << left_out;
  }
  std::vector<std::string> with_releases = june;
  with_releases.push_back("--press-releases");
  const CommandResult releases = RunSinmun(with_releases);
  ASSERT_EQ(releases.exit_code, 0) << releases.out;
  EXPECT_NE(releases.out.find(",도청 보도자료,"), std::string::npos) << releases.out;
  EXPECT_EQ(releases.out.find("광고 기사"), std::string::npos);
}

TEST_F(ExportTest, JsonIsAnArrayOfTheSameRows) {
  const CommandResult result = Export("json");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  const nlohmann::json rows = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_TRUE(rows.is_array()) << result.out;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["headline"], "첫날 0시, \"따옴표\" & <꺾쇠>");
  EXPECT_EQ(rows[0]["link"], "http://127.0.0.1:8080/article/2");
  EXPECT_EQ(rows[0]["reporter"], "기자1");
  EXPECT_EQ(rows[0]["registered_at"], "2024-05-01T00:00:00+09:00");
  EXPECT_EQ(rows[0]["section"], "정치");
  EXPECT_EQ(rows[1]["headline"], "줄\n바꿈 🎉");
  EXPECT_EQ(rows[2]["headline"], "마지막 날 23:59");

  const CommandResult empty = RunSinmun({"export", "articles", "--data", data_, "--from",
                                         "2030-01-01", "--to", "2030-01-01", "--format", "json"});
  EXPECT_EQ(empty.exit_code, 0);
  EXPECT_EQ(empty.out, "[]\n");
}

TEST_F(ExportTest, BadArgumentsExitTwoWithOneLine) {
  const std::vector<std::vector<std::string>> cases = {
      {"--from", "2024-5-1", "--to", "2024-05-03"},
      {"--from", "2024-05-01", "--to", "2024-02-30"},
      {"--from", "2024-05-03", "--to", "2024-05-01"},
      {"--from", "2024-05-01", "--to", "2024-05-03", "--format", "xml"},
      {"--from", "2024-05-01"},
  };
  for (const std::vector<std::string>& extra : cases) {
    std::vector<std::string> args = {"export", "articles", "--data", data_};
    args.insert(args.end(), extra.begin(), extra.end());
    const CommandResult result = RunSinmun(args);
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
  }
  const CommandResult missing = RunSinmun({"export", "articles", "--data", root_ + "/none",
                                           "--from", "2024-05-01", "--to", "2024-05-03"});
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
}

}  // namespace
}  // namespace sinmun::testing
