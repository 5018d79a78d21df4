// CopyPaper (`sinmun migrate`) between the two backends: it carries every table the schemas
// have, so a table added by a migration cannot be left behind silently, and a paper copied
// from SQLite to PostgreSQL and back holds the same rows. tests/integration/migrate_test.cpp
// runs the command itself.
#include "store/copy_paper.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/address_range.hpp"
#include "store/store.hpp"
#include "support/store_probe.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::Must;
using testing::TestDatabase;

using testing::kNow;

// A row in every table, with NULLs and booleans both ways.
void Seed(Store& store) {
  const std::vector<Section> sections = testing::SeedSections(store);
  const std::vector<ReporterId> reporters = testing::SeedReporters(store, 2);
  Must(store.CreateSection({.slug = "hidden", .name = "숨은 부서", .position = 9}, true));
  const ArticleId article = testing::InsertArticle(
      store, testing::MakeArticle(sections[0].id, "첫 기사", kNow, reporters));
  const UserId user = Must(store.InsertUser({.email = "kim@example.com",
                                             .name = "김기자",
                                             .reporter_id = reporters[0],
                                             .password_hash = "$argon2id$hash",
                                             .created_at = kNow}));
  const PhotoId photo = Must(store.InsertPhoto({.name = "photo-1",
                                                .format = "jpeg",
                                                .width = 800,
                                                .height = 600,
                                                .widths = {400, 800},
                                                .uploaded_by = user,
                                                .uploaded_at = kNow}));
  const ArticleId draft = Must(store.CreateDraft(
      {.section_id = sections[1].id,
       .headline = "초고",
       .subheadlines = {"부제"},
       .reporter_ids = {reporters[1]},
       .tags = {"태그"},
       .correction = "바로잡습니다",
       .photo_id = photo,
       .photo_caption = "사진 설명",
       .photos = {{.photo_id = photo, .caption = "둘째 사진", .credit = "ⓒ 김기자"}},
       .gallery = true},
      user, kNow));
  ASSERT_TRUE(store.PutRelated({{article, {draft}}}));
  Must(store.Recommend(article, "visitor-1", kNow));
  // A comment and a reply to it (the copy must write the parent first), a vote and a report.
  const CommentId comment = Must(store.PostComment({.article_id = article,
                                                    .nickname = "독자",
                                                    .password_hash = "hash",
                                                    .body = "첫 댓글",
                                                    .client = "client-1",
                                                    .created_at = kNow}));
  Must(store.PostComment({.article_id = article,
                          .parent_id = comment,
                          .nickname = "답글러",
                          .password_hash = "hash",
                          .body = "답글",
                          .client = "client-2",
                          .visitor = "c2",
                          .address_hash = "a2",
                          .created_at = kNow + 1}));
  Must(store.VoteComment(comment, "visitor-2", false, kNow));
  const AddressRange range = ParseAddressRange("211.234.0.0/16").value();
  Must(store.PutCommentBan({.kind = BanKind::kRange,
                            .target = range.text,
                            .range_low = range.low,
                            .range_high = range.high,
                            .reason = "광고",
                            .created_by = 1,
                            .created_at = kNow,
                            .expires_at = kNow + 86400}));
  Must(store.ReportComment(comment, "visitor-3", ReportReason::kSpam, 3, kNow));
  ASSERT_TRUE(store.PutCommentSetting(
      article, CommentSetting{.policy = CommentPolicy::kCloses, .close_days = 30}));
  Must(store.AddViews(kNow / 3600, {{.article_id = article, .views = 3}}));
  ASSERT_TRUE(store.AddSlotViews({{kNow / 300, "naver", true, 3}}));
  ASSERT_EQ(Must(store.SlotViewsSince(0)).size(), 1u);
  Must(store.EnqueueMail({.article_id = article,
                          .client = "client",
                          .sender_email = "lee@example.com",
                          .created_at = kNow,
                          .recipients = {{"park@example.com", "Subject: hi\r\n\r\nbody"}}},
                         {}));
  ASSERT_TRUE(store.InsertSession({.token_hash = "ab12",
                                   .user_id = user,
                                   .csrf_token = "csrf",
                                   .created_at = kNow,
                                   .last_seen_at = kNow}));
  ASSERT_TRUE(store.PutLoginThrottle({.key = "ip:127.0.0.1", .failures = 2, .locked_until = kNow}));
  Must(store.AppendAudit(
      {.at = kNow, .user_id = user, .actor = "kim@example.com", .action = "login"}));
  ASSERT_TRUE(store.PutSiteSettings({{"paper.name", "시험일보"}}));
  Must(store.SaveStaticPage({.path = "privacy",
                             .title = "개인정보처리방침",
                             .body_markdown = "제1조",
                             .footer = 1,
                             .effective_at = kNow,
                             .saved_at = kNow,
                             .saved_by = user}));
  // A correction request with its evidence (binary bytes), assigned; a breaking-news ticker.
  const CorrectionId correction =
      Must(store.FileCorrection({.article_id = article,
                                 .requester = "청구인",
                                 .contact = "claim@example.com",
                                 .text = "정정 청구",
                                 .status_token = "token",
                                 .files = {{.name = "a.png",
                                            .media_type = "image/png",
                                            .data = std::string("\x89PNG\r\n\x1A\n\0\xff", 10)}},
                                 .received_at = kNow}));
  ASSERT_TRUE(store.AssignCorrection(correction, user));
  // A tip with a file, assigned (its history has an event) and made into a draft.
  const TipId tip = Must(store.FileTip({.kind = TipKind::kSubmission,
                                        .name = "독자",
                                        .contact = "reader@example.com",
                                        .title = "투고",
                                        .text = "본문",
                                        .status_token = "tip-token",
                                        .files = {{.name = "b.pdf",
                                                   .media_type = "application/pdf",
                                                   .data = std::string("%PDF-\0\xff", 7)}},
                                        .limit = {.client = "client"},
                                        .received_at = kNow}));
  ASSERT_TRUE(store.AssignTip(tip, user, user, kNow));
  ASSERT_TRUE(store.LinkTipDraft(tip, article, user, kNow));
  Must(store.SetBreaking(
      {.text = "속보", .starts_at = kNow, .expires_at = kNow + 60, .set_by = user}));
  // A series with the article as its first episode; the draft published, and its IndexNow
  // ping queued.
  const SeriesId series =
      Must(store.CreateSeries({.title = "연재", .description = "소개", .created_at = kNow}));
  ASSERT_TRUE(store.SetArticleSeries(article, SeriesPlace{series, 1}, kNow));
  const std::vector<std::string> endpoints = {"https://searchadvisor.naver.com/indexnow"};
  Must(store.QueueIndexNowChanges(endpoints, 1000, kNow));  // starts following
  ASSERT_TRUE(store.PublishArticle(draft, kNow));
  Must(store.QueueIndexNowChanges(endpoints, 1000, kNow));
  const AdCampaignId campaign = Must(store.InsertAdCampaign({.advertiser = "광고주",
                                                             .title = "배너",
                                                             .slots = {"top"},
                                                             .photo_id = photo,
                                                             .target_url = "https://example.com/",
                                                             .starts_at = kNow,
                                                             .ends_at = kNow + 86'400,
                                                             .active = false,
                                                             .created_at = kNow,
                                                             .updated_at = kNow}));
  ASSERT_TRUE(store.AddAdCounts(
      {{.campaign_id = campaign, .slot = "top", .day = 19'675, .impressions = 5, .clicks = 1}}));
  // An imported category: its key and old address (the paper had its section already).
  Must(
      store.ImportSection({.key = {.origin = "https://old.example.kr", .kind = "category", .id = 5},
                           .fingerprint = "f",
                           .section = {.slug = "hidden", .name = "숨은 부서", .position = 0},
                           .old_paths = {"/category/hidden/"}}));
}

std::vector<std::string> CopiedTables(const std::vector<TableCheck>& checks) {
  std::vector<std::string> tables;
  for (const TableCheck& check : checks) {
    EXPECT_TRUE(check.Matches()) << check.table;
    tables.push_back(check.table);
  }
  std::sort(tables.begin(), tables.end());
  return tables;
}

// The tables of a store's schema that hold the paper: not the migrations' own records, nor
// PostgreSQL's change counter, which the copy carries apart (and checks through
// ChangeSequence below).
std::vector<std::string> PaperTables(const Store& store) {
  std::vector<std::string> tables;
  for (const std::string& table : testing::TableNames(store)) {
    if (table != "schema_migrations" && table != "change_sequence") tables.push_back(table);
  }
  std::sort(tables.begin(), tables.end());
  return tables;
}

Result<std::vector<TableCheck>> Copy(const TestDatabase& from, const TestDatabase& to) {
  return CopyPaper(from.url(), to.url(), [](std::string_view) {});
}

class CopyPaperTest : public testing::TestWithParam<Backend> {};

TEST_P(CopyPaperTest, CarriesEveryTableOfBothSchemas) {
  const TestDatabase source(GetParam());
  const TestDatabase target(GetParam() == Backend::kSqlite ? Backend::kPostgres : Backend::kSqlite);
  Seed(*source.Open());
  const std::vector<std::string> copied = CopiedTables(Must(Copy(source, target)));
  EXPECT_EQ(copied, PaperTables(*source.Open()));
  EXPECT_EQ(copied, PaperTables(*target.Open()));
  EXPECT_EQ(Must(target.Open()->ChangeSequence()), Must(source.Open()->ChangeSequence()));
}

INSTANTIATE_TEST_SUITE_P(FromEachBackend, CopyPaperTest, testing::AllBackends(),
                         testing::BackendParamName());

TEST(CopyPaperRoundTripTest, SqliteToPostgresToSqliteKeepsEveryRow) {
  const TestDatabase paper(Backend::kSqlite);
  const TestDatabase postgres(Backend::kPostgres);
  const TestDatabase back(Backend::kSqlite);
  {
    const std::unique_ptr<Store> store = paper.Open();
    Seed(*store);
    // More rows than one batch of the copy, or one fetch of PostgreSQL's cursor.
    std::vector<NewArticle> articles;
    for (int i = 0; i < 2'100; ++i) {
      articles.push_back(testing::MakeArticle(Must(store->Sections()).at(0).id,
                                              fmt::format("기사 {}", i), kNow - i));
    }
    Must(store->InsertArticles(articles));
  }
  const std::vector<TableCheck> there = Must(Copy(paper, postgres));
  const std::vector<TableCheck> home = Must(Copy(postgres, back));
  ASSERT_EQ(there.size(), home.size());
  for (size_t i = 0; i < there.size(); ++i) {
    EXPECT_EQ(home[i].table, there[i].table);
    EXPECT_GT(there[i].source_rows, 0) << there[i].table << " (Seed fills every table)";
    EXPECT_EQ(home[i].target_rows, there[i].source_rows) << there[i].table;
    EXPECT_EQ(home[i].target_checksum, there[i].source_checksum) << there[i].table;
  }
  const std::unique_ptr<Store> original = paper.Open();
  const std::unique_ptr<Store> copy = back.Open();
  EXPECT_EQ(there.at(3).table, "articles");
  EXPECT_EQ(there.at(3).source_rows, 2'102);  // and Seed's article and draft
  EXPECT_EQ(Must(copy->AllSections()).size(), 4u);
  EXPECT_TRUE(Must(copy->AllSections()).back().hidden);
  EXPECT_EQ(Must(copy->CredentialsByEmail("kim@example.com")).password_hash, "$argon2id$hash");
  EXPECT_EQ(Must(copy->SiteSettings()), Must(original->SiteSettings()));
  EXPECT_EQ(Must(copy->ChangeSequence()), Must(original->ChangeSequence()));
  // New rows in the copy go on after the copied ones.
  const SectionId section = Must(copy->CreateSection({.slug = "new", .name = "새 부서"}, false));
  EXPECT_GT(section, Must(original->AllSections()).back().section.id);
}

// Every table of the paper at `url`, in ReadPaper's order, with its rows.
std::vector<std::pair<std::string, std::vector<PaperRow>>> PaperRows(std::string_view url) {
  std::vector<std::pair<std::string, std::vector<PaperRow>>> tables;
  const Result<> read = ReadPaper(
      url,
      [&](std::string_view table, const std::vector<std::string>&) -> Result<> {
        tables.emplace_back(std::string(table), std::vector<PaperRow>{});
        return {};
      },
      [&](const PaperRow& row) -> Result<> {
        tables.back().second.push_back(row);
        return {};
      });
  EXPECT_TRUE(read) << read.error().detail;
  return tables;
}

std::int64_t RowCount(std::string_view url) {
  std::int64_t rows = 0;
  for (const auto& [table, table_rows] : PaperRows(url)) rows += std::ssize(table_rows);
  return rows;
}

// `sinmun import paper` fills a new paper through WritePaper. A dump that fails half-way, after
// whole tables were written, must leave the store empty, so that the import can be run again.
class WritePaperTest : public testing::TestWithParam<Backend> {};

TEST_P(WritePaperTest, AFillThatFailsHalfWayLeavesTheStoreEmptyAndATryAfterItWorks) {
  const TestDatabase source(Backend::kSqlite);
  Seed(*source.Open());
  const auto dump = PaperRows(source.url());
  ASSERT_GT(RowCount(source.url()), 0);
  const TestDatabase target(GetParam());

  const auto fill_until = [&](std::string_view failing_table) {
    return [&dump, failing_table](std::string_view table, const std::vector<std::string>&,
                                  const PutRow& put) -> Result<> {
      for (const auto& [name, rows] : dump) {
        if (name != table) continue;
        for (const PaperRow& row : rows) {
          if (Result<> done = put(row); !done) return done;
        }
      }
      if (table == failing_table) return Fail(ErrorCode::kInvalidInput, "a damaged row");
      return {};
    };
  };
  // articles come after sections, reporters and accounts, which are written by then.
  EXPECT_EQ(testing::ErrorCodeOf(WritePaper(target.url(), fill_until("articles"))),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(RowCount(target.url()), 0);

  const std::vector<TableCheck> checks = Must(WritePaper(target.url(), fill_until("")));
  for (const TableCheck& check : checks) EXPECT_TRUE(check.Matches()) << check.table;
  EXPECT_EQ(RowCount(target.url()), RowCount(source.url()));
}

INSTANTIATE_TEST_SUITE_P(IntoEachBackend, WritePaperTest, testing::AllBackends(),
                         testing::BackendParamName());

TEST(CopyPaperUrlTest, RefusesTwoStoresOfOneBackend) {
  const TestDatabase one(Backend::kSqlite);
  const TestDatabase other(Backend::kSqlite);
  EXPECT_EQ(testing::ErrorCodeOf(Copy(one, other)), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace sinmun::store
