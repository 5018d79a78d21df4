// A paper dump made before article_views (store/migrations/1000_article_views.sql) holds each
// article's all-time views in articles.views and has no article_views table: `sinmun import
// paper` moves those counts into article_views, so the imported paper shows them as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "archive/paper_dump.hpp"
#include "archive/sha256.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::archive {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using sinmun::testing::Backend;
using sinmun::testing::kNow;
using sinmun::testing::Must;

std::string Sha256Of(const std::string& text) {
  Sha256 sha;
  sha.Add(text.data(), text.size());
  return sha.Hex();
}

// Turns the dump at `dump` into one of the format before article_views: each articles row
// carries its views ("0" without a count), and the article_views table is gone.
void MakeItAnOldDump(const fs::path& dump) {
  std::map<std::string, std::string> views;
  {
    std::ifstream in(dump / "tables/article_views.jsonl");
    for (std::string line; std::getline(in, line);) {
      const json row = json::parse(line);
      views[row.at("article_id").get<std::string>()] = row.at("views").get<std::string>();
    }
  }
  std::string articles;
  {
    std::ifstream in(dump / "tables/articles.jsonl");
    for (std::string line; std::getline(in, line);) {
      json row = json::parse(line);
      const auto found = views.find(row.at("id").get<std::string>());
      row["views"] = found == views.end() ? "0" : found->second;
      articles += row.dump() + "\n";
    }
  }
  std::ofstream(dump / "tables/articles.jsonl", std::ios::binary | std::ios::trunc) << articles;
  fs::remove(dump / "tables/article_views.jsonl");

  json manifest = json::parse(std::ifstream(dump / "manifest.json"));
  json tables = json::array();
  for (json& table : manifest.at("tables")) {
    if (table.at("name") == "article_views") continue;
    if (table.at("name") == "articles") table["sha256"] = Sha256Of(articles);
    tables.push_back(table);
  }
  manifest["tables"] = tables;
  std::ofstream(dump / "manifest.json", std::ios::binary | std::ios::trunc) << manifest.dump(2);
}

TEST(OldDumpViewsTest, AnOldDumpsViewCountsAreImportedIntoArticleViews) {
  const sinmun::testing::TempDir dir;
  const sinmun::testing::TestDatabase source(Backend::kSqlite);
  store::ArticleId read = 0;
  store::ArticleId unread = 0;
  {
    const std::unique_ptr<store::Store> paper = source.Open();
    const store::SectionId section = sinmun::testing::SeedSections(*paper)[0].id;
    read = sinmun::testing::InsertArticle(
        *paper, sinmun::testing::MakeArticle(section, "많이 읽은 기사", kNow - 600, {}, 1'234));
    unread = sinmun::testing::InsertArticle(
        *paper, sinmun::testing::MakeArticle(section, "새 기사", kNow - 60));
  }
  const fs::path dump = dir.path() / "dump";
  fs::create_directories(dir.path() / "uploads");
  Must(ExportPaper(source.url(), (dir.path() / "uploads").string(), dump.string()));
  MakeItAnOldDump(dump);

  const sinmun::testing::TestDatabase target(Backend::kSqlite);
  Must(ImportPaper(target.url(), (dir.path() / "imported-uploads").string(), dump.string()));
  const std::unique_ptr<store::Store> imported = target.Open();
  EXPECT_EQ(Must(imported->PublishedArticle(read, kNow)).views, 1'234);
  EXPECT_EQ(Must(imported->PublishedArticle(unread, kNow)).views, 0);
  EXPECT_EQ(Must(imported->MostViewed(std::nullopt, std::nullopt, 1, kNow)).at(0).id, read);
}

}  // namespace
}  // namespace sinmun::archive
