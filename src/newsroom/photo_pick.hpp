#pragma once
// Private to newsroom/: reusing a photo from the library in the article form (issue #19).
// The library lists each photo with its number; the form takes a number and a place, which
// works without JavaScript and keeps what the writer has typed (the library opens in another
// tab). The photo must be one UsablePhoto allows, the same rule as every photo id the form
// sends.

#include <vector>

#include "newsroom/article_form.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"
#include "store/desk_records.hpp"

namespace sinmun::newsroom {

// Puts the photo `form.library_photo` names into `form`, then clears that field:
// - place "lead" (or none): as the lead photo, replacing the one there;
// - place "body": as the next further photo, with a line "[사진 N]" added at the end of the
//   body, which places it there;
// with the caption and credit of its newest use the staff may see, unless some were typed
// for the lead. Nothing when the field is empty. errors["library_photo"] when the number is
// not a photo UsablePhoto allows (`article_photos`: the edited article's), or the place is
// neither; the form is then left as it was.
void TakeLibraryPhoto(const NewsroomContext& context, const Staff& staff,
                      const std::vector<store::PhotoId>& article_photos, ArticleForm& form,
                      FieldErrors& errors);

}  // namespace sinmun::newsroom
