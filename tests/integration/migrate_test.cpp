// `sinmun migrate` end to end (issue #8): a demo paper on SQLite is copied into a fresh
// PostgreSQL schema twice (the second run must be harmless), and the PostgreSQL paper then
// holds and serves the same articles, accounts and change sequence.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/sinmun_process.hpp"
#include "store/store.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;

constexpr Timestamp kFarFuture = 4'000'000'000;

TEST(MigrateTest, CopiesAPaperToPostgresTwiceAndItServesTheSameArticles) {
  TempDir dir;
  const std::string data = (dir.path() / "paper").string();
  const CommandResult demo = MakeDemoPaper(data, {"--articles", "60", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  // What the demo does not make: a newsroom draft with tags, a correction and two revisions,
  // a recommend, hourly views, a session, an audit line and a site setting.
  store::ArticleId draft = 0;
  {
    std::unique_ptr<store::Store> paper = Must(store::OpenStore("sqlite:" + data));
    const store::User admin = Must(paper->CredentialsByEmail("admin@example.com")).user;
    store::ArticleContent content{.section_id = Must(paper->Sections()).at(0).id,
                                  .headline = "이관 시험 기사",
                                  .subheadlines = {"부제 하나"},
                                  .body_markdown = "본문입니다.",
                                  .reporter_ids = {Must(paper->Reporters()).at(0).id},
                                  .tags = {"대전", "이관"},
                                  .correction = "바로잡습니다: 날짜를 고쳤습니다."};
    draft = Must(paper->CreateDraft(content, admin.id, 1'700'000'000));
    content.headline = "이관 시험 기사 (수정)";
    Must(paper->SaveArticle(draft, content, 1, admin.id, 1'700'000'100));
    const store::ArticleId first = Must(paper->LatestArticles({}, {}, kFarFuture)).items.at(0).id;
    Must(paper->Recommend(first, "visitor-1", kFarFuture));
    Must(paper->AddViews(472'222, {{.article_id = first, .views = 7}}));
    ASSERT_TRUE(paper->InsertSession({.token_hash = "ab12",
                                      .user_id = admin.id,
                                      .csrf_token = "csrf",
                                      .created_at = 1'700'000'000,
                                      .last_seen_at = 1'700'000'000}));
    Must(paper->AppendAudit(
        {.at = 1'700'000'000, .user_id = admin.id, .actor = admin.email, .action = "login"}));
    ASSERT_TRUE(paper->PutSiteSettings({{"paper.name", "이관일보"}}));
  }
  TestDatabase postgres(Backend::kPostgres);

  for (int run = 0; run < 2; ++run) {
    const CommandResult copied =
        RunSinmun({"migrate", "--from", "sqlite:" + data, "--to", postgres.url()});
    ASSERT_EQ(copied.exit_code, 0) << copied.out;
    EXPECT_NE(copied.out.find("every table copied and verified"), std::string::npos) << copied.out;
    EXPECT_NE(copied.out.find("articles"), std::string::npos);
    EXPECT_EQ(copied.out.find("DIFFERS"), std::string::npos) << copied.out;
  }

  {
    std::unique_ptr<store::Store> source = Must(store::OpenStore("sqlite:" + data));
    std::unique_ptr<store::Store> copy = postgres.Open();
    const store::ArticleList articles =
        Must(source->LatestArticles({}, {.number = 1, .size = 100}, kFarFuture));
    ASSERT_EQ(articles.total, 60);
    EXPECT_EQ(Must(copy->LatestArticles({}, {.number = 1, .size = 100}, kFarFuture)).total, 60);
    for (const store::ArticleSummary& summary : articles.items) {
      const store::Article original = Must(source->PublishedArticle(summary.id, kFarFuture));
      const store::Article copied = Must(copy->PublishedArticle(summary.id, kFarFuture));
      EXPECT_EQ(copied.headline, original.headline);
      EXPECT_EQ(copied.body_markdown, original.body_markdown);
      EXPECT_EQ(copied.subheadlines, original.subheadlines);
      EXPECT_EQ(copied.bylines.size(), original.bylines.size());
      EXPECT_EQ(copied.views, original.views);
      EXPECT_EQ(copied.registered_at, original.registered_at);
    }
    EXPECT_EQ(Must(copy->ChangeSequence()), Must(source->ChangeSequence()));
    const store::DeskArticle desk = Must(copy->DeskArticleById(draft));
    EXPECT_EQ(desk.content, Must(source->DeskArticleById(draft)).content);
    EXPECT_EQ(desk.revision, 2);
    EXPECT_EQ(Must(copy->RevisionOf(draft, 1)).content.headline, "이관 시험 기사");
    EXPECT_EQ(Must(copy->SessionByTokenHash("ab12")).user.email, "admin@example.com");
    EXPECT_EQ(Must(copy->AuditLog({})).total, Must(source->AuditLog({})).total);
    EXPECT_EQ(Must(copy->SiteSettings()), Must(source->SiteSettings()));
    EXPECT_EQ(Must(copy->HourlyViewsSince(0)).size(), 1u);
    EXPECT_EQ(Must(copy->Users()).size(), Must(source->Users()).size());
    EXPECT_EQ(Must(copy->CredentialsByEmail("ADMIN@example.com")).password_hash,
              Must(source->CredentialsByEmail("admin@example.com")).password_hash);
    // New rows in the copy get ids after the copied ones, and the change sequence goes on.
    const store::SectionId section =
        Must(copy->CreateSection({.slug = "new-desk", .name = "새 부서", .position = 0}, false));
    EXPECT_GT(section, Must(source->AllSections()).back().section.id);
    EXPECT_EQ(Must(copy->ChangeSequence()), Must(source->ChangeSequence()) + 1);
  }

  // And back into a new SQLite paper (issue #15's round trip): every table again the same.
  const std::string back = (dir.path() / "back").string();
  std::filesystem::create_directory(back);
  const CommandResult returned =
      RunSinmun({"migrate", "--from", postgres.url(), "--to", "sqlite:" + back});
  ASSERT_EQ(returned.exit_code, 0) << returned.out;
  EXPECT_NE(returned.out.find("every table copied and verified"), std::string::npos);
  EXPECT_EQ(Must(Must(store::OpenStore("sqlite:" + back))->ChangeSequence()),
            Must(Must(store::OpenStore("sqlite:" + data))->ChangeSequence()) + 1);

  // The PostgreSQL paper serves what the SQLite paper serves.
  ServeProcess on_sqlite(data);
  ASSERT_NE(on_sqlite.port(), 0) << on_sqlite.output();
  const json list = json::parse(HttpGet(on_sqlite.port(), "/api/v1/articles").body, nullptr, false);
  const std::string id = std::to_string(list.at("items").at(2).at("id").get<std::int64_t>());
  const HttpResponse original = HttpGet(on_sqlite.port(), "/api/v1/articles/" + id);
  on_sqlite.Stop();
  ServeProcess on_postgres(data, {"--store", postgres.url()});
  ASSERT_NE(on_postgres.port(), 0) << on_postgres.output();
  const HttpResponse copied = HttpGet(on_postgres.port(), "/api/v1/articles/" + id);
  ASSERT_EQ(copied.status, 200);
  EXPECT_EQ(json::parse(copied.body, nullptr, false), json::parse(original.body, nullptr, false));
  EXPECT_EQ(HttpGet(on_postgres.port(), "/article/" + id, {{"User-Agent", kDesktopChrome}}).status,
            200);
}

TEST(MigrateTest, RefusesStoresOfTheWrongKind) {
  TempDir dir;
  const CommandResult wrong = RunSinmun({"migrate", "--from", "sqlite:" + dir.path().string(),
                                         "--to", "sqlite:" + dir.path().string()});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.out;
  EXPECT_NE(wrong.out.find("sqlite:"), std::string::npos) << wrong.out;
}

}  // namespace
}  // namespace sinmun::testing
