#pragma once
// SqlStore: the newsroom desk (issue #3), for both backends. Drafts, the workflow between
// statuses, a revision for every save, tags, correction notes and photos; the write steps and
// their statements are in desk_writes.hpp. Where SQLite's single writer makes a check and the write
// after it atomic, PostgreSQL locks the row checked ({for:UPDATE OF a}) until the transaction ends.
// Reading a whole desk article is each backend's own (Backend::ReadDeskArticle): PostgreSQL
// reads it in one statement with arrays, SQLite in a few small ones.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <initializer_list>
#include <string>

#include "store/desk_writes.hpp"
#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/snippet.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace desk_sql {

inline const Sql kInsertDraft{
    "INSERT INTO articles (section_id, status, registered_at, modified_at, recommends, "
    "created_at, headline, snippet, body_markdown, kind, video, gallery) "
    "VALUES (?1, 'draft', ?2, NULL, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"};

inline const Sql kDeleteArticle{"DELETE FROM articles WHERE id = ?1"};
// SKIP LOCKED: a scheduler on another node publishing at the same moment takes the others.
inline const Sql kDue{
    "SELECT d.article_id, d.publish_at FROM article_desk d JOIN articles a ON a.id = d.article_id "
    "WHERE d.publish_at IS NOT NULL AND d.publish_at <= ?1 AND a.status = 'scheduled' "
    "ORDER BY d.publish_at, d.article_id{for:UPDATE OF a SKIP LOCKED}"};

inline const Sql kPublishedKinds{
    "SELECT kind, COUNT(*) FROM articles WHERE status = 'published' AND registered_at >= ?1 "
    "AND registered_at < ?2 GROUP BY kind ORDER BY kind"};
inline const Sql kRevisions{
    "SELECT revision, saved_by, saved_at, headline FROM article_revisions "
    "WHERE article_id = ?1 ORDER BY revision DESC"};
inline const Sql kRevision{
    "SELECT revision, saved_by, saved_at, section_id, headline, subheadlines, reporter_ids, "
    "tags, correction, photo_id, photo_caption, photo_credit, body_markdown, kind, video, "
    "gallery, photos FROM article_revisions WHERE article_id = ?1 AND revision = ?2"};
inline const Sql kInsertPhoto{
    "INSERT INTO photos (name, format, width, height, widths, uploaded_by, uploaded_at, webp) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"};
inline const Sql kPhotoById{
    "SELECT id, name, format, width, height, widths, uploaded_by, uploaded_at, webp{::int} "
    "FROM photos WHERE id = ?1"};

// Desk lists: [status,] created_by (or NULL), headline substring (or ''), limit; PostgreSQL
// wants every numbered parameter used, so the list without a status numbers from ?1.
// Published articles are listed by publication time, which the articles_latest index serves;
// the other statuses hold few articles and are listed by their latest change.
inline Sql DeskListSql(bool by_status, bool published) {
  const int first = by_status ? 2 : 1;
  return Sql(fmt::format(
      "SELECT a.id, a.status, a.headline, s.name, COALESCE(d.created_by, 0), "
      "COALESCE(d.updated_at, a.created_at) AS changed, d.publish_at, a.registered_at, "
      "COALESCE(d.published_once, TRUE){{::int}}, COALESCE(d.revision, 0) "
      "FROM articles a JOIN sections s ON s.id = a.section_id "
      "LEFT JOIN article_desk d ON d.article_id = a.id "
      "WHERE {} (?{}{{::bigint}} IS NULL OR d.created_by = ?{}) "
      "AND (?{}{{::text}} = '' OR {{strpos}}(a.headline, ?{}) > 0) ORDER BY {} LIMIT ?{}",
      by_status ? "a.status = ?1 AND" : "", first, first, first + 1, first + 1,
      published ? "a.registered_at DESC, a.id DESC" : "changed DESC, a.id DESC", first + 2));
}
inline const Sql kDeskListAny = DeskListSql(false, false);
inline const Sql kDeskListByStatus = DeskListSql(true, false);
inline const Sql kDeskListPublished = DeskListSql(true, true);

// Reads (and locks) the article's state, sets its status (desk::ApplyStatus) and appends the
// change. REQUIRES: a write transaction is open on `db`.
template <typename Db>
Result<> ChangeStatus(Db& db, ArticleId id, std::initializer_list<ArticleStatus> from,
                      ArticleStatus to, Timestamp at, std::optional<Timestamp> publish_at) {
  const Result<desk::DeskState> state = desk::ReadDeskState(db, id);
  if (!state) return tl::unexpected(state.error());
  if (Result<> done = desk::ApplyStatus(db, *state, id, from, to, at, publish_at); !done) {
    return done;
  }
  return LogChange(db, id, StatusName(to), at);
}

