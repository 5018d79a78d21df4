// SqliteStore: reading one article whole, published or at the desk, in small statements
// (sqlite_store.hpp says why); every other method is written once in sql/.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "store/records.hpp"
#include "store/row_records.hpp"
#include "store/sql/gallery_sql.hpp"
#include "store/sql/summary_sql.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sinmun::store::sqlite {
namespace {

// A published article's head (rows::ReadArticleHead; ?1 now: the visibility rule of
// store.hpp), then its lists.
constexpr char kArticle[] =
    "SELECT a.id, s.id, s.slug, s.name, s.position, a.headline, a.body_markdown, "
    "a.registered_at, a.modified_at, " SINMUN_ARTICLE_VIEWS
    ", a.recommends, a.kind, a.video, a.gallery "
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "WHERE a.status = 'published' AND a.registered_at <= ?1 AND a.id = ?2";
constexpr char kBylines[] =
    "SELECT r.id, r.name, r.email FROM article_reporters ar "
    "JOIN reporters r ON r.id = ar.reporter_id WHERE ar.article_id = ?1 ORDER BY ar.position";
// An article's desk head (rows::ReadDeskArticleHead), then its lists.
constexpr char kDeskArticle[] =
    "SELECT a.id, a.status, a.section_id, a.headline, a.registered_at, a.modified_at, "
    "COALESCE(d.revision, 0), COALESCE(d.created_by, 0), COALESCE(d.updated_at, a.created_at), "
    "d.publish_at, COALESCE(d.published_once, 1), a.body_markdown, a.kind, a.video, a.gallery "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id WHERE a.id = ?1";
constexpr char kSubheadlines[] =
    "SELECT text FROM article_subheadlines WHERE article_id = ?1 ORDER BY position";
constexpr char kReporterIds[] =
    "SELECT reporter_id FROM article_reporters WHERE article_id = ?1 ORDER BY position";
constexpr char kTags[] = "SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY position";
constexpr char kCorrection[] = "SELECT text FROM article_corrections WHERE article_id = ?1";
constexpr char kArticlePhoto[] =
    "SELECT ap.photo_id, p.name, p.format, p.width, p.height, p.widths, p.webp, ap.caption, "
    "ap.credit "
    "FROM article_photos ap JOIN photos p ON p.id = ap.photo_id WHERE ap.article_id = ?1";

Result<std::vector<std::string>> ReadTexts(Connection& connection, const char* sql, ArticleId id) {
  return ReadAll<std::string>(Query(connection, sql, id),
                              [](const Statement& row) { return row.Text(0); });
}

// The lead photo of an article and the id it refers to, when it has one.
struct PhotoRow {
  PhotoId id = 0;
  LeadPhoto photo;
};

// What a published and a desk article both carry beside their head row.
struct Lists {
  std::vector<std::string> subheadlines;
  std::vector<std::string> tags;
  std::string correction;
  std::optional<PhotoRow> photo;
  std::vector<gallery_sql::GalleryRow> gallery;
};

Result<Lists> ReadLists(Connection& connection, ArticleId id) {
  Lists lists;
  Result<std::vector<std::string>> subheadlines = ReadTexts(connection, kSubheadlines, id);
  if (!subheadlines) return tl::unexpected(subheadlines.error());
  lists.subheadlines = std::move(*subheadlines);
  Result<std::vector<std::string>> tags = ReadTexts(connection, kTags, id);
  if (!tags) return tl::unexpected(tags.error());
  lists.tags = std::move(*tags);
  Result<std::optional<std::string>> correction = ReadFirst<std::string>(
      Query(connection, kCorrection, id), [](const Statement& row) { return row.Text(0); });
  if (!correction) return tl::unexpected(correction.error());
  lists.correction = std::move(correction->value_or(""));
  Result<std::optional<PhotoRow>> photo =
      ReadFirst<PhotoRow>(Query(connection, kArticlePhoto, id), [](const Statement& row) {
        return PhotoRow{.id = row.Int(0), .photo = rows::ReadLeadPhoto(row, 1)};
      });
  if (!photo) return tl::unexpected(photo.error());
  lists.photo = std::move(*photo);
  Result<std::vector<gallery_sql::GalleryRow>> gallery = gallery_sql::ReadGallery(connection, id);
  if (!gallery) return tl::unexpected(gallery.error());
  lists.gallery = std::move(*gallery);
  return lists;
}

}  // namespace

Result<Article> SqliteStore::ReadPublishedArticle(Connection& connection, ArticleId id,
                                                  Timestamp now) {
  // One snapshot for the statements, so a concurrent edit is seen whole or not at all.
  return Transact(connection, TransactionMode::kRead, [&](Connection&) -> Result<Article> {
    Result<Article> article =
        ReadOne<Article>(Query(connection, kArticle, now, id), rows::ReadArticleHead<Statement>,
                         fmt::format("no published article {}", id));
    if (!article) return article;
    Result<std::vector<Byline>> bylines =
        ReadAll<Byline>(Query(connection, kBylines, id), [](const Statement& row) {
          return Byline{.id = row.Int(0), .name = row.Text(1), .email = row.Text(2)};
        });
    if (!bylines) return tl::unexpected(bylines.error());
    article->bylines = std::move(*bylines);
    Result<Lists> lists = ReadLists(connection, id);
    if (!lists) return tl::unexpected(lists.error());
    article->subheadlines = std::move(lists->subheadlines);
    article->tags = std::move(lists->tags);
    article->correction = std::move(lists->correction);
    if (lists->photo) article->photo = std::move(lists->photo->photo);
    article->photos = gallery_sql::GalleryPhotos(std::move(lists->gallery));
    return article;
  });
}

// REQUIRES: inside a snapshot or a write transaction.
Result<DeskArticle> SqliteStore::ReadDeskArticle(Connection& connection, ArticleId id) {
  Result<DeskArticle> article =
      ReadOne<DeskArticle>(Query(connection, kDeskArticle, id),
                           rows::ReadDeskArticleHead<Statement>, fmt::format("no article {}", id));
  if (!article) return article;
  ArticleContent& content = article->content;
  Result<std::vector<ReporterId>> reporters = ReadAll<ReporterId>(
      Query(connection, kReporterIds, id), [](const Statement& row) { return row.Int(0); });
  if (!reporters) return tl::unexpected(reporters.error());
  content.reporter_ids = std::move(*reporters);
  Result<Lists> lists = ReadLists(connection, id);
  if (!lists) return tl::unexpected(lists.error());
  content.subheadlines = std::move(lists->subheadlines);
  content.tags = std::move(lists->tags);
  content.correction = std::move(lists->correction);
  if (lists->photo) {
    content.photo_id = lists->photo->id;
    content.photo_caption = std::move(lists->photo->photo.caption);
    content.photo_credit = std::move(lists->photo->photo.credit);
  }
  content.photos = gallery_sql::GalleryPlacements(std::move(lists->gallery));
  return article;
}

}  // namespace sinmun::store::sqlite
