// What only the SQLite store has: its URL, its file and folder errors, and its migrations,
// checked by looking inside the database file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

#include "store/migration.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/map_warmer.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::ErrorCodeOf;
using testing::TempDir;

// Runs `sql` on the file directly and returns the first column of the first row as text.
std::string QueryFile(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

class SqliteStoreTest : public testing::Test {
 protected:
  std::string Url() const { return "sqlite:" + file_.string(); }

  // The paper as it was before the migration named `name`, which made `table` (dropped here),
  // then that migration run on it as the migrator runs it. Later migrations are not undone
  // and redone: only this one is at stake.
  void RerunMigration(const std::string& table, std::string_view name) {
    QueryFile(file_, "DROP TABLE " + table);
    RunMigration(name);
  }

  // Runs the migration `name` on the file as the migrator does: with foreign keys on.
  void RunMigration(std::string_view name) {
    const std::span<const Migration> migrations = sqlite::Migrations();
    const auto found = std::find_if(migrations.begin(), migrations.end(),
                                    [&](const Migration& m) { return m.name == name; });
    ASSERT_NE(found, migrations.end());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(file_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    const std::string sql = "PRAGMA foreign_keys = ON; " + std::string(found->sql);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  TempDir dir_;
  std::filesystem::path file_ = dir_.path() / "sinmun.db";
};

TEST_F(SqliteStoreTest, MigrationsApplyOnceInOrder) {
  ASSERT_TRUE(OpenStore(Url()).has_value());
  ASSERT_TRUE(OpenStore(Url()).has_value());
  const auto migrations = sqlite::Migrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  EXPECT_EQ(migrations.front().name, "0001_initial.sql");

  EXPECT_EQ(QueryFile(file_, "SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(migrations.size()));
  EXPECT_EQ(QueryFile(file_, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(migrations.back().version));
  EXPECT_EQ(QueryFile(file_, "PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteStoreTest, ThePerSectionRollupIsFilledFromAPapersHourlyViews) {
  std::int64_t hour = 0;
  SectionId politics = 0;
  {
    std::unique_ptr<Store> store = OpenStore(Url()).value();
    const std::vector<Section> sections = testing::SeedSections(*store);
    politics = sections[0].id;
    const ArticleId a =
        testing::InsertArticle(*store, testing::MakeArticle(politics, "가", 1'700'000'000));
    const ArticleId b =
        testing::InsertArticle(*store, testing::MakeArticle(politics, "나", 1'700'000'000));
    const ArticleId c =
        testing::InsertArticle(*store, testing::MakeArticle(sections[1].id, "다", 1'700'000'000));
    hour = 1'700'000'000 / 3600;
    ASSERT_TRUE(store->AddViews(hour, {{a, 3}, {b, 4}, {c, 5}}));
    ASSERT_TRUE(store->AddViews(hour + 1, {{a, 1}}));
  }
  RerunMigration("section_views_hourly", "0012_section_views_hourly.sql");

  std::unique_ptr<Store> store = OpenStore(Url()).value();
  const std::vector<HourTotal> site = store->ViewsByHour(hour, {}).value();
  ASSERT_EQ(site.size(), 2u);
  EXPECT_EQ(site[0].views, 12);
  EXPECT_EQ(site[1].views, 1);
  const std::vector<HourTotal> section = store->ViewsByHour(hour, {.section = politics}).value();
  ASSERT_EQ(section.size(), 2u);
  EXPECT_EQ(section[0].views, 7);
}

TEST_F(SqliteStoreTest, ThePerReporterRollupIsFilledFromAPapersHourlyViews) {
  std::int64_t hour = 0;
  std::vector<ReporterId> reporters;
  {
    std::unique_ptr<Store> store = OpenStore(Url()).value();
    const std::vector<Section> sections = testing::SeedSections(*store);
    reporters = testing::SeedReporters(*store, 2);
    const ArticleId a = testing::InsertArticle(
        *store, testing::MakeArticle(sections[0].id, "가", 1'700'000'000, {reporters[0]}));
    const ArticleId both = testing::InsertArticle(
        *store,
        testing::MakeArticle(sections[1].id, "나", 1'700'000'000, {reporters[1], reporters[0]}));
    hour = 1'700'000'000 / 3600;
    ASSERT_TRUE(store->AddViews(hour, {{a, 3}, {both, 4}}));
    ASSERT_TRUE(store->AddViews(hour + 1, {{both, 1}}));
  }
  RerunMigration("reporter_views_hourly", "0016_reporter_views_hourly.sql");

  std::unique_ptr<Store> store = OpenStore(Url()).value();
  const std::vector<HourTotal> first = store->ViewsByHour(hour, {.reporter = reporters[0]}).value();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].views, 7);
  EXPECT_EQ(first[1].views, 1);
  const std::vector<HourTotal> second =
      store->ViewsByHour(hour, {.reporter = reporters[1]}).value();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].views, 4);
}

TEST_F(SqliteStoreTest, DatabaseNewerThanTheBinaryIsRefused) {
  ASSERT_TRUE(OpenStore(Url()).has_value());
  QueryFile(file_, "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)");

  const Result<std::unique_ptr<Store>> store = OpenStore(Url());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().detail.find("newer"), std::string::npos) << store.error().detail;
}

TEST_F(SqliteStoreTest, UnknownSchemeOrEmptyPathIsInvalidInput) {
  EXPECT_EQ(ErrorCodeOf(OpenStore("mysql://localhost/sinmun")), ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(OpenStore("sqlite:")), ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(OpenStore(file_.string())), ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, MissingFolderIsUnavailable) {
  const Result<std::unique_ptr<Store>> store =
      OpenStore("sqlite:" + (dir_.path() / "missing" / "sinmun.db").string());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().detail.find("does not exist"), std::string::npos) << store.error().detail;
}

// 0029 (issue #18): a correction requester's mail queued before it kept the case's article
// and the client "correction:<case>"; it moves to its case, so it no longer counts as the
// article e-mailed, and no outbox row is lost on the way (the tables are made again).
TEST_F(SqliteStoreTest, OldCorrectionMailMovesToItsCaseAndTheOutboxIsKept) {
  ArticleId article = 0;
  CorrectionId case_id = 0;
  {
    std::unique_ptr<Store> store = OpenStore(Url()).value();
    const std::vector<Section> sections = testing::SeedSections(*store);
    article = testing::InsertArticle(*store, testing::MakeArticle(sections[0].id, "가", 1'000));
    case_id = store
                  ->FileCorrection({.article_id = article,
                                    .kind = CorrectionKind::kCorrection,
                                    .requester = "홍길동",
                                    .contact = "hong@example.com",
                                    .text = "바로잡아 주십시오.",
                                    .status_token = "case-token",
                                    .received_at = 2'000})
                  .value();
    ASSERT_TRUE(store->EnqueueMail({.article_id = article,
                                    .client = "reader",
                                    .sender_email = "s@example.com",
                                    .created_at = 2'000,
                                    .recipients = {{"friend@example.com", "article mail"}}},
                                   {}));
  }
  // As the correction desk queued it before: about the article, the case in the client.
  const std::string old_row =
      std::to_string(article) + ", 'correction:" + std::to_string(case_id) + "', '', 1, 2000";
  QueryFile(file_,
            "INSERT INTO mail_requests (article_id, client, sender_email, recipients, "
            "created_at) VALUES (" +
                old_row + ")");
  QueryFile(file_,
            "INSERT INTO mail_outbox (request_id, recipient, message, next_attempt_at) "
            "SELECT MAX(id), 'hong@example.com', 'received', 2000 FROM mail_requests");
  RunMigration("0029_notice_mail.sql");

  EXPECT_EQ(QueryFile(file_, "SELECT COUNT(*) FROM mail_outbox"), "2");
  EXPECT_EQ(QueryFile(file_,
                      "SELECT correction_id FROM mail_requests WHERE client LIKE "
                      "'correction:%' AND article_id IS NULL"),
            std::to_string(case_id));
  EXPECT_EQ(QueryFile(file_, "SELECT article_id FROM mail_requests WHERE client = 'reader'"),
            std::to_string(article));
  std::unique_ptr<Store> store = OpenStore(Url()).value();
  const std::vector<RankedSummary> emailed = store->MostEmailed(0, 10, 1'000'000).value();
  ASSERT_EQ(emailed.size(), 1u);
  EXPECT_EQ(emailed[0].count, 1);  // the reader's mail, not the requester's
  EXPECT_EQ(store->PendingMailCount().value(), 2);
}

// 0030 (issue #16): a moderator's hide becomes a state of its own. A held comment that the
// audit log shows a moderator holding moves to hidden_by_moderator; one the word filter held
// stays held; every comment, reply, vote and report is kept though the tables are made again.
TEST_F(SqliteStoreTest, AModeratorsHoldMovesToItsOwnStateAndNothingIsLost) {
  ArticleId article = 0;
  CommentId by_words = 0, by_moderator = 0, top = 0, reply = 0;
  {
    std::unique_ptr<Store> store = OpenStore(Url()).value();
    const std::vector<Section> sections = testing::SeedSections(*store);
    article = testing::InsertArticle(*store, testing::MakeArticle(sections[0].id, "가", 1'000));
    const auto post = [&](std::string body, CommentState state,
                          std::optional<CommentId> parent = std::nullopt) {
      return store
          ->PostComment({.article_id = article,
                         .parent_id = parent,
                         .nickname = "독자",
                         .password_hash = "x",
                         .body = std::move(body),
                         .state = state,
                         .client = "client",
                         .visitor = "c01",
                         .created_at = 2'000})
          .value();
    };
    by_words = post("금칙어 글", CommentState::kHeld);
    by_moderator = post("숨긴 글", CommentState::kVisible);
    top = post("보이는 글", CommentState::kVisible);
    reply = post("답글", CommentState::kVisible, top);
    ASSERT_TRUE(store->VoteComment(top, "reader-1", true, 2'100));
    ASSERT_TRUE(store->ReportComment(top, "reader-2", ReportReason::kSpam, 3, 2'200));
  }
  // As a moderator's hide was stored before: held, with its audit line.
  QueryFile(file_, "UPDATE comments SET state = 'held' WHERE id = " + std::to_string(by_moderator));
  QueryFile(file_,
            "INSERT INTO audit_log (at, actor, action, target) VALUES (2300, 'editor', "
            "'comment_held', 'comment:" +
                std::to_string(by_moderator) + "')");
  RunMigration("0030_comment_hidden_by_moderator.sql");

  std::unique_ptr<Store> store = OpenStore(Url()).value();
  EXPECT_EQ(store->CommentById(by_words)->state, CommentState::kHeld);
  EXPECT_EQ(store->CommentById(by_moderator)->state, CommentState::kHiddenByModerator);
  const Comment kept = store->CommentById(top).value();
  EXPECT_EQ(kept.recommends, 1);
  EXPECT_EQ(kept.reports, 1);
  EXPECT_EQ(kept.replies, 1);
  EXPECT_EQ(store->CommentById(reply)->parent_id, top);
  EXPECT_EQ(QueryFile(file_, "SELECT COUNT(*) FROM comment_votes"), "1");
  EXPECT_EQ(QueryFile(file_, "SELECT COUNT(*) FROM comment_reports"), "1");
  EXPECT_EQ(store->CommentsForModeration({.state = CommentState::kHeld})->total, 1);
  EXPECT_EQ(store->CommentsForModeration({.state = CommentState::kHiddenByModerator})->total, 1);
  // The votes and reports still refer to the comments, not to the copy the migration dropped.
  EXPECT_EQ(QueryFile(file_, "SELECT \"table\" FROM pragma_foreign_key_list('comment_votes')"),
            "comments");
  EXPECT_EQ(QueryFile(file_, "SELECT \"table\" FROM pragma_foreign_key_list('comment_reports')"),
            "comments");
}

TEST_F(SqliteStoreTest, UnwritableFolderIsUnavailable) {
  const std::filesystem::path locked = dir_.path() / "locked";
  std::filesystem::create_directory(locked);
  std::filesystem::permissions(
      locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  // Root may write into any folder, so the store is opened by a child that runs as nobody.
  std::filesystem::permissions(dir_.path(), std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add);
  const std::string url = "sqlite:" + (locked / "sinmun.db").string();
  EXPECT_EXIT(
      {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) std::_Exit(3);
        const Result<std::unique_ptr<Store>> store = OpenStore(url);
        std::fprintf(stderr, "%s\n", store ? "opened" : store.error().detail.c_str());
        std::_Exit(!store && store.error().code == ErrorCode::kUnavailable ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "not writable");
}

TEST_F(SqliteStoreTest, FileThatIsNoDatabaseIsUnavailable) {
  std::ofstream(file_) << "기사 목록이 아니라 그냥 글입니다. This is not a database file at all.\n";

  const Result<std::unique_ptr<Store>> store = OpenStore(Url());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
}

// Snippets made before they left photo markers out (issue #19) showed "사진 2" in lists and
// feeds: the migration that changed the rule makes them again, by the program's own excerpt.
TEST_F(SqliteStoreTest, TheMarkerMigrationMakesOldSnippetsAgainWithoutMarkers) {
  {
    std::unique_ptr<Store> store = OpenStore(Url()).value();
    const std::vector<Section> sections = testing::SeedSections(*store);
    NewArticle article = testing::MakeArticle(sections[0].id, "사진 기사", testing::kNow);
    article.body_markdown = "첫 문단이다.\n\n[사진 2]\n\n둘째 문단이다.";
    testing::InsertArticle(*store, article);
  }
  // The snippet as the excerpt made it before, and the database before the migration.
  const std::span<const Migration> migrations = sqlite::Migrations();
  const auto found =
      std::find_if(migrations.begin(), migrations.end(), [](const Migration& migration) {
        return migration.name.ends_with("_snippets_without_photo_markers.sql");
      });
  ASSERT_NE(found, migrations.end());
  QueryFile(file_, "UPDATE articles SET snippet = '첫 문단이다. 사진 2 둘째 문단이다.'");
  // Only migrations newer than the newest recorded run, so the later ones run again too (each
  // of them may be run twice: 0034 and 0035 create their indexes only if they are not there).
  QueryFile(file_,
            "DELETE FROM schema_migrations WHERE version >= " + std::to_string(found->version));
  // 1000 moved articles.views into a table of its own, which it cannot do twice: the schema
  // as it was before it, for it to run again.
  for (const char* undo : {"DROP TABLE article_views",
                           "ALTER TABLE articles ADD COLUMN views INTEGER NOT NULL DEFAULT 0",
                           "CREATE INDEX articles_most_viewed ON articles (status, views DESC, "
                           "registered_at DESC, id DESC)",
                           "CREATE INDEX articles_section_most_viewed ON articles (section_id, "
                           "status, views DESC, registered_at DESC, id DESC)"}) {
    QueryFile(file_, undo);
  }

  std::unique_ptr<Store> store = OpenStore(Url()).value();
  const ArticleList list = store->LatestArticles({}, Page{1, 10}, testing::kNow).value();
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].snippet, "첫 문단이다. 둘째 문단이다.");
}

TEST_F(SqliteStoreTest, RelativePathOpens) {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  const Result<std::unique_ptr<Store>> store = OpenStore("sqlite:relative.db");
  std::filesystem::current_path(before);
  ASSERT_TRUE(store.has_value()) << store.error().detail;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "relative.db"));
}

// Readers keep their memory map of the file across other connections' writes
// (store/sqlite/kept_map_vfs.hpp, shared_file_map.hpp): what they read after a write must be
// what was written, whether it changed a page already mapped or grew the file past the
// mapping's end.
TEST(SqliteReadersTest, AReaderThatHasMappedTheFileReadsLaterWritesInPlaceAndPastItsEnd) {
  std::unique_ptr<Store> store = testing::OpenTestStore(testing::Backend::kSqlite);
  const SectionId section = testing::SeedSections(*store)[0].id;
  const ArticleId first =
      testing::InsertArticle(*store, testing::MakeArticle(section, "첫 기사", testing::kNow - 60));
  ASSERT_EQ(store->PublishedArticle(first, testing::kNow)->recommends, 0);

  ASSERT_TRUE(
      store->Recommend(first, "visitor", testing::kNow).has_value());  // a mapped page changed
  EXPECT_EQ(store->PublishedArticle(first, testing::kNow)->recommends, 1);

  ArticleId last = first;
  for (int i = 0; i < 300; ++i) {  // hundreds of pages more than the file held when mapped
    NewArticle article =
        testing::MakeArticle(section, "기사 " + std::to_string(i), testing::kNow - 30);
    article.body_markdown = std::string(4000, 'x');
    last = testing::InsertArticle(*store, article);
  }
  const Result<Article> read = store->PublishedArticle(last, testing::kNow);
  ASSERT_TRUE(read.has_value()) << read.error().detail;
  EXPECT_EQ(read->headline, "기사 299");
  EXPECT_EQ(store->PublishedArticle(first, testing::kNow)->recommends, 1);
}

// A database file of `count` articles of 4,000 bytes each, written into the file (not left in
// the WAL) and closed; returns its path.
std::filesystem::path FileOfArticles(const testing::TestDatabase& database, int count) {
  {
    std::unique_ptr<Store> store = database.Open();
    const SectionId section = testing::SeedSections(*store)[0].id;
    for (int i = 0; i < count; ++i) {
      NewArticle article =
          testing::MakeArticle(section, "기사 " + std::to_string(i), testing::kNow - 30);
      article.body_markdown = std::string(4000, static_cast<char>('a' + i % 26));
      testing::InsertArticle(*store, article);
    }
  }
  const std::filesystem::path file = database.url().substr(std::string("sqlite:").size());
  EXPECT_EQ(QueryFile(file, "PRAGMA wal_checkpoint(TRUNCATE)"), "0");
  return file;
}

// How many of the file's pages are in memory, and how many it has.
std::pair<std::size_t, std::size_t> ResidentPages(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  const auto size = static_cast<std::size_t>(std::filesystem::file_size(file));
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t pages = (size + page - 1) / page;
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  std::vector<unsigned char> resident(pages);
  std::size_t in_memory = 0;
  if (mapping != MAP_FAILED && ::mincore(mapping, size, resident.data()) == 0) {
    in_memory = static_cast<std::size_t>(
        std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }));
  }
  if (mapping != MAP_FAILED) ::munmap(mapping, size);
  ::close(fd);
  return {in_memory, pages};
}

// The map warmer (store/sqlite/map_warmer.hpp) reads every page of a file in memory through
// the readers' map, the file's last step included, so that a freshly started server's
// first readers do not pay for it.
TEST(SqliteMapWarmerTest, ReadsEveryPageOfAFileInMemory) {
  const testing::TestDatabase database(testing::Backend::kSqlite);
  const std::filesystem::path file = FileOfArticles(database, 1500);  // about 7 MB
  Result<std::unique_ptr<sqlite::Connection>> reader =
      sqlite::Connection::Open(file.string(), sqlite::Connection::Role::kReader);
  ASSERT_TRUE(reader.has_value()) << reader.error().detail;
  const auto [in_memory, pages] = ResidentPages(file);
  ASSERT_GT(in_memory, pages * 9 / 10) << "the file just written is in memory";
  ASSERT_GT(pages, 256u * 6) << "several steps of the walk, the last one short";
  EXPECT_EQ(sqlite::WarmMap(**reader, std::stop_token()), in_memory);
}

// ... and reads nothing in from disk: on a paper larger than memory, warming all of it would
// push out what readers use. Pages dropped from memory stay out. (What SQLite reads itself, the
// file's header and schema and the kernel's read-ahead around them, is in before the walk.)
TEST(SqliteMapWarmerTest, LeavesPagesThatAreNotInMemoryOnDisk) {
  const testing::TestDatabase database(testing::Backend::kSqlite);
  const std::filesystem::path file = FileOfArticles(database, 1500);
  const int fd = ::open(file.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);  // clean and mapped by no one: dropped
  ::close(fd);
  const auto [dropped_left, pages] = ResidentPages(file);
  if (dropped_left > pages / 10) {
    GTEST_SKIP() << "this file system keeps the file's pages in memory (" << dropped_left << " of "
                 << pages << ")";
  }
  Result<std::unique_ptr<sqlite::Connection>> reader =
      sqlite::Connection::Open(file.string(), sqlite::Connection::Role::kReader);
  ASSERT_TRUE(reader.has_value()) << reader.error().detail;
  ASSERT_EQ(sqlite3_exec((*reader)->handle(), "SELECT COUNT(*) FROM sqlite_schema", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  const std::size_t before = ResidentPages(file).first;
  const std::size_t read = sqlite::WarmMap(**reader, std::stop_token());
  EXPECT_LE(read, before);
  EXPECT_LT(ResidentPages(file).first, before + pages / 20);
}

// Page faults the calling thread has taken so far (minor ones: pages already in memory).
long MinorFaultsOfThisThread() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

// Readers read from one map of the file (store/sqlite/shared_file_map.hpp) that maps in the
// pages already in memory when it is made and as the file grows, so an archive's articles
// read for the first time cost no page fault each: reading 600 articles of 4,000 bytes spread
// over 600 pages of the file takes a few faults at most (new heap pages), not one per run of
// pages touched (43 here without it).
TEST(SqliteReadersTest, AReaderReadsPagesAlreadyInMemoryWithoutFaultingThemIn) {
  const testing::TestDatabase database(testing::Backend::kSqlite);
  std::unique_ptr<Store> store = database.Open();
  const SectionId section = testing::SeedSections(*store)[0].id;
  std::vector<ArticleId> ids;
  for (int i = 0; i < 600; ++i) {
    NewArticle article =
        testing::MakeArticle(section, "기사 " + std::to_string(i), testing::kNow - 30);
    article.body_markdown = std::string(4000, static_cast<char>('a' + i % 26));
    ids.push_back(testing::InsertArticle(*store, article));
  }
  // The articles are written into the file: pages still in the WAL are read into SQLite's own
  // cache, not the map, and how many are left there depends on where the last automatic
  // checkpoint fell (the frames each insert wrote before it), not on the map.
  ASSERT_EQ(QueryFile(database.url().substr(std::string("sqlite:").size()),
                      "PRAGMA wal_checkpoint(TRUNCATE)"),
            "0");
  // The file grew far past any mapping made so far: the next read maps it anew. Its first read
  // is not counted (the mapping and the connection's own first allocations).
  ASSERT_TRUE(store->PublishedArticle(ids.front(), testing::kNow).has_value());
  const long before = MinorFaultsOfThisThread();
  for (const ArticleId id : ids) {
    const Result<Article> read = store->PublishedArticle(id, testing::kNow);
    ASSERT_TRUE(read.has_value()) << read.error().detail;
    ASSERT_EQ(read->body_markdown.size(), 4000u);
  }
  EXPECT_LT(MinorFaultsOfThisThread() - before, 10);
}

}  // namespace
}  // namespace sinmun::store
