#include "support/test_store.hpp"

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <mutex>
#include <system_error>
#include <utility>

#include "core/check.hpp"
#include "support/store_probe.hpp"

namespace sinmun::testing {
namespace {

constexpr char kBody[] =
    "대전시가 4차 산업혁명 위원회를 출범시켰다. 위원회는 산학연 전문가 20명으로 꾸려졌다.\n\n"
    "## 주요 과제\n\n"
    "위원회는 **스마트시티** 조성과 *인공지능* 산업 육성을 첫 과제로 삼았다.\n\n"
    "시 관계자는 \"시민이 체감할 수 있는 변화를 만들겠다\"고 말했다.\n";

// Folders of stores from OpenTestStore, removed at exit (after every test has closed its store).
void KeepUntilExit(std::unique_ptr<TestDatabase> database) {
  static std::mutex mutex;
  static std::vector<std::unique_ptr<TestDatabase>> databases;
  std::lock_guard lock(mutex);
  databases.push_back(std::move(database));
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sinmun-test-XXXXXX").string();
  // A test machine without a writable temp folder cannot run any test: abort loudly.
  SINMUN_CHECK(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string BackendName(Backend backend) {
  switch (backend) {
    case Backend::kSqlite:
      return "Sqlite";
    case Backend::kPostgres:
      return "Postgres";
  }
  return "Unknown";
}

std::string PostgresServerUrl() {
  const std::filesystem::path file =
      std::filesystem::path(SINMUN_TEST_SERVICES_DIR) / "postgres.url";
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    throw std::runtime_error("no PostgreSQL test server: " + file.string() +
                             " is missing (ctest starts it with the postgres_start fixture; "
                             "run the test through ctest)");
  }
  return url;
}

namespace {

// Creates a new schema on the test server and returns a URL whose search_path is that schema.
std::string NewPostgresSchema() {
  static std::atomic<int> counter = 0;
  const std::string server = PostgresServerUrl();
  const std::string schema = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  PGconn* conn = PQconnectdb(server.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, ("CREATE SCHEMA " + schema).c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("cannot make a test schema: " + error);
  return server + "?options=-csearch_path%3D" + schema;
}

}  // namespace

TestDatabase::TestDatabase(Backend backend)
    : backend_(backend),
      postgres_url_(backend == Backend::kPostgres ? NewPostgresSchema() : std::string()) {}

std::string TestDatabase::url() const {
  switch (backend_) {
    case Backend::kSqlite:
      return "sqlite:" + (dir_.path() / "sinmun.db").string();
    case Backend::kPostgres:
      return postgres_url_;
  }
  return {};
}

std::unique_ptr<store::Store> TestDatabase::Open() const {
  std::unique_ptr<store::Store> store = Must(store::OpenStore(url()));
  RememberStoreUrl(*store, url());
  return store;
}

std::unique_ptr<store::Store> OpenTestStore(Backend backend) {
  auto database = std::make_unique<TestDatabase>(backend);
  std::unique_ptr<store::Store> store = database->Open();
  KeepUntilExit(std::move(database));
  return store;
}

std::vector<store::Section> SeedSections(store::Store& store) {
  const store::NewSection sections[] = {
      {.slug = "politics", .name = "정치", .position = 1},
      {.slug = "economy", .name = "경제", .position = 2},
      {.slug = "society", .name = "사회", .position = 3},
  };
  std::vector<store::Section> seeded;
  for (const store::NewSection& section : sections) {
    seeded.push_back(store::Section{.id = Must(store.InsertSection(section)),
                                    .slug = section.slug,
                                    .name = section.name,
                                    .position = section.position});
  }
  return seeded;
}

std::vector<store::ReporterId> SeedReporters(store::Store& store, int count) {
  std::vector<store::ReporterId> ids;
  for (int i = 1; i <= count; ++i) {
    ids.push_back(
        Must(store.InsertReporter({.name = "기자" + std::to_string(i),
                                   .email = "reporter" + std::to_string(i) + "@sinmun.example",
                                   .bio = "사회부 기자"})));
  }
  return ids;
}

store::PhotoId InsertWidePhoto(store::Store& store, std::string name, Timestamp at,
                               store::UserId by) {
  return Must(store.InsertPhoto(store::Photo{.name = std::move(name),
                                             .format = "jpeg",
                                             .width = 1600,
                                             .height = 900,
                                             .widths = {400, 800, 1600},
                                             .webp = true,
                                             .uploaded_by = by,
                                             .uploaded_at = at}));
}

store::NewArticle MakeArticle(store::SectionId section, std::string headline,
                              Timestamp registered_at, std::vector<store::ReporterId> reporter_ids,
                              std::int64_t views) {
  return store::NewArticle{.section_id = section,
                           .headline = std::move(headline),
                           .subheadlines = {"위원 20명으로 구성", "스마트시티가 첫 과제"},
                           .body_markdown = kBody,
                           .reporter_ids = std::move(reporter_ids),
                           .registered_at = registered_at,
                           .modified_at = std::nullopt,
                           .views = views,
                           .recommends = 0};
}

store::ArticleId InsertArticle(store::Store& store, const store::NewArticle& article) {
  return Must(store.InsertArticles({article})).at(0);
}

std::int64_t SaveStaticPage(store::Store& store, std::string path, std::string title,
                            std::string body, Timestamp effective_at, int footer,
                            Timestamp saved_at) {
  return Must(store.SaveStaticPage(store::StaticPage{.path = std::move(path),
                                                     .title = std::move(title),
                                                     .body_markdown = std::move(body),
                                                     .footer = footer,
                                                     .effective_at = effective_at,
                                                     .saved_at = saved_at}));
}

}  // namespace sinmun::testing
