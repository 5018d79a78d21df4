#pragma once
// Turning an uploaded file into a stored photo: the newsroom's uploads, and the demo paper's
// made-up pictures (app/), which go through the same steps. libvips stays inside
// photo_upload.cpp, demo_picture.cpp and render/picture.cpp (decoding, re-encoding).
//
// A JPEG, PNG or WebP of at most kMaxPhotoBytes is decoded whole (a truncated or damaged
// file is refused), turned upright by its EXIF orientation, resized to the widths of
// kPhotoWidths that are not wider than the original (at least one, the original's width when
// it is narrower than all), re-encoded without any metadata (EXIF, GPS, XMP, ICC comments)
// twice, as WebP and in a fallback format (the upload's own; JPEG for a WebP, PNG for a WebP
// with transparency), and written as uploads/<YYYY>/<MM>/<random>-<width>.<ext>; the file as
// sent is kept as originals/<YYYY>/<MM>/<random>.<ext>, outside the public folder (it still
// has its EXIF, GPS position included, and its full size); then the photo is recorded in the
// store with the fallback's format and webp set. Nothing is left behind when any step fails.
// Thread safety: any number of uploads may run at once.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "core/time.hpp"
#include "store/desk.hpp"

namespace sinmun::newsroom {

inline constexpr std::size_t kMaxPhotoBytes = 20 << 20;
inline constexpr std::array<int, 3> kPhotoWidths = {400, 800, 1600};

// Why an upload was refused: a label key for the message next to the photo field, or a
// server-side failure (an Error) that the caller maps to an error page.
struct PhotoRefusal {
  std::string label_key;  // "desk_error_photo_type", "desk_error_photo_damaged", …
};
using PhotoUploadResult = std::variant<store::PhotoId, PhotoRefusal, Error>;

// Where an upload's files go. `uploads` is served to everyone at /uploads/; `originals` never
// is, and only the derived sizes are public. An empty `originals` keeps no original (the
// demo's pictures are drawn, and can be drawn again).
struct PhotoFolders {
  std::string uploads;
  std::string originals;
};

PhotoUploadResult StoreUploadedPhoto(store::Desk& store, const PhotoFolders& folders,
                                     std::string_view bytes, store::UserId by, Timestamp at);

}  // namespace sinmun::newsroom
