#pragma once
// Data changes a migration's SQL cannot make because they need the program's own rules (the
// excerpt of core/text.hpp, say). Each runs right after the SQL of the migration it belongs
// to, in that migration's transaction (store/migrate.hpp), on either backend: a crash leaves
// the database before the migration or after both. The backends number their migrations
// apart, so a step is known by the migration file's name without its number
// ("0033_snippets_without_photo_markers.sql" → "snippets_without_photo_markers").
// Internal to store/.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/row_reads.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/snippet.hpp"

namespace sinmun::store {
namespace migration_steps {

// Articles whose body may hold a photo marker, in id order from after ?1, a batch at a time.
inline const Sql kBodiesWithMarkers{
    "SELECT id, body_markdown FROM articles WHERE id > ?1 AND body_markdown LIKE ?2 "
    "ORDER BY id LIMIT ?3"};
inline const Sql kSetSnippet{"UPDATE articles SET snippet = ?2 WHERE id = ?1 AND snippet <> ?2"};

// Snippets leave the "[사진 N]" lines out (issue #19): those made before kept them, so lists,
// feeds and the APIs showed "사진 2" in an article's text. Made again for every article whose
// body holds "[사진" (a few hundred at a time, so memory stays flat on a large paper); the
// others' snippets are what the new rules make already.
template <typename Connection>
Result<> RecomputeSnippetsWithMarkers(Connection& connection) {
  constexpr std::int64_t kBatch = 500;
  const std::string pattern = "%[사진%";
  std::int64_t after = 0;
  for (;;) {
    std::vector<std::pair<std::int64_t, std::string>> bodies;
    Result<> read =
        ForEachRow(Query(connection, kBodiesWithMarkers, after, pattern, kBatch),
                   [&](const auto& row) { bodies.emplace_back(row.Int(0), row.Text(1)); });
    if (!read) return read;
    for (const auto& [id, body] : bodies) {
      if (Result<> done = Write(connection, kSetSnippet, id, SnippetOf(body)); !done) return done;
    }
    if (static_cast<std::int64_t>(bodies.size()) < kBatch) return {};
    after = bodies.back().first;
  }
}

// The migration file's name without its number and ".sql".
inline std::string_view StepName(std::string_view migration_name) {
  const size_t underscore = migration_name.find('_');
  if (underscore != std::string_view::npos) migration_name.remove_prefix(underscore + 1);
  if (migration_name.ends_with(".sql")) migration_name.remove_suffix(4);
  return migration_name;
}

}  // namespace migration_steps

// Runs the step of the migration named `migration_name`; nothing for a migration without one.
// REQUIRES: the migration's write transaction is open on `connection`.
template <typename Connection>
Result<> RunMigrationStep(Connection& connection, std::string_view migration_name) {
  const std::string_view step = migration_steps::StepName(migration_name);
  if (step == "snippets_without_photo_markers") {
    return migration_steps::RecomputeSnippetsWithMarkers(connection);
  }
  return {};
}

}  // namespace sinmun::store
