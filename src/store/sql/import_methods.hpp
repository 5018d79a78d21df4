#pragma once
// SqlStore: archive imports (store/import_book.hpp), for both backends. Every imported record
// has a row in import_keys (its source key, the row it became, the fingerprint of what was
// written), so a second import of the same record updates that row or leaves it alone; old
// addresses go to legacy_paths. Articles are written with the desk's steps (desk_writes.hpp).
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "store/desk_writes.hpp"
#include "store/import_book.hpp"
#include "store/sql/account_methods.hpp"
#include "store/sql/catalog_methods.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/desk_methods.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/snippet.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace import_sql {

inline const Sql kKey{
    "SELECT target_id, fingerprint FROM import_keys "
    "WHERE origin = ?1 AND kind = ?2 AND source_id = ?3"};
inline const Sql kPutKey{
    "INSERT INTO import_keys (origin, kind, source_id, target_id, fingerprint) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (origin, kind, source_id) DO UPDATE SET "
    "target_id = excluded.target_id, fingerprint = excluded.fingerprint"};
inline const Sql kPutPath{
    "INSERT INTO legacy_paths (path, kind, target_id, target) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id, "
    "target = excluded.target"};
inline const Sql kPathTarget{"SELECT kind, target_id, target FROM legacy_paths WHERE path = ?1"};

inline const Sql kUpdateReporter{"UPDATE reporters SET name = ?2, email = ?3 WHERE id = ?1"};
// The account of an imported author: inactive, with a password hash no password matches
// ("!" is no argon2id string), until an administrator sets a password. An e-mail that already
// has an account (letter case aside) gets none: DO NOTHING.
inline const Sql kInsertAccount{
    "INSERT INTO users (email, name, role, reporter_id, active, password_hash, created_at) "
    "VALUES (?1, ?2, 'reporter', ?3, FALSE, '!', ?4) ON CONFLICT DO NOTHING"};

inline const Sql kSectionIdBySlug{"SELECT id FROM sections WHERE slug = ?1"};
inline const Sql kRenameSection{"UPDATE sections SET name = ?2 WHERE id = ?1"};

// Whether the newsroom has saved the article since it was imported: the importer writes no
// revision and leaves the desk's revision count at 0; a save in the newsroom adds both.
inline const Sql kEditedInNewsroom{
    "SELECT (SELECT COUNT(*) FROM article_desk WHERE article_id = ?1 AND revision > 0) + "
    "(SELECT COUNT(*) FROM article_revisions WHERE article_id = ?1)"};

inline const Sql kInsertArticle{
    "INSERT INTO articles (section_id, status, registered_at, modified_at, recommends, "
    "created_at, headline, snippet, body_markdown) "
    "VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8) RETURNING id"};
inline const Sql kUpdateArticle{
    "UPDATE articles SET section_id = ?2, status = ?3, registered_at = ?4, modified_at = ?5, "
    "headline = ?6, snippet = ?7, body_markdown = ?8 WHERE id = ?1"};
// The desk row of an article that is not published (its status, the scheduled minute, not
// yet published once); a published one needs none, as for the demo's. A row there already
// keeps its revision.
inline const Sql kPutDesk{
    "INSERT INTO article_desk (article_id, revision, created_by, updated_at, publish_at, "
    "published_once) VALUES (?1, 0, 0, ?2, ?3, ?4) ON CONFLICT (article_id) DO UPDATE SET "
    "updated_at = excluded.updated_at, publish_at = excluded.publish_at, "
    "published_once = excluded.published_once"};

// Imported comments are guests' without a password (nobody but a moderator edits them) and
// their client is "import", which no visitor's hash is.
inline const Sql kInsertComment{
    "INSERT INTO comments (article_id, parent_id, author_kind, nickname, password_hash, body, "
    "state, client, created_at) VALUES (?1, ?2, 'guest', ?3, '', ?4, 'visible', 'import', ?5) "
    "RETURNING id"};
inline const Sql kUpdateComment{
    "UPDATE comments SET nickname = ?2, body = ?3 WHERE id = ?1 AND article_id = ?4"};
// The counts the comment store keeps (comment_methods.hpp), made again for the article. The
// replies are counted among the article's own visible comments (comments_article): asked by
// parent and state alone, SQLite chose the state index and read every visible comment of the
// paper for each comment imported.
inline const Sql kRecountReplies{
    "UPDATE comments SET replies = (SELECT COUNT(*) FROM comments r WHERE r.article_id = ?1 "
    "AND r.parent_id = comments.id AND r.state = 'visible') "
    "WHERE article_id = ?1 AND parent_id IS NULL"};
