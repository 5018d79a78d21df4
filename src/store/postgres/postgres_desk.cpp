// PgStore: reading a desk article, in one statement (lists as arrays); the desk's other
// methods are sql/desk_methods.hpp.
#include <fmt/format.h>

#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"

namespace sinmun::store::postgres {
namespace {

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

}  // namespace

// REQUIRES: inside a snapshot or a write transaction.
Result<DeskArticle> PgStore::ReadDeskArticle(Connection& connection, ArticleId id) {
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

}  // namespace sinmun::store::postgres
