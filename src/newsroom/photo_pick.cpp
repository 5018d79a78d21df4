#include "newsroom/photo_pick.hpp"

#include <charconv>
#include <string>
#include <system_error>

#include "core/text.hpp"
#include "newsroom/photo_scope.hpp"

namespace sinmun::newsroom {
namespace {

// The caption and credit an article last gave the photo: its uses come newest first.
const store::PhotoUse* NewestCaptioned(const store::LibraryPhoto& photo) {
  for (const store::PhotoUse& use : photo.uses) {
    if (!use.caption.empty() || !use.credit.empty()) return &use;
  }
  return nullptr;
}

}  // namespace

void TakeLibraryPhoto(const NewsroomContext& context, const Staff& staff,
                      const std::vector<store::PhotoId>& article_photos, ArticleForm& form,
                      FieldErrors& errors) {
  std::string number = TrimSpace(form.library_photo);
  if (!number.empty() && number.front() == '#') number.erase(0, 1);  // as the library shows it
  if (number.empty()) return;
  store::PhotoId id = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), id);
  const bool lead = form.library_place != "body";
  if (ec != std::errc() || end != number.data() + number.size() || id <= 0 ||
      (lead && !form.library_place.empty() && form.library_place != "lead")) {
    errors["library_photo"] = "library_error_number";
    return;
  }
  const Result<store::LibraryPhoto> photo = UsablePhoto(context, staff, id, article_photos);
  if (!photo) {
    errors["library_photo"] = "library_error_number";
    return;
  }
  const store::PhotoUse* captioned = NewestCaptioned(*photo);
  const std::string caption = captioned != nullptr ? captioned->caption : "";
  const std::string credit = captioned != nullptr ? captioned->credit : "";
  form.library_photo.clear();
  if (lead) {
    form.photo_id = std::to_string(id);
    form.remove_photo = false;
    if (TrimSpace(form.photo_caption).empty() && TrimSpace(form.photo_credit).empty()) {
      form.photo_caption = caption;
      form.photo_credit = credit;
    }
    return;
  }
  // The kept rows are numbered from 사진 2 in their order; the new one, without a position,
  // sorts last.
  size_t kept = 0;
  for (const PhotoRowForm& row : form.photos) {
    if (!row.remove && !TrimSpace(row.photo_id).empty()) ++kept;
  }
  form.photos.push_back(PhotoRowForm{
      .photo_id = std::to_string(id), .caption = caption, .credit = credit, .position = ""});
  while (!form.body.empty() && form.body.back() == '\n') form.body.pop_back();
  form.body += (form.body.empty() ? "" : "\n\n") + ("[사진 " + std::to_string(kept + 2) + "]\n");
}

}  // namespace sinmun::newsroom
