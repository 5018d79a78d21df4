#pragma once
// The newsroom desk's writes and their statements, shared by the desk (sql/desk_methods.hpp)
// and the archive import (sql/import_methods.hpp). `Db` is a backend's connection, for which
// Query and Write are found by argument-dependent lookup (sql/sql_store.hpp). Internal to
// store/.
// REQUIRES (every function): a write transaction is open on `writer`.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/row_reads.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::desk {

inline const Sql kUpdateContent{
    "UPDATE articles SET section_id = ?2, headline = ?3, snippet = ?4, body_markdown = ?5, "
    "kind = ?7, video = ?8, gallery = ?9, modified_at = CASE WHEN status = 'published' THEN ?6 "
    "ELSE modified_at "
    "END WHERE id "
    "= ?1"};
// Creates or updates the desk row. A row created here for an article that predates the
// newsroom (an import or the demo) counts it as published once: those were all published.
inline const Sql kUpsertDesk{
    "INSERT INTO article_desk (article_id, revision, created_by, updated_at, publish_at, "
    "published_once) VALUES (?1, ?2, ?3, ?4, NULL, ?5) "
    "ON CONFLICT (article_id) DO UPDATE SET revision = excluded.revision, "
    "updated_at = excluded.updated_at"};
inline const Sql kDeleteSubheadlines{"DELETE FROM article_subheadlines WHERE article_id = ?1"};
inline const Sql kInsertSubheadline{
    "INSERT INTO article_subheadlines (article_id, position, text) VALUES (?1, ?2, ?3)"};
inline const Sql kDeleteBylines{"DELETE FROM article_reporters WHERE article_id = ?1"};
inline const Sql kInsertByline{
    "INSERT INTO article_reporters (article_id, reporter_id, position) VALUES (?1, ?2, ?3)"};
inline const Sql kDeleteTags{"DELETE FROM article_tags WHERE article_id = ?1"};
inline const Sql kInsertTag{
    "INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)"};
inline const Sql kDeleteCorrection{"DELETE FROM article_corrections WHERE article_id = ?1"};
inline const Sql kInsertCorrection{
    "INSERT INTO article_corrections (article_id, text) VALUES (?1, ?2)"};
inline const Sql kDeleteArticlePhoto{"DELETE FROM article_photos WHERE article_id = ?1"};
inline const Sql kInsertArticlePhoto{
    "INSERT INTO article_photos (article_id, photo_id, caption, credit) VALUES (?1, ?2, ?3, ?4)"};
inline const Sql kDeleteGallery{"DELETE FROM article_gallery WHERE article_id = ?1"};
inline const Sql kInsertGallery{
    "INSERT INTO article_gallery (article_id, position, photo_id, caption, credit) "
    "VALUES (?1, ?2, ?3, ?4, ?5)"};
inline const Sql kInsertRevision{
    "INSERT INTO article_revisions (article_id, revision, saved_by, saved_at, section_id, "
    "headline, subheadlines, reporter_ids, tags, correction, photo_id, photo_caption, "
    "photo_credit, body_markdown, kind, video, gallery, photos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"};

// Status and revision of one article, for the checks that precede a write; PostgreSQL keeps
// the article row locked until the writing transaction ends, so no other node writes between.
inline const Sql kDeskState{
    "SELECT a.status, COALESCE(d.revision, 0), COALESCE(d.published_once, TRUE){::int}, "
    "d.article_id "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id WHERE a.id = ?1"
    "{for:UPDATE OF a}"};

inline const Sql kSetStatus{"UPDATE articles SET status = ?2 WHERE id = ?1"};
inline const Sql kFirstPublication{
    "UPDATE articles SET status = 'published', registered_at = ?2, modified_at = NULL "
    "WHERE id = ?1"};
inline const Sql kRepublication{
    "UPDATE articles SET status = 'published', modified_at = ?2 WHERE id = ?1"};
