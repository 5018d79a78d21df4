// PgStore: the newsroom desk (issue #3). Drafts, the workflow between statuses, a revision
// for every save, tags, correction notes and photos. See store.hpp for the contracts and
// sqlite_desk.cpp for the reference. Where SQLite's single writer makes a check and the write
// after it atomic, the row checked is locked here (FOR UPDATE) until the transaction ends.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "store/desk_writes.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::postgres {
namespace {

constexpr size_t kSnippetChars = 150;  // as for articles inserted by InsertArticles

// ---- SQL (static storage: prepared statements are cached by pointer) ----

constexpr char kInsertDraft[] =
    "INSERT INTO articles (section_id, status, registered_at, modified_at, views, recommends, "
    "created_at, headline, snippet, body_markdown) "
    "VALUES ($1, 'draft', $2, NULL, 0, 0, $2, $3, $4, $5) RETURNING id";
constexpr char kUpdateContent[] =
    "UPDATE articles SET section_id = $2, headline = $3, snippet = $4, body_markdown = $5, "
    "modified_at = CASE WHEN status = 'published' THEN $6 ELSE modified_at END WHERE id = $1";
// Creates or updates the desk row. A row created here for an article that predates the
// newsroom (an import or the demo) counts it as published once: those were all published.
constexpr char kUpsertDesk[] =
    "INSERT INTO article_desk (article_id, revision, created_by, updated_at, publish_at, "
    "published_once) VALUES ($1, $2, $3, $4, NULL, $5) "
    "ON CONFLICT (article_id) DO UPDATE SET revision = excluded.revision, "
    "updated_at = excluded.updated_at";
constexpr char kDeleteSubheadlines[] = "DELETE FROM article_subheadlines WHERE article_id = $1";
constexpr char kInsertSubheadline[] =
    "INSERT INTO article_subheadlines (article_id, position, text) VALUES ($1, $2, $3)";
constexpr char kDeleteBylines[] = "DELETE FROM article_reporters WHERE article_id = $1";
constexpr char kInsertByline[] =
    "INSERT INTO article_reporters (article_id, reporter_id, position) VALUES ($1, $2, $3)";
constexpr char kDeleteTags[] = "DELETE FROM article_tags WHERE article_id = $1";
constexpr char kInsertTag[] =
    "INSERT INTO article_tags (article_id, position, tag) VALUES ($1, $2, $3)";
constexpr char kDeleteCorrection[] = "DELETE FROM article_corrections WHERE article_id = $1";
constexpr char kInsertCorrection[] =
    "INSERT INTO article_corrections (article_id, text) VALUES ($1, $2)";
constexpr char kDeleteArticlePhoto[] = "DELETE FROM article_photos WHERE article_id = $1";
constexpr char kInsertArticlePhoto[] =
    "INSERT INTO article_photos (article_id, photo_id, caption, credit) VALUES ($1, $2, $3, $4)";
constexpr char kInsertRevision[] =
    "INSERT INTO article_revisions (article_id, revision, saved_by, saved_at, section_id, "
    "headline, subheadlines, reporter_ids, tags, correction, photo_id, photo_caption, "
    "photo_credit, body_markdown) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $14)";

// Status and revision of one article, for the checks that precede a write. The article row
// stays locked until the writing transaction ends, so no other node writes in between.
constexpr char kDeskState[] =
    "SELECT a.status, COALESCE(d.revision, 0), COALESCE(d.published_once, true)::int, "
    "d.article_id "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id WHERE a.id = $1 "
    "FOR UPDATE OF a";

// An article in any status whole, in one statement: the head that ReadDeskArticleHead reads
// (columns 0-11), then sub-headlines, byline ids and tags as arrays, the correction and the
// lead photo's id, caption and credit.
constexpr char kDeskArticle[] =
    "SELECT a.id, a.status, a.section_id, a.headline, a.registered_at, a.modified_at, "
    "COALESCE(d.revision, 0), COALESCE(d.created_by, 0), COALESCE(d.updated_at, a.created_at), "
    "d.publish_at, COALESCE(d.published_once, true)::int, a.body_markdown, "
    "ARRAY(SELECT text FROM article_subheadlines WHERE article_id = a.id ORDER BY position), "
    "ARRAY(SELECT reporter_id FROM article_reporters WHERE article_id = a.id "
    "ORDER BY position), "
    "ARRAY(SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position), "
    "(SELECT text FROM article_corrections WHERE article_id = a.id), "
    "ap.photo_id, ap.caption, ap.credit "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id "
    "LEFT JOIN article_photos ap ON ap.article_id = a.id WHERE a.id = $1";

constexpr char kSetStatus[] = "UPDATE articles SET status = $2 WHERE id = $1";
constexpr char kFirstPublication[] =
    "UPDATE articles SET status = 'published', registered_at = $2, modified_at = NULL "
    "WHERE id = $1";
constexpr char kRepublication[] =
    "UPDATE articles SET status = 'published', modified_at = $2 WHERE id = $1";
constexpr char kDeskStatus[] =
    "UPDATE article_desk SET publish_at = $2, updated_at = $3, "
    "published_once = published_once OR $4 WHERE article_id = $1";
constexpr char kDeleteArticle[] = "DELETE FROM articles WHERE id = $1";
constexpr char kDue[] =
    "SELECT d.article_id, d.publish_at FROM article_desk d JOIN articles a ON a.id = d.article_id "
    "WHERE d.publish_at IS NOT NULL AND d.publish_at <= $1 AND a.status = 'scheduled' "
    "ORDER BY d.publish_at, d.article_id FOR UPDATE OF a SKIP LOCKED";

constexpr char kArticleExists[] = "SELECT 1 FROM articles WHERE id = $1";
constexpr char kRevisions[] =
    "SELECT revision, saved_by, saved_at, headline FROM article_revisions "
    "WHERE article_id = $1 ORDER BY revision DESC";
constexpr char kRevision[] =
    "SELECT revision, saved_by, saved_at, section_id, headline, subheadlines, reporter_ids, "
    "tags, correction, photo_id, photo_caption, photo_credit, body_markdown "
    "FROM article_revisions WHERE article_id = $1 AND revision = $2";

constexpr char kInsertPhoto[] =
    "INSERT INTO photos (name, format, width, height, widths, uploaded_by, uploaded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr char kPhotoById[] =
    "SELECT id, name, format, width, height, widths, uploaded_by, uploaded_at FROM photos "
    "WHERE id = $1";

// Desk lists: [status,] created_by (or NULL), headline substring (or ''), limit; PostgreSQL
// wants every numbered parameter used, so the list without a status numbers from $1.
// Published articles are listed by publication time, which the articles_latest index serves;
// the other statuses hold few articles and are listed by their latest change.
std::string DeskListSql(bool by_status, bool published) {
  const int first = by_status ? 2 : 1;
  return fmt::format(
      "SELECT a.id, a.status, a.headline, s.name, COALESCE(d.created_by, 0), "
      "COALESCE(d.updated_at, a.created_at) AS changed, d.publish_at, a.registered_at, "
      "COALESCE(d.published_once, true)::int, COALESCE(d.revision, 0) "
      "FROM articles a JOIN sections s ON s.id = a.section_id "
      "LEFT JOIN article_desk d ON d.article_id = a.id "
      "WHERE {} (${}::bigint IS NULL OR d.created_by = ${}) "
      "AND (${}::text = '' OR strpos(a.headline, ${}) > 0) ORDER BY {} LIMIT ${}",
      by_status ? "a.status = $1 AND" : "", first, first, first + 1, first + 1,
      published ? "a.registered_at DESC, a.id DESC" : "changed DESC, a.id DESC", first + 2);
}
const std::string kDeskListAny = DeskListSql(false, false);
const std::string kDeskListByStatus = DeskListSql(true, false);
const std::string kDeskListPublished = DeskListSql(true, true);

const desk::DeskSql kDeskSql = {
    .delete_subheadlines = kDeleteSubheadlines,
    .insert_subheadline = kInsertSubheadline,
    .delete_bylines = kDeleteBylines,
    .insert_byline = kInsertByline,
    .delete_tags = kDeleteTags,
    .insert_tag = kInsertTag,
    .delete_correction = kDeleteCorrection,
    .insert_correction = kInsertCorrection,
    .delete_article_photo = kDeleteArticlePhoto,
    .insert_article_photo = kInsertArticlePhoto,
    .insert_revision = kInsertRevision,
    .upsert_desk = kUpsertDesk,
    .set_status = kSetStatus,
    .first_publication = kFirstPublication,
    .republication = kRepublication,
    .desk_status = kDeskStatus,
    .update_content = kUpdateContent,
};

using desk::DeskState;

// ---- Reading ----

Result<DeskState> ReadDeskState(Connection& connection, ArticleId id) {
  return ReadOne<DeskState>(Query(connection, kDeskState, id), desk::ReadDeskStateRow<Row>,
                            fmt::format("no article {}", id));
}

// REQUIRES: inside a snapshot or a write transaction.
Result<DeskArticle> ReadDeskArticle(Connection& connection, ArticleId id) {
  return ReadOne<DeskArticle>(
      Query(connection, kDeskArticle, id),
      [](const Row& row) {
        DeskArticle article = store::rows::ReadDeskArticleHead(row);
        ArticleContent& content = article.content;
        content.subheadlines = row.TextArray(12);
        content.reporter_ids = row.IntArray(13);
        content.tags = row.TextArray(14);
        if (!row.IsNull(15)) content.correction = row.Text(15);
        if (!row.IsNull(16)) {
          content.photo_id = row.Int(16);
          content.photo_caption = row.Text(17);
          content.photo_credit = row.Text(18);
        }
        return article;
      },
      fmt::format("no article {}", id));
}

// ---- Writing (REQUIRES: a write transaction is open on `writer`) ----

// Reads (and locks) the article's state, sets its status (desk::ApplyStatus) and appends the
// change.
Result<> ChangeStatus(Connection& writer, ArticleId id, std::initializer_list<ArticleStatus> from,
                      ArticleStatus to, Timestamp at, std::optional<Timestamp> publish_at) {
  const Result<DeskState> state = ReadDeskState(writer, id);
  if (!state) return tl::unexpected(state.error());
  if (Result<> done = desk::ApplyStatus(writer, *state, id, from, to, at, publish_at, kDeskSql);
      !done) {
    return done;
  }
  return AppendChange(writer, id, StatusName(to), at);
}

}  // namespace

