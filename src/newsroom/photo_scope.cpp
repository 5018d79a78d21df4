#include "newsroom/photo_scope.hpp"

#include <algorithm>
#include <utility>

#include "newsroom/guard.hpp"

namespace sinmun::newsroom {

store::PhotoScope PhotoScopeFor(const Staff& staff, Timestamp now) {
  return store::PhotoScope{
      .all = Allows(staff.role, Permission::kDesk), .user = staff.user_id, .now = now};
}

Result<store::LibraryPhoto> UsablePhoto(const NewsroomContext& context, const Staff& staff,
                                        store::PhotoId id,
                                        const std::vector<store::PhotoId>& article_photos) {
  Result<store::LibraryPhoto> photo = context.deps.store.photos->LibraryPhotoById(
      id, PhotoScopeFor(staff, context.deps.clock->Now()));
  if (photo || photo.error().code != ErrorCode::kNotFound) return photo;
  // A photo the article has is kept whoever placed it, without the uses the scope hides.
  if (std::find(article_photos.begin(), article_photos.end(), id) == article_photos.end()) {
    return photo;
  }
  Result<store::Photo> kept = context.deps.store.catalog->PhotoById(id);
  if (!kept) return tl::unexpected(kept.error());
  return store::LibraryPhoto{.photo = std::move(*kept), .uses = {}, .use_count = 0};
}

}  // namespace sinmun::newsroom
