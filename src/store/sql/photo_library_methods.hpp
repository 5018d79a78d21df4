#pragma once
// SqlStore: the newsroom's photo library (issue #19), for both backends. Indexes in
// sqlite/migrations/0031_photo_library.sql and postgres/migrations/0027_photo_library.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

#include "store/photo_library.hpp"
#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace photo_library_sql {

// Every statement below takes the scope as ?1 all (1/0), ?2 user, ?3 now.
// Where photos are used: the lead photo and the further photos of every article.
#define SINMUN_PHOTO_USES                                                            \
  "(SELECT article_id, photo_id, 1 AS is_lead, caption, credit FROM article_photos " \
  "UNION ALL SELECT article_id, photo_id, 0 AS is_lead, caption, credit FROM article_gallery)"
// A use the scope sees, for article `a` with its desk row `d` (none for imported articles).
#define SINMUN_USE_IN_SCOPE \
  "(?1 = 1 OR (a.status = 'published' AND a.registered_at <= ?3) OR d.created_by = ?2)"
// A photo the scope may use (PhotoScope): the one rule the library and the form share.
#define SINMUN_PHOTO_IN_SCOPE                                                 \
  "(?1 = 1 OR p.uploaded_by = ?2 OR EXISTS (SELECT 1 FROM " SINMUN_PHOTO_USES \
  " u JOIN articles a ON a.id = u.article_id WHERE u.photo_id = p.id "        \
  "AND a.status = 'published' AND a.registered_at <= ?3))"
// The columns of rows::ReadPhoto.
#define SINMUN_LIBRARY_PHOTO_COLUMNS                                                    \
  "p.id, p.name, p.format, p.width, p.height, p.widths, p.uploaded_by, p.uploaded_at, " \
  "p.webp{::int}"

// ?4 the words as a JSON array (lower case), ?5..?6 the upload times [from, until), ?7..?8
// the keyset (uploaded_at, id) the page starts below, ?9 the limit. Newest upload first, by
// the photos_uploaded index; each word is looked for in the captions and credits of the
// photo's uses in the scope, through the placement tables' photo_id indexes.
inline const Sql kSearch{
    "SELECT " SINMUN_LIBRARY_PHOTO_COLUMNS " FROM photos p WHERE " SINMUN_PHOTO_IN_SCOPE
    " AND p.uploaded_at >= ?5 AND p.uploaded_at < ?6 AND (p.uploaded_at, p.id) < (?7, ?8) "
    "AND NOT EXISTS (SELECT 1 FROM ({texts:?4}) w WHERE NOT EXISTS (SELECT 1 "
    "FROM " SINMUN_PHOTO_USES
    " u JOIN articles a ON a.id = u.article_id LEFT JOIN article_desk d ON d.article_id = a.id "
    "WHERE u.photo_id = p.id AND " SINMUN_USE_IN_SCOPE
    " AND {strpos}(lower(u.caption || ' ' || u.credit), w.value) > 0)) "
    "ORDER BY p.uploaded_at DESC, p.id DESC LIMIT ?9"};

// ?4 one photo id.
inline const Sql kById{"SELECT " SINMUN_LIBRARY_PHOTO_COLUMNS
                       " FROM photos p WHERE p.id = ?4 AND " SINMUN_PHOTO_IN_SCOPE};

// ?4 the photo ids as a JSON array, ?5 how many uses of each: their newest uses in the scope
// (newest article first), each row with the count of all of them. A demo picture is shared by
// thousands of articles: a page lists a few, and says how many there are.
inline const Sql kUses{
    "SELECT photo_id, article_id, headline, status, is_lead, caption, credit, uses FROM ("
    "SELECT u.photo_id, a.id AS article_id, a.headline, a.status, u.is_lead, u.caption, "
    "u.credit, ROW_NUMBER() OVER (PARTITION BY u.photo_id ORDER BY a.id DESC, u.is_lead DESC) "
    "AS n, COUNT(*) OVER (PARTITION BY u.photo_id) AS uses FROM " SINMUN_PHOTO_USES
    " u JOIN articles a ON a.id = u.article_id LEFT JOIN article_desk d ON d.article_id = a.id "
    "WHERE u.photo_id IN ({ids:?4}) AND " SINMUN_USE_IN_SCOPE
    ") shown WHERE n <= ?5 ORDER BY photo_id, n"};

#undef SINMUN_PHOTO_USES
#undef SINMUN_USE_IN_SCOPE
#undef SINMUN_PHOTO_IN_SCOPE
#undef SINMUN_LIBRARY_PHOTO_COLUMNS

inline constexpr int kMaxLimit = 100;
inline constexpr int kUsesShown = LibraryPhoto::kUsesShown;
inline constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();