Result<ArticleId> PgStore::CreateDraft(const ArticleContent& content, UserId by, Timestamp at) {
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = Excerpt(content.body_markdown, kSnippetChars);

  return InWriteTransaction(pool(), [&](Connection& writer) -> Result<ArticleId> {
    Result<std::int64_t> inserted =
        ReadCount(Query(writer, kInsertDraft, content.section_id, at, content.headline, snippet,
                        content.body_markdown));
    if (!inserted) return tl::unexpected(ExplainContentError(inserted.error()));
    const ArticleId id = *inserted;
    if (Result<> done = Write(writer, kUpsertDesk, id, RevisionNumber{1}, by, at, std::int64_t{0});
        !done) {
      return tl::unexpected(done.error());
    }
    if (Result<> done = desk::WriteChildren(writer, id, content, kDeskSql); !done) {
      return tl::unexpected(ExplainContentError(done.error()));
    }
    if (Result<> done = desk::WriteRevision(writer, id, 1, content, by, at, kDeskSql); !done) {
      return tl::unexpected(done.error());
    }
    if (Result<> done = AppendChange(writer, id, "insert", at); !done) {
      return tl::unexpected(done.error());
    }
    return id;
  });
}

Result<RevisionNumber> PgStore::SaveArticle(ArticleId id, const ArticleContent& content,
                                            RevisionNumber base_revision, UserId by, Timestamp at) {
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = Excerpt(content.body_markdown, kSnippetChars);

  return InWriteTransaction(pool(), [&](Connection& writer) -> Result<RevisionNumber> {
    // ReadDeskState locks the article row: no save can come between the check and the write.
    return desk::SaveContent(writer, id, content, snippet, base_revision, by, at, kDeskSql,
                             ReadDeskState, ReadDeskArticle, AppendChange);
  });
}

