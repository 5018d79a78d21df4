#pragma once
// SqlStore: the related lists kept with articles (issue #14, store/related_lists.hpp), for both
// backends. Table in sqlite/migrations/0008_related.sql and postgres/migrations/0004_related.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace related_sql {

// A list is written over the previous one position by position, then cut to its length: two
// nodes' followers writing the same list at once (several nodes on one PostgreSQL) upsert the
// same rows instead of one of them failing on the other's key.
// Both articles must still exist (the index may name one deleted since it was indexed): the
// row is written only then, and that position is cleared otherwise, so a vanished article
// never fails the follower's batch.
inline const Sql kPutItem{
    "INSERT INTO article_related (article_id, position, related_id) "
    "SELECT a.id, ?2{::bigint}, r.id FROM articles a CROSS JOIN articles r "
    "WHERE a.id = ?1{::bigint} AND r.id = ?3{::bigint} "
    "ON CONFLICT (article_id, position) DO UPDATE SET related_id = excluded.related_id"};
inline const Sql kClearItem{"DELETE FROM article_related WHERE article_id = ?1 AND position = ?2"};
inline const Sql kCutList{"DELETE FROM article_related WHERE article_id = ?1 AND position >= ?2"};
// The list drives the join (CROSS JOIN fixes SQLite's order): one lookup per item, in SQLite
// from the articles_headlines index (0035), which holds all the statement reads.
inline const Sql kHeadlines{
    "SELECT a.id, a.headline FROM article_related l CROSS JOIN articles a{indexed:"
    "articles_headlines} "
    "WHERE l.article_id = ?2 AND a.id = l.related_id AND a.status = 'published' AND "
    "a.registered_at <= ?1{::bigint} ORDER BY l.position LIMIT ?3"};

}  // namespace related_sql

template <typename B>
Result<> SqlStore<B>::PutRelated(const std::vector<RelatedList>& lists) {
  if (lists.empty()) return {};
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    for (const RelatedList& list : lists) {
      std::int64_t position = 0;
      for (const ArticleId related : list.related) {
        const Result<std::int64_t> put =
            ReadAffected(Query(db, related_sql::kPutItem, list.article_id, position, related));
        if (!put) return tl::unexpected(put.error());
        if (*put == 0) {
          if (Result<> done = Write(db, related_sql::kClearItem, list.article_id, position);
              !done) {
            return done;
          }
        }
        ++position;
      }
      if (Result<> done = Write(db, related_sql::kCutList, list.article_id, position); !done) {
        return done;
      }
    }
    return {};
  });
}

template <typename B>
Result<std::vector<ArticleHeadline>> SqlStore<B>::RelatedHeadlines(ArticleId id, int limit,
                                                                   Timestamp now) const {
  if (limit <= 0) return std::vector<ArticleHeadline>{};
  return ReadAllOn<ArticleHeadline>(
      backend(),
      [](const auto& row) {
        return ArticleHeadline{row.Int(0), std::string(row.Text(1))};
      },
      related_sql::kHeadlines, now, id, std::int64_t{limit});
}

}  // namespace sinmun::store