inline const Sql kRecountComments{
    "INSERT INTO comment_counts (article_id, visible) SELECT ?1{::bigint}, COUNT(*) FROM comments "
    "WHERE article_id = ?1 AND state = 'visible' "
    "ON CONFLICT (article_id) DO UPDATE SET visible = excluded.visible"};

template <typename Db>
Result<std::optional<ImportedRecord>> ReadKey(Db& db, const SourceKey& key) {
  std::optional<ImportedRecord> found;
  Result<> done = ForEachRow(Query(db, kKey, key.origin, key.kind, key.id), [&](const auto& row) {
    found = ImportedRecord{.id = row.Int(0), .fingerprint = row.Text(1)};
  });
  if (!done) return tl::unexpected(done.error());
  return found;
}

template <typename Db>
Result<> PutKey(Db& db, const SourceKey& key, std::int64_t target, const std::string& print) {
  return Write(db, kPutKey, key.origin, key.kind, key.id, target, print);
}

template <typename Db>
Result<> PutPaths(Db& db, const std::vector<std::string>& paths, LegacyKind kind,
                  std::int64_t target_id, std::string_view target) {
  for (const std::string& path : paths) {
    if (Result<> done = Write(db, kPutPath, path, LegacyKindName(kind), target_id, target); !done) {
      return done;
    }
  }
  return {};
}

// Ends the import of a reporter or a section (`record`) as `result`: its old addresses answer
// for it (`target` its slug, "" for a reporter), its source key remembers it, and the site
// change of `change` makes the pages that show it again.
template <typename Db, typename Record>
Result<Imported> EndSiteImport(Db& db, const Record& record, LegacyKind kind,
                               std::string_view target, std::string_view change, Imported result) {
  if (Result<> done = PutPaths(db, record.old_paths, kind, result.id, target); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = PutKey(db, record.key, result.id, record.fingerprint); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = LogSiteChange(db, change); !done) return tl::unexpected(done.error());
  return result;
}

// Writes the comments of imported article `article_id`: new ones inserted, those imported
// before updated, then the article's counts made again.
template <typename Db>
Result<> WriteImportedComments(Db& db, const ImportedArticle& article, ArticleId article_id) {
  if (article.comments.empty()) return {};
  // source id -> (comment id, the comment id of its thread's first comment)
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> written;
  for (const ImportedComment& comment : article.comments) {
    const SourceKey key{.origin = article.key.origin, .kind = "comment", .id = comment.source_id};
    std::optional<std::int64_t> parent;
    if (auto found = written.find(comment.parent); found != written.end()) {
      parent = found->second.second;
    }
    Result<std::optional<ImportedRecord>> known = ReadKey(db, key);
    if (!known) return tl::unexpected(known.error());
    std::optional<std::int64_t> id;
    if (*known) {
      const Result<std::int64_t> updated = ReadAffected(
          Query(db, kUpdateComment, (*known)->id, comment.nickname, comment.body, article_id));
      if (!updated) return tl::unexpected(updated.error());
      if (*updated > 0) id = (*known)->id;
    }
    if (!id) {
      const Result<std::int64_t> inserted =
          ReadCount(Query(db, kInsertComment, article_id, parent, comment.nickname, comment.body,
                          comment.created_at));
      if (!inserted) return tl::unexpected(inserted.error());
      id = *inserted;
      if (Result<> done = PutKey(db, key, *id, ""); !done) return tl::unexpected(done.error());
    }
    written[comment.source_id] = {*id, parent.value_or(*id)};
  }
  if (Result<> done = Write(db, kRecountReplies, article_id); !done) return done;
  return Write(db, kRecountComments, article_id);
}

