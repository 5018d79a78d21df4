// SqliteStore: the newsroom desk (issue #3). Drafts, the workflow between statuses, a revision
// for every save, tags, correction notes and photos. See store.hpp for the contracts.
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
#include "store/row_records.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/desk_extras.hpp"
#include "store/sqlite/query.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::sqlite {
namespace {

constexpr size_t kSnippetChars = 150;  // as for articles inserted by InsertArticles

// ---- SQL (static storage: the statement cache is keyed by pointer) ----

constexpr char kInsertDraft[] =
    "INSERT INTO articles (section_id, status, registered_at, modified_at, views, recommends, "
    "created_at, headline, snippet, body_markdown) "
    "VALUES (?1, 'draft', ?2, NULL, 0, 0, ?2, ?3, ?4, ?5)";
constexpr char kUpdateContent[] =
    "UPDATE articles SET section_id = ?2, headline = ?3, snippet = ?4, body_markdown = ?5, "
    "modified_at = CASE WHEN status = 'published' THEN ?6 ELSE modified_at END WHERE id = ?1";
// Creates or updates the desk row. A row created here for an article that predates the
// newsroom (an import or the demo) counts it as published once: those were all published.
constexpr char kUpsertDesk[] =
    "INSERT INTO article_desk (article_id, revision, created_by, updated_at, publish_at, "
    "published_once) VALUES (?1, ?2, ?3, ?4, NULL, ?5) "
    "ON CONFLICT (article_id) DO UPDATE SET revision = excluded.revision, "
    "updated_at = excluded.updated_at";
constexpr char kDeleteSubheadlines[] = "DELETE FROM article_subheadlines WHERE article_id = ?1";
constexpr char kInsertSubheadline[] =
    "INSERT INTO article_subheadlines (article_id, position, text) VALUES (?1, ?2, ?3)";
constexpr char kDeleteBylines[] = "DELETE FROM article_reporters WHERE article_id = ?1";
constexpr char kInsertByline[] =
    "INSERT INTO article_reporters (article_id, reporter_id, position) VALUES (?1, ?2, ?3)";
constexpr char kDeleteTags[] = "DELETE FROM article_tags WHERE article_id = ?1";
constexpr char kInsertTag[] =
    "INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)";
constexpr char kDeleteCorrection[] = "DELETE FROM article_corrections WHERE article_id = ?1";
constexpr char kInsertCorrection[] =
    "INSERT INTO article_corrections (article_id, text) VALUES (?1, ?2)";
constexpr char kDeleteArticlePhoto[] = "DELETE FROM article_photos WHERE article_id = ?1";
constexpr char kInsertArticlePhoto[] =
    "INSERT INTO article_photos (article_id, photo_id, caption, credit) VALUES (?1, ?2, ?3, ?4)";
constexpr char kInsertRevision[] =
    "INSERT INTO article_revisions (article_id, revision, saved_by, saved_at, section_id, "
    "headline, subheadlines, reporter_ids, tags, correction, photo_id, photo_caption, "
    "photo_credit, body_markdown) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14)";
constexpr char kInsertChange[] = "INSERT INTO changes (article_id, kind, at) VALUES (?1, ?2, ?3)";

// Status and revision of one article, for the checks that precede a write.
constexpr char kDeskState[] =
    "SELECT a.status, COALESCE(d.revision, 0), COALESCE(d.published_once, 1), d.article_id "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id WHERE a.id = ?1";

constexpr char kDeskArticle[] =
    "SELECT a.id, a.status, a.section_id, a.headline, a.registered_at, a.modified_at, "
    "COALESCE(d.revision, 0), COALESCE(d.created_by, 0), COALESCE(d.updated_at, a.created_at), "
    "d.publish_at, COALESCE(d.published_once, 1), a.body_markdown "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id WHERE a.id = ?1";
constexpr char kSubheadlines[] =
    "SELECT text FROM article_subheadlines WHERE article_id = ?1 ORDER BY position";
constexpr char kReporterIds[] =
    "SELECT reporter_id FROM article_reporters WHERE article_id = ?1 ORDER BY position";
constexpr char kTags[] = "SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY position";
constexpr char kCorrection[] = "SELECT text FROM article_corrections WHERE article_id = ?1";
constexpr char kArticlePhoto[] =
    "SELECT ap.photo_id, ap.caption, ap.credit, p.name, p.format, p.width, p.height, p.widths "
    "FROM article_photos ap JOIN photos p ON p.id = ap.photo_id WHERE ap.article_id = ?1";

constexpr char kSetStatus[] = "UPDATE articles SET status = ?2 WHERE id = ?1";
constexpr char kFirstPublication[] =
    "UPDATE articles SET status = 'published', registered_at = ?2, modified_at = NULL "
    "WHERE id = ?1";
constexpr char kRepublication[] =
    "UPDATE articles SET status = 'published', modified_at = ?2 WHERE id = ?1";
constexpr char kDeskStatus[] =
    "UPDATE article_desk SET publish_at = ?2, updated_at = ?3, "
    "published_once = MAX(published_once, ?4) WHERE article_id = ?1";
constexpr char kDeleteArticle[] = "DELETE FROM articles WHERE id = ?1";
constexpr char kDue[] =
    "SELECT d.article_id, d.publish_at FROM article_desk d JOIN articles a ON a.id = d.article_id "
    "WHERE d.publish_at IS NOT NULL AND d.publish_at <= ?1 AND a.status = 'scheduled' "
    "ORDER BY d.publish_at, d.article_id";

constexpr char kArticleExists[] = "SELECT 1 FROM articles WHERE id = ?1";
constexpr char kRevisions[] =
    "SELECT revision, saved_by, saved_at, headline FROM article_revisions "
    "WHERE article_id = ?1 ORDER BY revision DESC";
constexpr char kRevision[] =
    "SELECT revision, saved_by, saved_at, section_id, headline, subheadlines, reporter_ids, "
    "tags, correction, photo_id, photo_caption, photo_credit, body_markdown "
    "FROM article_revisions WHERE article_id = ?1 AND revision = ?2";

constexpr char kInsertPhoto[] =
    "INSERT INTO photos (name, format, width, height, widths, uploaded_by, uploaded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kPhotoById[] =
    "SELECT id, name, format, width, height, widths, uploaded_by, uploaded_at FROM photos "
    "WHERE id = ?1";

// Desk lists: ?1 status, ?2 created_by (or NULL), ?3 headline substring (or ''), ?4 limit.
// Published articles are listed by publication time, which the articles_latest index serves;
// the other statuses hold few articles and are listed by their latest change.
std::string DeskListSql(bool by_status, bool published) {
  return fmt::format(
      "SELECT a.id, a.status, a.headline, s.name, COALESCE(d.created_by, 0), "
      "COALESCE(d.updated_at, a.created_at) AS changed, d.publish_at, a.registered_at, "
      "COALESCE(d.published_once, 1), COALESCE(d.revision, 0) "
      "FROM articles a JOIN sections s ON s.id = a.section_id "
      "LEFT JOIN article_desk d ON d.article_id = a.id "
      "WHERE {} (?2 IS NULL OR d.created_by = ?2) AND (?3 = '' OR instr(a.headline, ?3) > 0) "
      "ORDER BY {} LIMIT ?4",
      by_status ? "a.status = ?1 AND" : "",
      published ? "a.registered_at DESC, a.id DESC" : "changed DESC, a.id DESC");
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
  return ReadOne<DeskState>(Query(connection, kDeskState, id), desk::ReadDeskStateRow<Statement>,
                            fmt::format("no article {}", id));
}

Result<std::vector<std::string>> ReadTexts(Connection& connection, const char* sql, ArticleId id) {
  return ReadAll<std::string>(Query(connection, sql, id),
                              [](const Statement& row) { return row.Text(0); });
}

// The lead photo of an article and the id it refers to, when it has one.
struct PhotoRow {
  PhotoId id = 0;
  LeadPhoto photo;
};

Result<std::optional<PhotoRow>> ReadPhotoRow(Connection& connection, ArticleId id) {
  Result<std::vector<PhotoRow>> rows =
      ReadAll<PhotoRow>(Query(connection, kArticlePhoto, id), [](const Statement& row) {
        return PhotoRow{.id = row.Int(0),
                        .photo = LeadPhoto{.name = row.Text(3),
                                           .format = row.Text(4),
                                           .widths = SplitIds<int>(row.Text(7), ','),
                                           .width = static_cast<int>(row.Int(5)),
                                           .height = static_cast<int>(row.Int(6)),
                                           .caption = row.Text(1),
                                           .credit = row.Text(2)}};
      });
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

// REQUIRES: inside a snapshot or a write transaction.
Result<DeskArticle> ReadDeskArticle(Connection& connection, ArticleId id) {
  Result<DeskArticle> article = ReadOne<DeskArticle>(Query(connection, kDeskArticle, id),
                                                     store::rows::ReadDeskArticleHead<Statement>,
                                                     fmt::format("no article {}", id));
  if (!article) return article;
  ArticleContent& content = article->content;

  Result<std::vector<std::string>> subheadlines = ReadTexts(connection, kSubheadlines, id);
  if (!subheadlines) return tl::unexpected(subheadlines.error());
  content.subheadlines = std::move(*subheadlines);
  Result<std::vector<ReporterId>> reporters = ReadAll<ReporterId>(
      Query(connection, kReporterIds, id), [](const Statement& row) { return row.Int(0); });
  if (!reporters) return tl::unexpected(reporters.error());
  content.reporter_ids = std::move(*reporters);
  Result<std::vector<std::string>> tags = ReadTexts(connection, kTags, id);
  if (!tags) return tl::unexpected(tags.error());
  content.tags = std::move(*tags);
  Result<std::vector<std::string>> correction = ReadTexts(connection, kCorrection, id);
  if (!correction) return tl::unexpected(correction.error());
  if (!correction->empty()) content.correction = std::move(correction->front());
  Result<std::optional<PhotoRow>> photo = ReadPhotoRow(connection, id);
  if (!photo) return tl::unexpected(photo.error());
  if (*photo) {
    content.photo_id = (*photo)->id;
    content.photo_caption = (*photo)->photo.caption;
    content.photo_credit = (*photo)->photo.credit;
  }
  return article;
}

// ---- Writing (REQUIRES: a write transaction is open on `writer`) ----

Result<> AppendChange(Connection& writer, ArticleId id, std::string_view kind, Timestamp at) {
  return Write(writer, kInsertChange, id, kind, at);
}

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

Result<> ReadDeskExtras(Connection& connection, Article& article) {
  Result<std::vector<std::string>> tags = ReadTexts(connection, kTags, article.id);
  if (!tags) return tl::unexpected(tags.error());
  article.tags = std::move(*tags);
  Result<std::vector<std::string>> correction = ReadTexts(connection, kCorrection, article.id);
  if (!correction) return tl::unexpected(correction.error());
  article.correction = correction->empty() ? std::string() : std::move(correction->front());
  Result<std::optional<PhotoRow>> photo = ReadPhotoRow(connection, article.id);
  if (!photo) return tl::unexpected(photo.error());
  if (*photo) article.photo = std::move((*photo)->photo);
  return {};
}

Result<ArticleId> SqliteStore::CreateDraft(const ArticleContent& content, UserId by, Timestamp at) {
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = Excerpt(content.body_markdown, kSnippetChars);

  std::lock_guard lock(writer_mutex_);
  Connection& writer = *writer_;
  Result<Transaction> transaction = Transaction::Begin(writer, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(writer, kInsertDraft, content.section_id, at, content.headline, snippet,
                            content.body_markdown);
      !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  const ArticleId id = writer.LastInsertId();
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
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return id;
}

Result<RevisionNumber> SqliteStore::SaveArticle(ArticleId id, const ArticleContent& content,
                                                RevisionNumber base_revision, UserId by,
                                                Timestamp at) {
  if (Result<> valid = ValidateContent(content); !valid) return tl::unexpected(valid.error());
  const std::string snippet = Excerpt(content.body_markdown, kSnippetChars);

  std::lock_guard lock(writer_mutex_);
  Connection& writer = *writer_;
  Result<Transaction> transaction = Transaction::Begin(writer, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  // Reads the state under the write lock: no save can come between the check and the write.
  Result<RevisionNumber> number =
      desk::SaveContent(writer, id, content, snippet, base_revision, by, at, kDeskSql,
                        ReadDeskState, ReadDeskArticle, AppendChange);
  if (!number) return number;
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return number;
}

Result<DeskArticle> SqliteStore::DeskArticleById(ArticleId id) const {
  return WithPooledReader([id](Connection& connection) {
    return InSnapshot(connection, [&] { return ReadDeskArticle(connection, id); });
  });
}

Result<std::vector<DeskSummary>> SqliteStore::DeskArticles(const DeskQuery& query) const {
  if (query.limit < 1 || query.limit > 200) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad desk list limit {}", query.limit));
  }
  const std::string& sql = !query.status                                ? kDeskListAny
                           : *query.status == ArticleStatus::kPublished ? kDeskListPublished
                                                                        : kDeskListByStatus;
  const std::string_view status = query.status ? StatusName(*query.status) : "";
  return WithPooledReader([&](Connection& connection) {
    return ReadAll<DeskSummary>(Query(connection, sql.c_str(), status, query.created_by,
                                      query.headline_contains, std::int64_t{query.limit}),
                                store::rows::ReadDeskSummary<Statement>);
  });
}

namespace {

// Runs `change` in a write transaction on `writer` and commits it.
template <typename Change>
Result<> InWriteTransaction(Connection& writer, Change change) {
  Result<Transaction> transaction = Transaction::Begin(writer, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = change(); !done) return done;
  return transaction->Commit();
}

}  // namespace

Result<> SqliteStore::SubmitArticle(ArticleId id, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  return InWriteTransaction(*writer_, [&] {
    return ChangeStatus(*writer_, id, {ArticleStatus::kDraft}, ArticleStatus::kSubmitted, at,
                        std::nullopt);
  });
}

Result<> SqliteStore::PublishArticle(ArticleId id, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  return InWriteTransaction(*writer_, [&] {
    return ChangeStatus(*writer_, id,
                        {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                         ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                        ArticleStatus::kPublished, at, std::nullopt);
  });
}

Result<> SqliteStore::ScheduleArticle(ArticleId id, Timestamp publish_at, Timestamp at) {
  if (publish_at <= at) {
    return Fail(ErrorCode::kInvalidInput, "a schedule must lie in the future");
  }
  std::lock_guard lock(writer_mutex_);
  return InWriteTransaction(*writer_, [&] {
    return ChangeStatus(*writer_, id,
                        {ArticleStatus::kDraft, ArticleStatus::kSubmitted,
                         ArticleStatus::kScheduled, ArticleStatus::kUnpublished},
                        ArticleStatus::kScheduled, at, publish_at);
  });
}

Result<> SqliteStore::UnpublishArticle(ArticleId id, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  return InWriteTransaction(*writer_, [&] {
    return ChangeStatus(*writer_, id, {ArticleStatus::kPublished, ArticleStatus::kScheduled},
                        ArticleStatus::kUnpublished, at, std::nullopt);
  });
}

Result<> SqliteStore::DeleteDraft(ArticleId id, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  Connection& writer = *writer_;
  return InWriteTransaction(writer, [&]() -> Result<> {
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

Result<std::vector<ArticleId>> SqliteStore::PublishDue(Timestamp now) {
  struct Due {
    ArticleId id;
    Timestamp publish_at;
  };
  std::lock_guard lock(writer_mutex_);
  Connection& writer = *writer_;
  std::vector<ArticleId> published;
  Result<> done = InWriteTransaction(writer, [&]() -> Result<> {
    Result<std::vector<Due>> due = ReadAll<Due>(Query(writer, kDue, now), [](const Statement& row) {
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

Result<std::vector<RevisionInfo>> SqliteStore::Revisions(ArticleId id) const {
  return WithPooledReader([id](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<std::vector<RevisionInfo>> {
      Result<std::optional<std::int64_t>> exists =
          ReadOptionalInt(Query(connection, kArticleExists, id));
      if (!exists) return tl::unexpected(exists.error());
      if (!*exists) return Fail(ErrorCode::kNotFound, fmt::format("no article {}", id));
      return ReadAll<RevisionInfo>(Query(connection, kRevisions, id), [](const Statement& row) {
        return RevisionInfo{.number = row.Int(0),
                            .saved_by = row.Int(1),
                            .saved_at = row.Int(2),
                            .headline = row.Text(3)};
      });
    });
  });
}

Result<Revision> SqliteStore::RevisionOf(ArticleId id, RevisionNumber number) const {
  return WithPooledReader([&](Connection& connection) {
    return ReadOne<Revision>(
        Query(connection, kRevision, id, number),
        [id](const Statement& row) { return store::rows::ReadRevision(row, id); },
        fmt::format("no revision {} of article {}", number, id));
  });
}

Result<PhotoId> SqliteStore::InsertPhoto(const Photo& photo) {
  if (photo.name.empty() || photo.widths.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a photo needs a name and its widths");
  }
  std::vector<std::int64_t> widths(photo.widths.begin(), photo.widths.end());
  std::lock_guard lock(writer_mutex_);
  Result<> done =
      Write(*writer_, kInsertPhoto, photo.name, photo.format, std::int64_t{photo.width},
            std::int64_t{photo.height}, JoinIds(widths), photo.uploaded_by, photo.uploaded_at);
  if (!done) return tl::unexpected(done.error());
  return writer_->LastInsertId();
}

Result<Photo> SqliteStore::PhotoById(PhotoId id) const {
  return WithPooledReader([id](Connection& connection) {
    return ReadOne<Photo>(Query(connection, kPhotoById, id), store::rows::ReadPhoto<Statement>,
                          fmt::format("no photo {}", id));
  });
}

}  // namespace sinmun::store::sqlite
