#pragma once
// Test support for code that needs a real Store: temporary folders, stores on every backend,
// and seed data. Tests use the real databases, never mocks.
//
// Failures of the helpers below (a store that will not open, a seed insert refused) throw
// std::runtime_error with the store's error detail: GoogleTest reports an exception thrown in
// a test or fixture as that test's failure, and the other tests still run.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace sinmun::testing {

// GoogleTest's names stay reachable as `testing::…` from inside `namespace sinmun::…`, where
// this namespace would otherwise hide ::testing. Names declared here (TempDir) come first.
using namespace ::testing;  // NOLINT(google-build-using-namespace)

// A new empty folder under the system temp folder, removed with all its contents when the
// TempDir is destroyed. Not copyable.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The whole file at `path` as bytes; "" when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// The store backends that tests run on. kPostgres uses the private PostgreSQL server that the
// CTest fixture `postgres` starts for the test run (postgres-service.sh); a test that needs it
// fails, never skips, when it is not running.
enum class Backend { kSqlite, kPostgres };

// Both backends, for INSTANTIATE_TEST_SUITE_P(AllBackends, …, AllBackends(), …).
inline auto AllBackends() { return Values(Backend::kSqlite, Backend::kPostgres); }

// The URL of the private PostgreSQL server of this test run (its postgres database, where
// tests make their own schemas). Throws when the server was not started.
std::string PostgresServerUrl();

std::string BackendName(Backend backend);
// For test names and messages: INSTANTIATE_TEST_SUITE_P(AllBackends, ..., BackendParamName).
inline void PrintTo(Backend backend, std::ostream* out) { *out << BackendName(backend); }
struct BackendParamName {
  std::string operator()(const TestParamInfo<Backend>& info) const {
    return BackendName(info.param);
  }
};

// One test database that can be opened, closed and opened again (to test re-opening and
// persistence). SQLite: a file in a TempDir that this object owns. PostgreSQL: a new schema of
// its own on the test server (cheaper than a database), named in the URL's search_path.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);

  // The URL that store::OpenStore accepts.
  std::string url() const;
  // Opens the database and runs migrations. Throws on failure.
  std::unique_ptr<store::Store> Open() const;

 private:
  Backend backend_;
  TempDir dir_;
  std::string postgres_url_;  // kPostgres only
};

// A fresh, migrated, empty store. Its files are removed when the test program exits.
// Throws on failure.
std::unique_ptr<store::Store> OpenTestStore(Backend backend);

// The value of `result`, or a throw with its error code and detail.
template <typename T>
T Must(Result<T> result) {
  if (!result) {
    throw std::runtime_error(std::string(ErrorCodeName(result.error().code)) + ": " +
                             result.error().detail);
  }
  return std::move(*result);
}

// The error code of a failed `result`, nullopt when it succeeded: for
// EXPECT_EQ(ErrorCodeOf(store->Call(...)), ErrorCode::kNotFound).
template <typename T>
std::optional<ErrorCode> ErrorCodeOf(const Result<T>& result) {
  if (result) return std::nullopt;
  return result.error().code;
}

// The store tests' "now": 2023-11-15 07:13 KST. One shared value lets the store test files
// build as one unity translation unit.
inline constexpr Timestamp kNow = 1'700'000'000;

// Sections 정치 (politics), 경제 (economy) and 사회 (society), in this display order.
std::vector<store::Section> SeedSections(store::Store& store);

// `count` reporters named 기자1, 기자2, … with e-mail addresses; their ids in that order.
std::vector<store::ReporterId> SeedReporters(store::Store& store, int count);

// An article of a few Korean paragraphs, published at `registered_at`.
store::NewArticle MakeArticle(store::SectionId section, std::string headline,
                              Timestamp registered_at,
                              std::vector<store::ReporterId> reporter_ids = {},
                              std::int64_t views = 0);

// Records a 1600 x 900 photo `name` in 400, 800 and 1600 px, as JPEG and WebP (no files are
// written), uploaded by `by` at `at`, and returns its id. Throws on failure.
store::PhotoId InsertWidePhoto(store::Store& store, std::string name, Timestamp at,
                               store::UserId by = 0);

// Inserts one article and returns its id. Throws on failure.
store::ArticleId InsertArticle(store::Store& store, const store::NewArticle& article);

// Saves a version of the static page at `path`, in force from `effective_at`, and returns its
// version number. Throws on failure.
std::int64_t SaveStaticPage(store::Store& store, std::string path, std::string title,
                            std::string body, Timestamp effective_at, int footer,
                            Timestamp saved_at);

}  // namespace sinmun::testing