inline const Sql kDeskStatus{
    "UPDATE article_desk SET publish_at = ?2, updated_at = ?3, "
    "published_once = published_once OR ?4 WHERE article_id = ?1"};

// Status and revision of one article, read before a desk write decides what to do.
struct DeskState {
  ArticleStatus status = ArticleStatus::kDraft;
  RevisionNumber revision = 0;
  bool published_once = false;
  bool has_desk_row = false;
};

// Reads the article's state with kDeskState (locking its row on PostgreSQL).
template <typename Db>
Result<DeskState> ReadDeskState(Db& writer, ArticleId id) {
  return ReadOne<DeskState>(
      Query(writer, kDeskState, id),
      [](const auto& row) {
        return DeskState{.status = StatusNamed(row.Text(0)).value_or(ArticleStatus::kPublished),
                         .revision = row.Int(1),
                         .published_once = row.Int(2) != 0,
                         .has_desk_row = row.OptionalInt(3).has_value()};
      },
      fmt::format("no article {}", id));
}

// Inserts the article's sub-headlines, bylines, tags, correction and photos from `content`
// (its other fields are not read), each list in its order. A foreign-key failure (kInvalidInput)
// names the reporter or photo id that is unknown. REQUIRES: the article has none of them yet.
template <typename Db>
Result<> InsertChildren(Db& writer, ArticleId id, const ArticleContent& content) {
  for (size_t i = 0; i < content.subheadlines.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(writer, kInsertSubheadline, id, position, content.subheadlines[i]);
        !done) {
      return done;
    }
  }
  // Bylines bind (article, reporter, position): another column order than the other lists.
  for (size_t i = 0; i < content.reporter_ids.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(writer, kInsertByline, id, content.reporter_ids[i], position);
        !done) {
      return tl::unexpected(
          Explain(done.error(), fmt::format("unknown reporter id {}", content.reporter_ids[i])));
    }
  }
  for (size_t i = 0; i < content.tags.size(); ++i) {
    const auto position = static_cast<std::int64_t>(i);
    if (Result<> done = Write(writer, kInsertTag, id, position, content.tags[i]); !done) {
      return done;
    }
  }
  if (!content.correction.empty()) {
    if (Result<> done = Write(writer, kInsertCorrection, id, content.correction); !done) {
      return done;
    }
  }
  if (content.photo_id) {
    if (Result<> done = Write(writer, kInsertArticlePhoto, id, *content.photo_id,
                              content.photo_caption, content.photo_credit);
        !done) {
      return tl::unexpected(
          Explain(done.error(), fmt::format("unknown photo id {}", *content.photo_id)));
    }
  }
  for (size_t i = 0; i < content.photos.size(); ++i) {
    const PhotoPlacement& photo = content.photos[i];
    if (Result<> done = Write(writer, kInsertGallery, id, static_cast<std::int64_t>(i),
                              photo.photo_id, photo.caption, photo.credit);
        !done) {
      return tl::unexpected(
          Explain(done.error(), fmt::format("unknown photo id {}", photo.photo_id)));
    }
  }
  return {};
}

// Replaces the article's sub-headlines, bylines, tags, correction and photos with `content`'s.
template <typename Db>
Result<> WriteChildren(Db& writer, ArticleId id, const ArticleContent& content) {
  for (const Sql* remove : {&kDeleteSubheadlines, &kDeleteBylines, &kDeleteTags, &kDeleteCorrection,
                            &kDeleteArticlePhoto, &kDeleteGallery}) {
    if (Result<> done = Write(writer, *remove, id); !done) return done;
  }
  return InsertChildren(writer, id, content);
}

// Writes `content` as revision `number` of the article.
template <typename Db>
Result<> WriteRevision(Db& writer, ArticleId id, RevisionNumber number,
                       const ArticleContent& content, UserId by, Timestamp at) {
  return Write(writer, kInsertRevision, id, number, by, at, content.section_id, content.headline,
               JoinLines(content.subheadlines), JoinIds(content.reporter_ids),
               JoinLines(content.tags), content.correction, content.photo_id, content.photo_caption,
               content.photo_credit, content.body_markdown, ArticleKindName(content.kind),
               content.video, std::int64_t{content.gallery ? 1 : 0},
               JoinPlacements(content.photos));
}