Result<DeskArticle> PgStore::DeskArticleById(ArticleId id) const {
  return InSnapshot(pool(),
                    [id](Connection& connection) { return ReadDeskArticle(connection, id); });
}

Result<std::vector<DeskSummary>> PgStore::DeskArticles(const DeskQuery& query) const {
  if (query.limit < 1 || query.limit > 200) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad desk list limit {}", query.limit));
  }
  const std::string& sql = !query.status                                ? kDeskListAny
                           : *query.status == ArticleStatus::kPublished ? kDeskListPublished
                                                                        : kDeskListByStatus;
  std::vector<Param> params;
  if (query.status) params.push_back(ToParam(StatusName(*query.status)));
  params.push_back(ToParam(query.created_by));
  params.push_back(ToParam(query.headline_contains));
  params.push_back(ToParam(std::int64_t{query.limit}));
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<DeskSummary>(connection.Run(sql.c_str(), params),
                                store::rows::ReadDeskSummary<Row>);
  });
}

Result<> PgStore::SubmitArticle(ArticleId id, Timestamp at) {
  return InWriteTransaction(pool(), [&](Connection& writer) {
    return ChangeStatus(writer, id, {ArticleStatus::kDraft}, ArticleStatus::kSubmitted, at,
                        std::nullopt);
  });
}