// Writes one imported article (new, or over the row it became before). REQUIRES: a write
// transaction is open on `db` and the content was validated.
template <typename Db>
Result<Imported> WriteImportedArticle(Db& db, const ImportedArticle& article, Timestamp at) {
  Result<std::optional<ImportedRecord>> key = ReadKey(db, article.key);
  if (!key) return tl::unexpected(key.error());
  if (*key && (*key)->fingerprint == article.fingerprint) {
    return Imported{.id = (*key)->id, .outcome = ImportOutcome::kUnchanged};
  }
  if (*key) {
    // The newsroom's edits win over the old system's copy: a paper moving over keeps
    // correcting articles in sinmun while it imports the export again for the rest.
    const Result<std::int64_t> edited = ReadCount(Query(db, kEditedInNewsroom, (*key)->id));
    if (!edited) return tl::unexpected(edited.error());
    if (*edited > 0) {
      return Imported{.id = (*key)->id, .outcome = ImportOutcome::kKeptNewsroomEdit};
    }
  }
  const ArticleContent& content = article.content;
  const std::string snippet = SnippetOf(content.body_markdown);
  const std::string_view status = StatusName(article.status);
  Imported result{.outcome = ImportOutcome::kCreated};
  if (*key) {
    const Result<std::int64_t> updated = ReadAffected(
        Query(db, kUpdateArticle, (*key)->id, content.section_id, status, article.registered_at,
              article.modified_at, content.headline, snippet, content.body_markdown));
    if (!updated) return tl::unexpected(ExplainContentError(updated.error()));
    // A row deleted since (a draft thrown away in the newsroom) is written again.
    if (*updated > 0) result = Imported{.id = (*key)->id, .outcome = ImportOutcome::kUpdated};
  }
  if (result.outcome == ImportOutcome::kCreated) {
    const Result<std::int64_t> id =
        ReadCount(Query(db, kInsertArticle, content.section_id, status, article.registered_at,
                        article.modified_at, at, content.headline, snippet, content.body_markdown));
    if (!id) return tl::unexpected(ExplainContentError(id.error()));
    result.id = *id;
  }
  const bool published = article.status == ArticleStatus::kPublished;
  if (!published || result.outcome == ImportOutcome::kUpdated) {
    const std::optional<Timestamp> publish_at = article.status == ArticleStatus::kScheduled
                                                    ? std::optional(article.registered_at)
                                                    : std::nullopt;
    if (Result<> done =
            Write(db, kPutDesk, result.id, at, publish_at, std::int64_t{published ? 1 : 0});
        !done) {
      return tl::unexpected(done.error());
    }
  }
  if (Result<> done = desk::WriteChildren(db, result.id, content); !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  if (Result<> done = PutPaths(db, article.old_paths, LegacyKind::kArticle, result.id, ""); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = WriteImportedComments(db, article, result.id); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = PutKey(db, article.key, result.id, article.fingerprint); !done) {
    return tl::unexpected(done.error());
  }
  const char* kind = result.outcome == ImportOutcome::kCreated ? "insert" : "update";
  if (Result<> done = LogChange(db, result.id, kind, at); !done) {
    return tl::unexpected(done.error());
  }
  return result;
}

}  // namespace import_sql

template <typename B>
Result<Imported> SqlStore<B>::ImportReporter(const ImportedReporter& reporter) {
  using namespace import_sql;  // NOLINT(google-build-using-namespace): this file's statements
  if (reporter.reporter.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a reporter needs a name");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<Imported> {
    Result<std::optional<ImportedRecord>> key = ReadKey(db, reporter.key);
    if (!key) return tl::unexpected(key.error());
    if (*key && (*key)->fingerprint == reporter.fingerprint) {
      return Imported{.id = (*key)->id, .outcome = ImportOutcome::kUnchanged};
    }
    Imported result{.outcome = ImportOutcome::kCreated};
    if (*key) {
      const Result<std::int64_t> updated =
          ReadAffected(Query(db, import_sql::kUpdateReporter, (*key)->id, reporter.reporter.name,
                             reporter.reporter.email));
      if (!updated) return tl::unexpected(updated.error());
      if (*updated > 0) {
        result = Imported{.id = (*key)->id, .outcome = ImportOutcome::kUpdated};
      }
    }
    if (result.outcome == ImportOutcome::kCreated) {
      const Result<std::int64_t> id =
          ReadCount(Query(db, catalog_sql::kInsertReporter, reporter.reporter.name,
                          reporter.reporter.email, reporter.reporter.bio));
      if (!id) return tl::unexpected(id.error());
      result.id = *id;
      if (!reporter.reporter.email.empty()) {
        if (Result<> done = Write(db, kInsertAccount, reporter.reporter.email,
                                  reporter.reporter.name, result.id, reporter.at);
            !done) {
          return tl::unexpected(done.error());
        }
      }
    }
    return EndSiteImport(db, reporter, LegacyKind::kReporter, "", "reporter", result);
  });
}