template <typename Backend>
Result<> ChangeStatusOf(Backend& backend, ArticleId id, std::initializer_list<ArticleStatus> from,
                        ArticleStatus to, Timestamp at, std::optional<Timestamp> publish_at) {
  return backend.OnWriteTransaction(
      [&](auto& db) { return ChangeStatus(db, id, from, to, at, publish_at); });
}

}  // namespace desk_sql

template <typename B>
Result<ArticleId> SqlStore<B>::CreateDraft(const ArticleContent& content, UserId by, Timestamp at) {
  using namespace desk_sql;  // NOLINT(google-build-using-namespace): this file's statements
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = SnippetOf(content.body_markdown);
  return backend().OnWriteTransaction([&](auto& db) -> Result<ArticleId> {
    const Result<std::int64_t> id = ReadCount(Query(
        db, kInsertDraft, content.section_id, at, content.headline, snippet, content.body_markdown,
        ArticleKindName(content.kind), content.video, std::int64_t{content.gallery ? 1 : 0}));
    if (!id) return tl::unexpected(ExplainContentError(id.error()));
    if (Result<> done =
            Write(db, desk::kUpsertDesk, *id, RevisionNumber{1}, by, at, std::int64_t{0});
        !done) {
      return tl::unexpected(done.error());
    }
    if (Result<> done = desk::WriteChildren(db, *id, content); !done) {
      return tl::unexpected(ExplainContentError(done.error()));
    }
    if (Result<> done = desk::WriteRevision(db, *id, 1, content, by, at); !done) {
      return tl::unexpected(done.error());
    }
    if (Result<> done = LogChange(db, *id, "insert", at); !done) {
      return tl::unexpected(done.error());
    }
    return *id;
  });
}

template <typename B>
Result<RevisionNumber> SqlStore<B>::SaveArticle(ArticleId id, const ArticleContent& content,
                                                RevisionNumber base_revision, UserId by,
                                                Timestamp at) {
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = SnippetOf(content.body_markdown);
  return backend().OnWriteTransaction([&](auto& db) -> Result<RevisionNumber> {
    // The state is read under the write lock (SQLite) or locked (PostgreSQL): no save can
    // come between the check and the write.
    return desk::SaveContent(
        db, id, content, snippet, base_revision, by, at,
        [](auto& writer, ArticleId article) { return B::ReadDeskArticle(writer, article); });
  });
}

template <typename B>
Result<DeskArticle> SqlStore<B>::DeskArticleById(ArticleId id) const {
  return backend().OnSnapshot([id](auto& db) { return B::ReadDeskArticle(db, id); });
}

template <typename B>
Result<std::vector<DeskSummary>> SqlStore<B>::DeskArticles(const DeskQuery& query) const {
  if (query.limit < 1 || query.limit > 200) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad desk list limit {}", query.limit));
  }
  return backend().OnReader([&](auto& db) {
    const auto read = [](const auto& row) { return rows::ReadDeskSummary(row); };
    if (!query.status) {
      return ReadAll<DeskSummary>(Query(db, desk_sql::kDeskListAny, query.created_by,
                                        query.headline_contains, std::int64_t{query.limit}),
                                  read);
    }
    const Sql& sql = *query.status == ArticleStatus::kPublished ? desk_sql::kDeskListPublished
                                                                : desk_sql::kDeskListByStatus;
    return ReadAll<DeskSummary>(Query(db, sql, StatusName(*query.status), query.created_by,
                                      query.headline_contains, std::int64_t{query.limit}),
                                read);
  });
}

template <typename B>
Result<> SqlStore<B>::SubmitArticle(ArticleId id, Timestamp at) {
  return desk_sql::ChangeStatusOf(backend(), id, {ArticleStatus::kDraft}, ArticleStatus::kSubmitted,
                                  at, std::nullopt);
}

