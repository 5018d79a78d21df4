#pragma once
// Private to newsroom/: which photos a member of staff may put in an article (issue #17 item 8,
// issue #19's library). One rule for the library page and the article form's check:
// - the desk (editors, admins) every photo;
// - anyone else who writes the photos they uploaded and those in published articles (public
//   already, so reusing them reveals nothing);
// - in the form, also the photos the edited article already has, so an editor's photo stays
//   on a reporter's draft when the reporter saves it.
// Anything else reads as unknown: a typed photo id must not show (in the form or the
// preview) the unguessable address of a photo uploaded for a story not yet published.

#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"
#include "store/desk_records.hpp"
#include "store/photo_library.hpp"

namespace sinmun::newsroom {

// The photos `staff` may use at `now`: what the library lists.
store::PhotoScope PhotoScopeFor(const Staff& staff, Timestamp now);

// Photo `id` with its uses when `staff` may put it in an article whose photos are now
// `article_photos` (store::PhotoLibrary::LibraryPhotoById with PhotoScopeFor; one of
// `article_photos` outside that scope comes without its uses); kNotFound otherwise.
Result<store::LibraryPhoto> UsablePhoto(const NewsroomContext& context, const Staff& staff,
                                        store::PhotoId id,
                                        const std::vector<store::PhotoId>& article_photos);

}  // namespace sinmun::newsroom
