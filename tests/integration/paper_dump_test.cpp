// `sinmun export paper` and `sinmun import paper` end to end (issue #15): a paper goes from
// SQLite to PostgreSQL and back to SQLite through two dumps, and every record of every table
// is the same at each step; a damaged dump is refused before anything is written.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/sinmun_process.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The rows of one table of a dump, sorted: the backends hand rows over in different orders.
std::vector<std::string> SortedRows(const fs::path& dump, const std::string& table) {
  std::vector<std::string> rows;
  std::ifstream in(dump / "tables" / (table + ".jsonl"));
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  std::sort(rows.begin(), rows.end());
  return rows;
}

class PaperDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult demo = MakeDemoPaper(paper_.string(), {"--articles", "40", "--seed", "9"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
    // Rows the demo does not make: a recommend, hourly views, a session, a setting, a comment
    // with a reply and a vote, an imported section with its old address.
    std::unique_ptr<store::Store> paper = Must(store::OpenStore("sqlite:" + paper_.string()));
    const store::User admin = Must(paper->CredentialsByEmail("admin@example.com")).user;
    const store::ArticleId first =
        Must(paper->LatestArticles({}, {}, 4'000'000'000)).items.at(0).id;
    Must(paper->Recommend(first, "reader-7", 1'800'000'000));
    const store::CommentId comment = Must(paper->PostComment({.article_id = first,
                                                              .nickname = "독자",
                                                              .password_hash = "hash",
                                                              .body = "좋은 기사",
                                                              .client = "client-7",
                                                              .created_at = 1'800'000'000}));
    Must(paper->PostComment({.article_id = first,
                             .parent_id = comment,
                             .nickname = "답글러",
                             .password_hash = "hash",
                             .body = "동감",
                             .client = "client-8",
                             .created_at = 1'800'000'001}));
    Must(paper->VoteComment(comment, "reader-8", true, 1'800'000'002));
    Must(paper->AddViews(500'000, {{.article_id = first, .views = 3}}));
    ASSERT_TRUE(paper->AddSlotViews({{6'000'000, "kakao", false, 2}}));
    ASSERT_TRUE(paper->InsertSession({.token_hash = "cd34",
                                      .user_id = admin.id,
                                      .csrf_token = "token",
                                      .created_at = 1'800'000'000,
                                      .last_seen_at = 1'800'000'000}));
    ASSERT_TRUE(paper->PutSiteSettings({{"paper.name", "덤프일보"}}));
    Must(paper->ImportSection(
        {.key = {.origin = "https://old.example.kr", .kind = "category", .id = 5},
         .fingerprint = "f",
         .section = {.slug = "문화", .name = "문화", .position = 0},
         .old_paths = {"/category/문화/"}}));
    Must(paper->SaveStaticPage({.path = "privacy",
                                .title = "개인정보처리방침",
                                .body_markdown = "제1조",
                                .footer = 1,
                                .effective_at = 1'800'000'000,
                                .saved_at = 1'800'000'000,
                                .saved_by = admin.id}));
    fs::create_directories(paper_ / "uploads/2026/12");
    std::ofstream(paper_ / "uploads/2026/12/photo-640.jpg", std::ios::binary) << "\xff\xd8 jpeg";
  }

  CommandResult Export(const fs::path& data, const fs::path& to, const std::string& store = "") {
    std::vector<std::string> args = {"export",      "paper", "--data",
                                     data.string(), "--to",  to.string()};
    if (!store.empty()) args.insert(args.end(), {"--store", store});
    return RunSinmun(args);
  }
  CommandResult Import(const fs::path& data, const fs::path& from, const std::string& store = "") {
    std::vector<std::string> args = {"import",      "paper",  "--data",
                                     data.string(), "--from", from.string()};
    if (!store.empty()) args.insert(args.end(), {"--store", store});
    return RunSinmun(args);
  }

  TempDir dir_;
  fs::path paper_ = dir_.path() / "paper";
};

TEST_F(PaperDumpTest, SqliteToPostgresToSqliteKeepsEveryRecord) {
  TestDatabase postgres(Backend::kPostgres);
  const fs::path first = dir_.path() / "first";
  const fs::path second = dir_.path() / "second";
  const fs::path third = dir_.path() / "third";
  const fs::path node = dir_.path() / "node";
  const fs::path back = dir_.path() / "back";

  CommandResult step = Export(paper_, first);
  ASSERT_EQ(step.exit_code, 0) << step.out;
  step = Import(node, first, postgres.url());
  ASSERT_EQ(step.exit_code, 0) << step.out;
  EXPECT_NE(step.out.find("every table imported and verified"), std::string::npos) << step.out;
  step = Export(node, second, postgres.url());
  ASSERT_EQ(step.exit_code, 0) << step.out;
  step = Import(back, second);
  ASSERT_EQ(step.exit_code, 0) << step.out;
  step = Export(back, third);
  ASSERT_EQ(step.exit_code, 0) << step.out;

  const json manifest = json::parse(ReadFile(first / "manifest.json"), nullptr, false);
  ASSERT_TRUE(manifest.is_object());
  EXPECT_EQ(manifest.at("version"), 1);
  // Every table of the paper (store/copy_paper.cpp).
  ASSERT_EQ(manifest.at("tables").size(), 48u);
  std::int64_t rows = 0;
  for (const json& table : manifest.at("tables")) {
    const std::string name = table.at("name");
    const std::vector<std::string> original = SortedRows(first, name);
    EXPECT_EQ(static_cast<std::int64_t>(original.size()), table.at("rows").get<std::int64_t>());
    EXPECT_EQ(SortedRows(second, name), original) << name << " differs after PostgreSQL";
    EXPECT_EQ(SortedRows(third, name), original) << name << " differs back on SQLite";
    rows += static_cast<std::int64_t>(original.size());
  }
  for (const std::string table :
       {"articles", "article_views", "users", "sessions", "recommends", "article_views_hourly",
        "section_views_hourly", "site_settings", "ad_campaigns", "comments", "comment_counts",
        "comment_votes", "import_keys", "legacy_paths", "static_pages"}) {
    EXPECT_FALSE(SortedRows(first, table).empty()) << table << " should hold rows";
  }
  // Password hashes travel, so the staff log in to the new paper as before.
  EXPECT_NE(ReadFile(first / "tables/users.jsonl").find("$argon2id$"), std::string::npos);
  EXPECT_EQ(ReadFile(back / "uploads/2026/12/photo-640.jpg"),
            ReadFile(paper_ / "uploads/2026/12/photo-640.jpg"));
  std::printf("paper dump round trip: %lld rows in 23 tables equal on SQLite, PostgreSQL, SQLite\n",
              static_cast<long long>(rows));
}

TEST_F(PaperDumpTest, ADamagedOrForeignDumpIsRefusedBeforeAnythingIsWritten) {
  const fs::path dump = dir_.path() / "dump";
  ASSERT_EQ(Export(paper_, dump).exit_code, 0);
  {
    std::fstream bytes(dump / "tables/articles.jsonl",
                       std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekp(20);
    bytes.put('#');
  }
  CommandResult step = Import(dir_.path() / "new", dump);
  EXPECT_EQ(step.exit_code, 2) << step.out;
  EXPECT_NE(step.out.find("SHA-256 of tables/articles.jsonl differs"), std::string::npos)
      << step.out;
  EXPECT_FALSE(fs::exists(dir_.path() / "new"));

  // Into a paper that already holds one: refused, the paper untouched.
  const fs::path clean = dir_.path() / "clean";
  ASSERT_EQ(Export(paper_, clean).exit_code, 0);
  step = Import(paper_, clean);
  EXPECT_EQ(step.exit_code, 2) << step.out;
  EXPECT_NE(step.out.find("already holds a paper"), std::string::npos) << step.out;
  // Over an existing folder: refused.
  EXPECT_EQ(Export(paper_, clean).exit_code, 2);
}

}  // namespace
}  // namespace sinmun::testing
