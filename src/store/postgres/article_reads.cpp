// PgStore: reading one article whole, published or at the desk, in one statement with its
// lists as arrays (postgres_store.hpp says why); every other method is written once in sql/.
#include <fmt/format.h>

#include "core/text.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"
#include "store/sql/gallery_sql.hpp"
#include "store/sql/summary_sql.hpp"

namespace sinmun::store::postgres {
namespace {

// A published article whole in one statement (one round trip, one snapshot): its head
// (rows::ReadArticleHead), its lists as arrays, its correction and lead photo. Read by
// ReadArticle.
constexpr char kArticle[] =
    "SELECT a.id, s.id, s.slug, s.name, s.position, a.headline, a.body_markdown, "
    "a.registered_at, a.modified_at, " SINMUN_ARTICLE_VIEWS
    ", a.recommends, a.kind, a.video, a.gallery, "
    "ARRAY(SELECT text FROM article_subheadlines WHERE article_id = a.id ORDER BY position), "
    "ARRAY(SELECT ar.reporter_id FROM article_reporters ar WHERE ar.article_id = a.id "
    "ORDER BY ar.position), "
    "ARRAY(SELECT r.name FROM article_reporters ar JOIN reporters r ON r.id = ar.reporter_id "
    "WHERE ar.article_id = a.id ORDER BY ar.position), "
    "ARRAY(SELECT r.email FROM article_reporters ar JOIN reporters r ON r.id = ar.reporter_id "
    "WHERE ar.article_id = a.id ORDER BY ar.position), "
    "ARRAY(SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position), "
    "(SELECT text FROM article_corrections WHERE article_id = a.id), "
    "p.name, p.format, p.width, p.height, p.widths, p.webp::int, ap.caption, ap.credit "
    "FROM articles a JOIN sections s ON s.id = a.section_id "
    "LEFT JOIN article_photos ap ON ap.article_id = a.id "
    "LEFT JOIN photos p ON p.id = ap.photo_id "
    "WHERE a.status = 'published' AND a.registered_at <= $1::bigint AND a.id = $2";

// An article in any status whole, in one statement: the head that ReadDeskArticleHead reads
// (columns 0-14), then sub-headlines, byline ids and tags as arrays, the correction and the
// lead photo's id, caption and credit.
constexpr char kDeskArticle[] =
    "SELECT a.id, a.status, a.section_id, a.headline, a.registered_at, a.modified_at, "
    "COALESCE(d.revision, 0), COALESCE(d.created_by, 0), COALESCE(d.updated_at, a.created_at), "
    "d.publish_at, COALESCE(d.published_once, true)::int, a.body_markdown, a.kind, a.video, "
    "a.gallery, ARRAY(SELECT text FROM article_subheadlines WHERE article_id = a.id ORDER BY "
    "position), "
    "ARRAY(SELECT reporter_id FROM article_reporters WHERE article_id = a.id "
    "ORDER BY position), "
    "ARRAY(SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position), "
    "(SELECT text FROM article_corrections WHERE article_id = a.id), "
    "ap.photo_id, ap.caption, ap.credit "
    "FROM articles a LEFT JOIN article_desk d ON d.article_id = a.id "
    "LEFT JOIN article_photos ap ON ap.article_id = a.id WHERE a.id = $1";

// The columns of kArticle.
Article ReadArticle(const Row& row) {
  constexpr int kLists = rows::kArticleHeadColumnCount;
  Article article = rows::ReadArticleHead(row);
  article.subheadlines = row.TextArray(kLists);
  const std::vector<std::int64_t> ids = row.IntArray(kLists + 1);
  const std::vector<std::string> names = row.TextArray(kLists + 2);
  const std::vector<std::string> emails = row.TextArray(kLists + 3);
  for (size_t i = 0; i < ids.size() && i < names.size() && i < emails.size(); ++i) {
    article.bylines.push_back(Byline{.id = ids[i], .name = names[i], .email = emails[i]});
  }
  article.tags = row.TextArray(kLists + 4);
  if (!row.IsNull(kLists + 5)) article.correction = row.Text(kLists + 5);
  if (!row.IsNull(kLists + 6)) article.photo = rows::ReadLeadPhoto(row, kLists + 6);
  return article;
}

}  // namespace

// The further photos come in a second statement: a save between the two is followed by a change
// that drops the page from the cache, so a page mixing the two versions does not stay.
Result<Article> PgStore::ReadPublishedArticle(Connection& connection, ArticleId id, Timestamp now) {
  Result<Article> article = ReadOne<Article>(Query(connection, kArticle, now, id), ReadArticle,
                                             fmt::format("no published article {}", id));
  if (!article) return article;
  Result<std::vector<gallery_sql::GalleryRow>> gallery = gallery_sql::ReadGallery(connection, id);
  if (!gallery) return tl::unexpected(gallery.error());
  article->photos = gallery_sql::GalleryPhotos(std::move(*gallery));
  return article;
}

// REQUIRES: inside a snapshot or a write transaction.
Result<DeskArticle> PgStore::ReadDeskArticle(Connection& connection, ArticleId id) {
  Result<DeskArticle> desk = ReadOne<DeskArticle>(
      Query(connection, kDeskArticle, id),
      [](const Row& row) {
        DeskArticle article = store::rows::ReadDeskArticleHead(row);
        ArticleContent& content = article.content;
        content.subheadlines = row.TextArray(15);
        content.reporter_ids = row.IntArray(16);
        content.tags = row.TextArray(17);
        if (!row.IsNull(18)) content.correction = row.Text(18);
        if (!row.IsNull(19)) {
          content.photo_id = row.Int(19);
          content.photo_caption = row.Text(20);
          content.photo_credit = row.Text(21);
        }
        return article;
      },
      fmt::format("no article {}", id));
  if (!desk) return desk;
  Result<std::vector<gallery_sql::GalleryRow>> gallery = gallery_sql::ReadGallery(connection, id);
  if (!gallery) return tl::unexpected(gallery.error());
  desk->content.photos = gallery_sql::GalleryPlacements(std::move(*gallery));
  return desk;
}

}  // namespace sinmun::store::postgres
