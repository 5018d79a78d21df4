#pragma once
// The newsroom's photo library (issue #19): the uploaded photos, newest first, searched by the
// captions and credits their articles give them and by upload date, each with the articles
// that use it. A photo has no caption of its own: it gets one where an article places it.
// Every read is limited to a PhotoScope, the photos one member of staff may put in an
// article; the newsroom makes the scope (newsroom/photo_scope.hpp) and the article form's
// check asks the same question (LibraryPhotoById), so the library never offers a photo the
// form would refuse, nor hides one it would take.
// Thread safety: all methods may be called concurrently from any thread.

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// Whose photos: every photo (`all`, the desk), or those `user` uploaded and those in an
// article published at `now` (already public, so anyone who writes may reuse them). The
// articles shown as using a photo, and the captions searched, are limited the same way:
// every article for `all`, else published ones and those `user` created.
struct PhotoScope {
  bool all = false;
  UserId user = 0;
  Timestamp now = 0;
};

// Where a page of the library starts: the photos uploaded before this one (keyset paging).
struct PhotoCursor {
  Timestamp uploaded_at = 0;
  PhotoId id = 0;
};

struct PhotoSearch {
  PhotoScope scope;
  // Each word must appear in a caption or credit of one of the photo's articles (in the
  // scope); ASCII letters match either case. Empty words are ignored; none: every photo.
  std::vector<std::string> words;
  std::optional<Timestamp> uploaded_from;   // uploaded_at >= this
  std::optional<Timestamp> uploaded_until;  // uploaded_at < this
  std::optional<PhotoCursor> after;         // the page after the one that ended here
  int limit = 24;                           // 1..100, else kInvalidInput
};

// An article that uses a photo, with the caption and credit it gives it.
struct PhotoUse {
  ArticleId article_id = 0;
  std::string headline;
  ArticleStatus status = ArticleStatus::kDraft;
  bool lead = false;  // the lead photo; else one of the further photos
  std::string caption;
  std::string credit;
};

struct LibraryPhoto {
  static constexpr int kUsesShown = 5;
  Photo photo;
  std::vector<PhotoUse> uses;  // in the scope, newest article first, at most kUsesShown
  std::int64_t use_count = 0;  // all its uses in the scope
};

struct PhotoPage {
  std::vector<LibraryPhoto> photos;  // newest upload first
  bool more = false;                 // photos follow the last one
};

class PhotoLibrary {
 public:
  virtual ~PhotoLibrary() = default;

  virtual Result<PhotoPage> SearchPhotos(const PhotoSearch& search) const = 0;

  // The photo with its uses when it is in `scope`; kNotFound for an unknown photo and for one
  // outside the scope alike (the answer does not tell that it exists).
  virtual Result<LibraryPhoto> LibraryPhotoById(PhotoId id, const PhotoScope& scope) const = 0;
};

}  // namespace sinmun::store
