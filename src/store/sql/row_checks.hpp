#pragma once
// The rows a method checks for before it acts (that the article it is about is published, that
// a user it names exists), each statement written once for every area that checks it.
// Internal to store/.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "store/row_reads.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store::row_checks {

// ?1 now, ?2 the article. Locks the article row, so that what a reader does to an article (a
// recommend, a comment, a correction request) and its unpublishing cannot interleave.
inline const Sql kPublishedForShare{
    "SELECT 1 FROM articles a WHERE a.status = 'published' AND a.registered_at <= ?1{::bigint} "
    "AND a.id = ?2{for:SHARE}"};
// ?1 the article; for reads too (a read-only snapshot cannot lock rows).
inline const Sql kArticleExists{"SELECT 1 FROM articles WHERE id = ?1"};
// ?1 the article, locked until the write ends.
inline const Sql kArticleExistsForShare{"SELECT 1 FROM articles WHERE id = ?1{for:SHARE}"};
inline const Sql kUserExists{"SELECT 1 FROM users WHERE id = ?1"};

// kNotFound saying `what` when `sql` with `params` finds no row.
template <typename Db, typename... Params>
Result<> RequireRow(Db& db, std::string what, const Sql& sql, const Params&... params) {
  const Result<std::optional<std::int64_t>> found = ReadOptionalInt(Query(db, sql, params...));
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, std::move(what));
  return {};
}

}  // namespace sinmun::store::row_checks