template <typename B>
Result<> SqlStore<B>::PublishArticle(ArticleId id, Timestamp at) {
  return desk_sql::ChangeStatusOf(backend(), id,
                                  {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                                   ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                                  ArticleStatus::kPublished, at, std::nullopt);
}

template <typename B>
Result<> SqlStore<B>::ScheduleArticle(ArticleId id, Timestamp publish_at, Timestamp at) {
  if (publish_at <= at) {
    return Fail(ErrorCode::kInvalidInput, "a schedule must lie in the future");
  }
  return desk_sql::ChangeStatusOf(backend(), id,
                                  {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                                   ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                                  ArticleStatus::kScheduled, at, publish_at);
}

template <typename B>
Result<> SqlStore<B>::UnpublishArticle(ArticleId id, Timestamp at) {
  return desk_sql::ChangeStatusOf(backend(), id,
                                  {ArticleStatus::kPublished, ArticleStatus::kScheduled},
                                  ArticleStatus::kUnpublished, at, std::nullopt);
}

template <typename B>
Result<> SqlStore<B>::DeleteDraft(ArticleId id, Timestamp at) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<desk::DeskState> state = desk::ReadDeskState(db, id);
    if (!state) return tl::unexpected(state.error());
    if (state->status != ArticleStatus::kDraft) {
      return Fail(ErrorCode::kConflict, fmt::format("article {} is {}, only drafts are deleted", id,
                                                    StatusName(state->status)));
    }
    // Sub-headlines, bylines, tags, revisions and the desk row go with it (ON DELETE CASCADE).
    if (Result<> done = Write(db, desk_sql::kDeleteArticle, id); !done) return done;
    return LogChange(db, id, "delete", at);
  });
}

template <typename B>
Result<std::vector<ArticleId>> SqlStore<B>::PublishDue(Timestamp now) {
  struct Due {
    ArticleId id;
    Timestamp publish_at;
  };
  std::vector<ArticleId> published;
  Result<> done = backend().OnWriteTransaction([&](auto& db) -> Result<> {
    published.clear();  // a retried transaction starts over
    Result<std::vector<Due>> due = ReadAll<Due>(
        Query(db, desk_sql::kDue, now),
        [](const auto& row) { return Due{.id = row.Int(0), .publish_at = row.Int(1)}; });
    if (!due) return tl::unexpected(due.error());
    for (const Due& article : *due) {
      if (Result<> changed =
              desk_sql::ChangeStatus(db, article.id, {ArticleStatus::kScheduled},
                                     ArticleStatus::kPublished, article.publish_at, std::nullopt);
          !changed) {
        return changed;
      }
      published.push_back(article.id);
    }
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return published;
}

template <typename B>
Result<std::vector<RevisionInfo>> SqlStore<B>::Revisions(ArticleId id) const {
  return backend().OnSnapshot([id](auto& db) -> Result<std::vector<RevisionInfo>> {
    const Result<> exists = row_checks::RequireRow(db, fmt::format("no article {}", id),
                                                   row_checks::kArticleExists, id);
    if (!exists) return tl::unexpected(exists.error());
    return ReadAll<RevisionInfo>(Query(db, desk_sql::kRevisions, id), [](const auto& row) {
      return RevisionInfo{.number = row.Int(0),
                          .saved_by = row.Int(1),
                          .saved_at = row.Int(2),
                          .headline = row.Text(3)};
    });
  });
}

template <typename B>
Result<Revision> SqlStore<B>::RevisionOf(ArticleId id, RevisionNumber number) const {
  return ReadOneOn<Revision>(
      backend(), [id](const auto& row) { return rows::ReadRevision(row, id); },
      fmt::format("no revision {} of article {}", number, id), desk_sql::kRevision, id, number);
}

template <typename B>
Result<PhotoId> SqlStore<B>::InsertPhoto(const Photo& photo) {
  if (photo.name.empty() || photo.widths.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a photo needs a name and its widths");
  }
  const std::string widths =
      JoinIds(std::vector<std::int64_t>(photo.widths.begin(), photo.widths.end()));
  return InsertOn(backend(), desk_sql::kInsertPhoto, photo.name, photo.format,
                  std::int64_t{photo.width}, std::int64_t{photo.height}, widths, photo.uploaded_by,
                  photo.uploaded_at, photo.webp);
}

template <typename B>
Result<Photo> SqlStore<B>::PhotoById(PhotoId id) const {
  return ReadOneOn<Photo>(
      backend(), [](const auto& row) { return rows::ReadPhoto(row); },
      fmt::format("no photo {}", id), desk_sql::kPhotoById, id);
}

template <typename B>
Result<std::vector<std::pair<ArticleKind, std::int64_t>>> SqlStore<B>::PublishedKinds(
    Timestamp from, Timestamp to) const {
  using Count = std::pair<ArticleKind, std::int64_t>;
  return ReadAllOn<Count>(
      backend(),
      [](const auto& row) {
        return Count(ParseArticleKind(row.Text(0)).value_or(ArticleKind::kOwn), row.Int(1));
      },
      desk_sql::kPublishedKinds, from, to);
}

}  // namespace sinmun::store
