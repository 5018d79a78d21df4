// src/store/migrations/1000_article_views.sql on a paper made before it: the all-time view
// counts kept in articles.views move to article_views at the next open, on both backends, so
// the article pages and the all-time ranking show the same figures as before, and the counters'
// next flush adds to them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "store/migrate.hpp"
#include "store/migration.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/query.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::kNow;
using testing::Must;

// The schema the paper had before the shared migrations: its backend's own.
std::vector<Migration> OwnMigrations(std::span<const Migration> all) {
  std::vector<Migration> own;
  std::copy_if(all.begin(), all.end(), std::back_inserter(own),
               [](const Migration& migration) { return migration.version < 1000; });
  return own;
}

// Written with the columns of that schema, views among them.
const Sql kOldSection{"INSERT INTO sections (slug, name) VALUES ('politics', '정치') RETURNING id"};
const Sql kOldArticle{
    "INSERT INTO articles (section_id, status, registered_at, views, created_at, headline, "
    "snippet, body_markdown) VALUES (?1, 'published', ?2, ?3, ?2, ?4, '', '본문') RETURNING id"};

struct OldPaper {
  ArticleId read_a_lot = 0;
  ArticleId read_a_little = 0;
  ArticleId never_read = 0;
};

template <typename Connection>
OldPaper MakeOldPaper(Connection& connection, std::span<const Migration> all) {
  EXPECT_TRUE(Migrate(connection, OwnMigrations(all)).has_value());
  const std::int64_t section = Must(ReadCount(Query(connection, kOldSection)));
  const auto article = [&](std::int64_t views, Timestamp at, const std::string& headline) {
    return Must(ReadCount(Query(connection, kOldArticle, section, at, views, headline)));
  };
  return OldPaper{.read_a_lot = article(1'200, kNow - 7200, "많이 읽은 기사"),
                  .read_a_little = article(7, kNow - 600, "조금 읽은 기사"),
                  .never_read = article(0, kNow - 60, "아직 안 읽은 기사")};
}

OldPaper MakeOldPaper(const testing::TestDatabase& database, Backend backend) {
  const std::string url = database.url();
  if (backend == Backend::kSqlite) {
    const auto connection = Must(sqlite::Connection::Open(url.substr(std::string("sqlite:").size()),
                                                          sqlite::Connection::Role::kWriter));
    return MakeOldPaper(*connection, sqlite::Migrations());
  }
  const auto connection = Must(postgres::Connection::Open(url));
  return MakeOldPaper(*connection, postgres::Migrations());
}

class ArticleViewsMigrationTest : public testing::TestWithParam<Backend> {};

TEST_P(ArticleViewsMigrationTest, APaperMadeBeforeItKeepsItsViewCounts) {
  const testing::TestDatabase database(GetParam());
  const OldPaper paper = MakeOldPaper(database, GetParam());

  const std::unique_ptr<Store> store = database.Open();  // takes 1000_article_views.sql
  EXPECT_EQ(Must(store->PublishedArticle(paper.read_a_lot, kNow)).views, 1'200);
  EXPECT_EQ(Must(store->PublishedArticle(paper.read_a_little, kNow)).views, 7);
  EXPECT_EQ(Must(store->PublishedArticle(paper.never_read, kNow)).views, 0);

  std::vector<ArticleId> ranked;
  std::vector<std::int64_t> views;
  for (const ArticleSummary& summary :
       Must(store->MostViewed(std::nullopt, std::nullopt, 10, kNow))) {
    ranked.push_back(summary.id);
    views.push_back(summary.views);
  }
  EXPECT_EQ(ranked,
            (std::vector<ArticleId>{paper.read_a_lot, paper.read_a_little, paper.never_read}));
  EXPECT_EQ(views, (std::vector<std::int64_t>{1'200, 7, 0}));

  // The counters' next flush adds to the kept counts, and a first count starts one.
  Must(store->AddViews(kNow / 3600, {{paper.read_a_little, 3}, {paper.never_read, 2'000}}));
  EXPECT_EQ(Must(store->PublishedArticle(paper.read_a_little, kNow)).views, 10);
  EXPECT_EQ(Must(store->MostViewed(std::nullopt, std::nullopt, 1, kNow)).at(0).id,
            paper.never_read);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ArticleViewsMigrationTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