// The words as the statement compares them: ASCII letters in lower case, as lower() makes
// the captions; empty ones dropped.
inline std::string WordsJson(const std::vector<std::string>& words) {
  std::vector<std::string> lowered;
  for (const std::string& word : words) {
    if (word.empty()) continue;
    std::string low = word;
    std::transform(low.begin(), low.end(), low.begin(), [](unsigned char c) {
      return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
    });
    lowered.push_back(std::move(low));
  }
  return JsonStrings(lowered);
}

// A row of SINMUN_LIBRARY_PHOTO_COLUMNS, its uses still to be read (ReadUses).
inline const auto kReadLibraryPhoto = [](const auto& row) {
  return LibraryPhoto{.photo = rows::ReadPhoto(row), .uses = {}, .use_count = 0};
};

// Fills each photo's uses with one statement for the whole page.
template <typename Db>
Result<> ReadUses(Db& db, const PhotoScope& scope, std::vector<LibraryPhoto>& photos) {
  if (photos.empty()) return {};
  std::vector<std::int64_t> ids;
  std::map<PhotoId, LibraryPhoto*> by_id;
  for (LibraryPhoto& photo : photos) {
    ids.push_back(photo.photo.id);
    by_id[photo.photo.id] = &photo;
  }
  const std::string json_ids = JsonIds(ids);
  using Row = std::pair<PhotoId, PhotoUse>;
  Result<std::vector<Row>> uses = ReadAll<Row>(
      Query(db, kUses, std::int64_t{scope.all ? 1 : 0}, scope.user, scope.now,
            std::string_view(json_ids), std::int64_t{kUsesShown}),
      [&](const auto& row) {
        if (const auto found = by_id.find(row.Int(0)); found != by_id.end()) {
          found->second->use_count = row.Int(7);
        }
        return Row(row.Int(0),
                   PhotoUse{.article_id = row.Int(1),
                            .headline = row.Text(2),
                            .status = StatusNamed(row.Text(3)).value_or(ArticleStatus::kDraft),
                            .lead = row.Int(4) != 0,
                            .caption = row.Text(5),
                            .credit = row.Text(6)});
      });
  if (!uses) return tl::unexpected(uses.error());
  for (Row& use : *uses) {
    if (const auto found = by_id.find(use.first); found != by_id.end()) {
      found->second->uses.push_back(std::move(use.second));
    }
  }
  return {};
}

}  // namespace photo_library_sql

template <typename B>
Result<PhotoPage> SqlStore<B>::SearchPhotos(const PhotoSearch& search) const {
  using namespace photo_library_sql;  // NOLINT(google-build-using-namespace): this file's
  if (search.limit < 1 || search.limit > kMaxLimit) {
    return Fail(ErrorCode::kInvalidInput, "photo library: a page holds 1 to 100 photos");
  }
  const PhotoScope& scope = search.scope;
  const std::string words = WordsJson(search.words);
  return backend().OnSnapshot([&](auto& db) -> Result<PhotoPage> {
    // One more than the page, to tell whether another page follows.
    Result<std::vector<LibraryPhoto>> photos = ReadAll<LibraryPhoto>(
        Query(db, kSearch, std::int64_t{scope.all ? 1 : 0}, scope.user, scope.now,
              std::string_view(words), search.uploaded_from.value_or(0),
              search.uploaded_until.value_or(kNever),
              search.after ? search.after->uploaded_at : kNever,
              search.after ? search.after->id : kNever, std::int64_t{search.limit + 1}),
        kReadLibraryPhoto);
    if (!photos) return tl::unexpected(photos.error());
    PhotoPage page;
    page.more = photos->size() > static_cast<size_t>(search.limit);
    if (page.more) photos->pop_back();
    if (Result<> done = ReadUses(db, scope, *photos); !done) return tl::unexpected(done.error());
    page.photos = std::move(*photos);
    return page;
  });
}

template <typename B>
Result<LibraryPhoto> SqlStore<B>::LibraryPhotoById(PhotoId id, const PhotoScope& scope) const {
  using namespace photo_library_sql;  // NOLINT(google-build-using-namespace): this file's
  return backend().OnSnapshot([&](auto& db) -> Result<LibraryPhoto> {
    Result<LibraryPhoto> photo = ReadOne<LibraryPhoto>(
        Query(db, kById, std::int64_t{scope.all ? 1 : 0}, scope.user, scope.now, id),
        kReadLibraryPhoto, fmt::format("no photo {} in the scope", id));
    if (!photo) return photo;
    std::vector<LibraryPhoto> one{std::move(*photo)};
    if (Result<> done = ReadUses(db, scope, one); !done) return tl::unexpected(done.error());
    return std::move(one.front());
  });
}

}  // namespace sinmun::store
