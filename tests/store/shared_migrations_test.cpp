// Migrations written once (src/store/migrations/, embed_migrations.cmake): a test migration
// written with every dialect mark, tests/store/migrations/9000_test_notes.sql, is applied on
// both backends after the binary's own by the store's runner, recorded in the same
// schema_migrations table; a paper made before it takes it with nothing done by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/migrate.hpp"
#include "store/migration.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/query.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
// tests/store/migrations/ written for each backend, by the store's embedding step.
namespace test_sqlite {
std::span<const Migration> Migrations();
}  // namespace test_sqlite
namespace test_postgres {
std::span<const Migration> Migrations();
}  // namespace test_postgres

namespace {

using testing::Backend;
using testing::Must;

const Sql kMigrationsApplied{"SELECT COUNT(*) FROM schema_migrations"};
const Sql kSharedMigrationsApplied{"SELECT COUNT(*) FROM schema_migrations WHERE version >= 1000"};
const Sql kNewestMigration{"SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1"};
const Sql kAnArticle{"SELECT MIN(id) FROM articles"};
const Sql kAddNote{
    "INSERT INTO test_notes (article_id, views, tag) VALUES (?1, ?2, ?3) RETURNING id"};
const Sql kNoteViews{"SELECT views FROM test_notes WHERE id = ?1"};

// What the binary would apply if the test migration were in src/store/migrations/.
std::vector<Migration> WithTestMigration(std::span<const Migration> binary,
                                         std::span<const Migration> test) {
  std::vector<Migration> all(binary.begin(), binary.end());
  all.insert(all.end(), test.begin(), test.end());
  return all;
}

// Calls work(connection, migrations) on a writing connection to `database`, with the
// migrations of its backend and the test's.
template <typename Work>
void OnConnection(const testing::TestDatabase& database, Backend backend, Work work) {
  const std::string url = database.url();
  if (backend == Backend::kSqlite) {
    const auto connection = Must(sqlite::Connection::Open(url.substr(std::string("sqlite:").size()),
                                                          sqlite::Connection::Role::kWriter));
    work(*connection, WithTestMigration(sqlite::Migrations(), test_sqlite::Migrations()));
  } else {
    const auto connection = Must(postgres::Connection::Open(url));
    work(*connection, WithTestMigration(postgres::Migrations(), test_postgres::Migrations()));
  }
}

template <typename Connection>
std::int64_t AddNote(Connection& connection, std::int64_t article, std::int64_t views) {
  return Must(ReadOne<std::int64_t>(
      Query(connection, kAddNote, article, views, std::string("가")),
      [](const auto& row) { return row.Int(0); }, "note"));
}

class SharedMigrationsTest : public testing::TestWithParam<Backend> {};

TEST_P(SharedMigrationsTest, ANewPaperTakesThemAfterItsBackendsOwn) {
  const testing::TestDatabase database(GetParam());
  OnConnection(database, GetParam(), [](auto& connection, const std::vector<Migration>& all) {
    ASSERT_TRUE(Migrate(connection, all).has_value());
    EXPECT_EQ(Must(ReadCount(Query(connection, kMigrationsApplied))),
              static_cast<std::int64_t>(all.size()));
    const std::string newest = Must(ReadOne<std::string>(
        Query(connection, kNewestMigration), [](const auto& row) { return row.Text(0); }, "name"));
    EXPECT_EQ(newest, "9000_test_notes.sql");
  });
}

TEST_P(SharedMigrationsTest, APaperMadeBeforeThemTakesThemAtItsNextOpen) {
  const testing::TestDatabase database(GetParam());
  {
    const std::unique_ptr<Store> store = database.Open();  // the binary's migrations only
    const SectionId section = testing::SeedSections(*store)[0].id;
    testing::InsertArticle(*store, testing::MakeArticle(section, "먼저 쓴 기사", testing::kNow));
  }
  OnConnection(database, GetParam(), [](auto& connection, const std::vector<Migration>& all) {
    // The binary's shared migrations (1000_article_views.sql, …) are in; the test's is not.
    const auto shared = static_cast<std::int64_t>(
        std::count_if(all.begin(), all.end(),
                      [](const Migration& migration) { return migration.version >= 1000; }));
    ASSERT_EQ(Must(ReadCount(Query(connection, kSharedMigrationsApplied))), shared - 1);
    ASSERT_TRUE(Migrate(connection, all).has_value());
    EXPECT_EQ(Must(ReadCount(Query(connection, kSharedMigrationsApplied))), shared);

    // The paper's article is still there, and the new table, written once, works alike on
    // both: ids are given in order, and its integers hold 64 bits and nothing else.
    const std::int64_t article = Must(ReadCount(Query(connection, kAnArticle)));
    const std::int64_t first = AddNote(connection, article, 5'000'000'000);
    EXPECT_EQ(AddNote(connection, article, 7), first + 1);
    EXPECT_EQ(Must(ReadCount(Query(connection, kNoteViews, first))), 5'000'000'000);
    EXPECT_FALSE(Write(connection, kAddNote, article, std::string("많이"), std::string("나")));
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, SharedMigrationsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
