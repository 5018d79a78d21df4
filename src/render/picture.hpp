#pragma once
// Pictures decoded and written again without their metadata, through libvips: the newsroom's
// photo uploads (newsroom/photo_upload.cpp) and the photos readers send with a tip
// (site/tip_pages.cpp), where EXIF would give away a tipster's place, time and camera.
// libvips headers stay in picture.cpp; callers that work on the pixels themselves
// (resizing) include <vips/vips.h> and use the image handle below.
// Thread safety: any number of calls may run at once.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

struct _VipsImage;  // VipsImage of <vips/vips.h>

namespace sinmun::render {

enum class PictureFormat { kJpeg, kPng, kWebp };

// What a picture is by its first bytes, whatever its name; nullopt for anything else.
std::optional<PictureFormat> SniffPicture(std::string_view bytes);
std::string_view PictureFormatName(PictureFormat format);  // "jpeg", "png", "webp"
std::string_view PictureExtension(PictureFormat format);   // "jpg", "png", "webp"
std::string_view PictureMediaType(PictureFormat format);   // "image/jpeg", …

// Starts libvips once per process; later calls return at once. The functions here call it.
void InitVips();
// libvips' last error message, cleared.
std::string VipsErrorText();

struct PictureUnref {
  void operator()(_VipsImage* image) const;
};
using Picture = std::unique_ptr<_VipsImage, PictureUnref>;

// Why a picture was refused: "damaged" (truncated, or not what its first bytes say) or
// "pixels" (more than kMaxPicturePixels, a decompression bomb refused before decoding).
inline constexpr double kMaxPicturePixels = 100e6;
using DecodeResult = std::variant<Picture, std::string>;

// Decodes `bytes` whole into memory (a damaged file fails here), turned upright by its EXIF
// orientation, with its metadata (EXIF with GPS, XMP, IPTC, ICC) removed.
DecodeResult DecodePicture(std::string_view bytes);

// The social image of a photo (Open Graph, Twitter's large card): 1200 x 630, the crop
// chosen where libvips finds the most detail and colour (its "attention" strategy), written
// by the photo pipeline beside the widths as "<name>-og.jpg" (SocialImageUrl).
inline constexpr int kSocialImageWidth = 1200;
inline constexpr int kSocialImageHeight = 630;
std::string SocialImageUrl(std::string_view name);  // "/uploads/<name>-og.jpg"
// `image` cut to kSocialImageWidth x kSocialImageHeight, scaled to cover it; nullptr with
// VipsErrorText() on failure.
Picture SocialImage(_VipsImage* image);

// Encodes `image` in `format` without any metadata; false with VipsErrorText() on failure.
bool EncodePicture(_VipsImage* image, PictureFormat format, std::string& out);

// The picture `bytes` written again in its own format without metadata: Decode then Encode.
// `refusal` is empty on success, else DecodePicture's, "type" for bytes that are no picture,
// or "encode" when libvips could not write it.
struct CleanedPicture {
  std::string bytes;
  PictureFormat format = PictureFormat::kJpeg;
  std::string refusal;
};
CleanedPicture CleanPicture(std::string_view bytes);

}  // namespace sinmun::render