// Sets the status of an article whose `state` was just read (and locked) to `to`, when it is
// in one of `from`; kConflict otherwise. `publish_at` is kept on the desk row (set only for
// kScheduled). The caller appends the change.
template <typename Db>
Result<> ApplyStatus(Db& writer, const DeskState& state, ArticleId id,
                     std::initializer_list<ArticleStatus> from, ArticleStatus to, Timestamp at,
                     std::optional<Timestamp> publish_at) {
  if (std::find(from.begin(), from.end(), state.status) == from.end()) {
    return Fail(ErrorCode::kConflict, fmt::format("article {} is {}, cannot become {}", id,
                                                  StatusName(state.status), StatusName(to)));
  }
  if (!state.has_desk_row) {
    // An article from before the newsroom: give it a desk row to hold its status.
    if (Result<> done =
            Write(writer, kUpsertDesk, id, RevisionNumber{0}, UserId{0}, at, std::int64_t{1});
        !done) {
      return done;
    }
  }
  Result<> done;
  if (to == ArticleStatus::kPublished) {
    done = state.published_once ? Write(writer, kRepublication, id, at)
                                : Write(writer, kFirstPublication, id, at);
  } else {
    done = Write(writer, kSetStatus, id, StatusName(to));
  }
  if (!done) return done;
  const bool now_published_once = state.published_once || to == ArticleStatus::kPublished;
  return Write(writer, kDeskStatus, id, publish_at, at, std::int64_t{now_published_once ? 1 : 0});
}

// Store::SaveArticle inside its write transaction, once `content` is validated: checks
// `base_revision` against the article's (kConflict when someone saved in between), keeps an
// article from before the newsroom as revision 1, then writes the content, its lists, the
// revision and the change. read_article(writer, id) reads a whole article, each backend its
// own way (Backend::ReadDeskArticle).
template <typename Db, typename ReadArticle>
Result<RevisionNumber> SaveContent(Db& writer, ArticleId id, const ArticleContent& content,
                                   const std::string& snippet, RevisionNumber base_revision,
                                   UserId by, Timestamp at, ReadArticle read_article) {
  const Result<DeskState> state = ReadDeskState(writer, id);
  if (!state) return tl::unexpected(state.error());
  if (state->revision != base_revision) {
    return Fail(ErrorCode::kConflict,
                fmt::format("article {} is at revision {}, the save started from {}", id,
                            state->revision, base_revision));
  }
  RevisionNumber number = base_revision + 1;
  if (base_revision == 0) {
    // The article predates the newsroom: keep what it was as revision 1 (saved by no one)
    // before this save becomes revision 2, so that the first edit can be undone too.
    Result<DeskArticle> original = read_article(writer, id);
    if (!original) return tl::unexpected(original.error());
    if (Result<> done = WriteRevision(writer, id, 1, original->content, UserId{0},
                                      original->registered_at.value_or(at));
        !done) {
      return tl::unexpected(done.error());
    }
    number = 2;
  }
  if (Result<> done = Write(writer, kUpdateContent, id, content.section_id, content.headline,
                            snippet, content.body_markdown, at, ArticleKindName(content.kind),
                            content.video, std::int64_t{content.gallery ? 1 : 0});
      !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  // A desk row made here (revision 0 before) has no author: created_by 0, like no row.
  const UserId author = base_revision == 0 ? UserId{0} : by;
  if (Result<> done = Write(writer, kUpsertDesk, id, number, author, at, std::int64_t{1}); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = WriteChildren(writer, id, content); !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  if (Result<> done = WriteRevision(writer, id, number, content, by, at); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = LogChange(writer, id, "update", at); !done) {
    return tl::unexpected(done.error());
  }
  return number;
}

}  // namespace sinmun::store::desk