Result<> PgStore::PublishArticle(ArticleId id, Timestamp at) {
  return InWriteTransaction(pool(), [&](Connection& writer) {
    return ChangeStatus(writer, id,
                        {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                         ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                        ArticleStatus::kPublished, at, std::nullopt);
  });
}

Result<> PgStore::ScheduleArticle(ArticleId id, Timestamp publish_at, Timestamp at) {
  if (publish_at <= at) {
    return Fail(ErrorCode::kInvalidInput, "a schedule must lie in the future");
  }
  return InWriteTransaction(pool(), [&](Connection& writer) {
    return ChangeStatus(writer, id,
                        {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                         ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                        ArticleStatus::kScheduled, at, publish_at);
  });
}

Result<> PgStore::UnpublishArticle(ArticleId id, Timestamp at) {
  return InWriteTransaction(pool(), [&](Connection& writer) {
    return ChangeStatus(writer, id, {ArticleStatus::kPublished, ArticleStatus::kScheduled},
                        ArticleStatus::kUnpublished, at, std::nullopt);
  });
}

Result<> PgStore::DeleteDraft(ArticleId id, Timestamp at) {
  return InWriteTransaction(pool(), [&](Connection& writer) -> Result<> {
    const Result<DeskState> state = ReadDeskState(writer, id);
    if (!state) return tl::unexpected(state.error());
    if (state->status != ArticleStatus::kDraft) {
      return Fail(ErrorCode::kConflict, fmt::format("article {} is {}, only drafts are deleted", id,
                                                    StatusName(state->status)));
    }
    // Sub-headlines, bylines, tags, revisions and the desk row go with it (ON DELETE CASCADE).
    if (Result<> done = Write(writer, kDeleteArticle, id); !done) return done;
    return AppendChange(writer, id, "delete", at);
  });
}

Result<std::vector<ArticleId>> PgStore::PublishDue(Timestamp now) {
  struct Due {
    ArticleId id;
    Timestamp publish_at;
  };
  std::vector<ArticleId> published;
  Result<> done = InWriteTransaction(pool(), [&](Connection& writer) -> Result<> {
    published.clear();  // a retried transaction starts over
    Result<std::vector<Due>> due = ReadAll<Due>(Query(writer, kDue, now), [](const Row& row) {
      return Due{.id = row.Int(0), .publish_at = row.Int(1)};
    });
    if (!due) return tl::unexpected(due.error());
    for (const Due& article : *due) {
      if (Result<> changed =
              ChangeStatus(writer, article.id, {ArticleStatus::kScheduled},
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

Result<std::vector<RevisionInfo>> PgStore::Revisions(ArticleId id) const {
  return InSnapshot(pool(), [id](Connection& connection) -> Result<std::vector<RevisionInfo>> {
    Result<std::optional<std::int64_t>> exists =
        ReadOptionalInt(Query(connection, kArticleExists, id));
    if (!exists) return tl::unexpected(exists.error());
    if (!*exists) return Fail(ErrorCode::kNotFound, fmt::format("no article {}", id));
    return ReadAll<RevisionInfo>(Query(connection, kRevisions, id), [](const Row& row) {
      return RevisionInfo{.number = row.Int(0),
                          .saved_by = row.Int(1),
                          .saved_at = row.Int(2),
                          .headline = row.Text(3)};
    });
  });
}

Result<Revision> PgStore::RevisionOf(ArticleId id, RevisionNumber number) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadOne<Revision>(
        Query(connection, kRevision, id, number),
        [id](const Row& row) { return store::rows::ReadRevision(row, id); },
        fmt::format("no revision {} of article {}", number, id));
  });
}

Result<PhotoId> PgStore::InsertPhoto(const Photo& photo) {
  if (photo.name.empty() || photo.widths.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a photo needs a name and its widths");
  }
  std::vector<std::int64_t> widths(photo.widths.begin(), photo.widths.end());
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadCount(Query(connection, kInsertPhoto, photo.name, photo.format,
                           std::int64_t{photo.width}, std::int64_t{photo.height}, JoinIds(widths),
                           photo.uploaded_by, photo.uploaded_at));
  });
}

Result<Photo> PgStore::PhotoById(PhotoId id) const {
  return WithConnection(pool(), [id](Connection& connection) {
    return ReadOne<Photo>(Query(connection, kPhotoById, id), store::rows::ReadPhoto<Row>,
                          fmt::format("no photo {}", id));
  });
}

}  // namespace sinmun::store::postgres