template <typename B>
Result<Imported> SqlStore<B>::ImportSection(const ImportedSection& section) {
  using namespace import_sql;  // NOLINT(google-build-using-namespace): this file's statements
  const NewSection& wanted = section.section;
  if (wanted.slug.empty() || wanted.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a section needs a slug and a name");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<Imported> {
    // The position of a new section is read from the others: two nodes take turns.
    if (Result<> locked = Write(db, kLockChanges); !locked) return tl::unexpected(locked.error());
    Result<std::optional<ImportedRecord>> key = ReadKey(db, section.key);
    if (!key) return tl::unexpected(key.error());
    if (*key && (*key)->fingerprint == section.fingerprint) {
      return Imported{.id = (*key)->id, .outcome = ImportOutcome::kUnchanged};
    }
    Imported result{.outcome = ImportOutcome::kCreated};
    // By slug, not by the key's id: the slug is the section's address, which an import keeps.
    const Result<std::optional<std::int64_t>> existing =
        ReadOptionalInt(Query(db, kSectionIdBySlug, wanted.slug));
    if (!existing) return tl::unexpected(existing.error());
    if (*existing) {
      if (Result<> done = Write(db, kRenameSection, **existing, wanted.name); !done) {
        return tl::unexpected(done.error());
      }
      result = Imported{.id = **existing,
                        .outcome = *key ? ImportOutcome::kUpdated : ImportOutcome::kCreated};
    } else {
      const Result<std::int64_t> id =
          ReadCount(Query(db, account_sql::kInsertSection, wanted.slug, wanted.name, false));
      if (!id) return tl::unexpected(id.error());
      result.id = *id;
    }
    return EndSiteImport(db, section, LegacyKind::kSection, wanted.slug, "section", result);
  });
}

template <typename B>
Result<std::vector<Imported>> SqlStore<B>::ImportArticles(
    const std::vector<ImportedArticle>& articles, Timestamp at) {
  for (const ImportedArticle& article : articles) {
    if (article.status == ArticleStatus::kUnpublished) {
      return Fail(ErrorCode::kInvalidInput, "an imported article cannot be unpublished");
    }
    if (Result<> valid = ValidateContent(article.content); !valid) {
      return tl::unexpected(
          Explain(valid.error(), fmt::format("{} {}", article.key.kind, article.key.id)));
    }
  }
  if (articles.empty()) return std::vector<Imported>{};
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::vector<Imported>> {
    std::vector<Imported> results;
    results.reserve(articles.size());
    for (const ImportedArticle& article : articles) {
      Result<Imported> done = import_sql::WriteImportedArticle(db, article, at);
      if (!done) {
        return tl::unexpected(
            Explain(done.error(), fmt::format("{} {}", article.key.kind, article.key.id)));
      }
      results.push_back(*done);
    }
    return results;
  });
}

template <typename B>
Result<> SqlStore<B>::PutLegacyPaths(const std::vector<LegacyPath>& paths) {
  if (paths.empty()) return {};
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    for (const LegacyPath& path : paths) {
      if (Result<> done = Write(db, import_sql::kPutPath, path.path,
                                LegacyKindName(path.target.kind), path.target.id, path.target.name);
          !done) {
        return done;
      }
    }
    return {};
  });
}

template <typename B>
Result<LegacyTarget> SqlStore<B>::LegacyPathTarget(std::string_view path) const {
  return ReadOneOn<LegacyTarget>(
      backend(),
      [](const auto& row) {
        return LegacyTarget{.kind = LegacyKindNamed(row.Text(0)).value_or(LegacyKind::kArticle),
                            .id = row.Int(1),
                            .name = row.Text(2)};
      },
      fmt::format("no old address {}", path), import_sql::kPathTarget, path);
}

template <typename B>
Result<std::optional<ImportedRecord>> SqlStore<B>::ImportedRecordOf(const SourceKey& key) const {
  return backend().OnReader([&](auto& db) { return import_sql::ReadKey(db, key); });
}

template <typename B>
Result<> SqlStore<B>::RecordImport(const SourceKey& key, std::int64_t id,
                                   std::string_view fingerprint) {
  return backend().OnWriteTransaction(
      [&](auto& db) { return import_sql::PutKey(db, key, id, std::string(fingerprint)); });
}

}  // namespace sinmun::store
