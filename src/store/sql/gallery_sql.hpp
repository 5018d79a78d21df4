#pragma once
// An article's further photos (포토뉴스 galleries and photos in the body, issue #19), read the
// same way by both backends' whole-article reads (sqlite/ and postgres/article_reads.cpp):
// one statement after the article's own, in its snapshot where the caller holds one.
// Included by the backends' store .cpp files only.

#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"
#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store::gallery_sql {

// ?1 article: photo id, then the columns of rows::ReadLeadPhoto, in the article's order.
inline const Sql kArticleGallery{
    "SELECT ag.photo_id, p.name, p.format, p.width, p.height, p.widths, p.webp{::int}, "
    "ag.caption, ag.credit FROM article_gallery ag JOIN photos p ON p.id = ag.photo_id "
    "WHERE ag.article_id = ?1 ORDER BY ag.position"};

// One further photo as both reads need it: its id (the desk's) and the photo (the page's).
struct GalleryRow {
  PhotoId id = 0;
  LeadPhoto photo;
};

template <typename Db>
Result<std::vector<GalleryRow>> ReadGallery(Db& db, ArticleId id) {
  return ReadAll<GalleryRow>(Query(db, kArticleGallery, id), [](const auto& row) {
    return GalleryRow{.id = row.Int(0), .photo = rows::ReadLeadPhoto(row, 1)};
  });
}

// The photos a page shows.
inline std::vector<LeadPhoto> GalleryPhotos(std::vector<GalleryRow> rows) {
  std::vector<LeadPhoto> photos;
  photos.reserve(rows.size());
  for (GalleryRow& row : rows) photos.push_back(std::move(row.photo));
  return photos;
}

// The placements the desk edits.
inline std::vector<PhotoPlacement> GalleryPlacements(std::vector<GalleryRow> rows) {
  std::vector<PhotoPlacement> placements;
  placements.reserve(rows.size());
  for (GalleryRow& row : rows) {
    placements.push_back(PhotoPlacement{.photo_id = row.id,
                                        .caption = std::move(row.photo.caption),
                                        .credit = std::move(row.photo.credit)});
  }
  return placements;
}

}  // namespace sinmun::store::gallery_sql
