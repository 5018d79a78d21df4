#include "render/picture.hpp"

#include <glib-object.h>
#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <cstdint>
#include <mutex>

namespace sinmun::render {
namespace {

// Removes EXIF (with GPS), XMP, IPTC and the ICC profile from `image`, which the caller owns.
void RemovePictureMetadata(VipsImage* image) {
  gchar** fields = vips_image_get_fields(image);
  for (gchar** field = fields; *field != nullptr; ++field) {
    const std::string_view name(*field);
    if (name.starts_with("exif-") || name == VIPS_META_XMP_NAME || name == VIPS_META_IPTC_NAME ||
        name == VIPS_META_ICC_NAME) {
      vips_image_remove(image, *field);
    }
  }
  g_strfreev(fields);
}

// Drops the EXIF and XMP chunks of a WebP file (and their flags in VP8X), which libvips 8.14
// writes even when asked to strip; the file is left as it is when it is not the RIFF it
// should be.
void DropWebpMetadata(std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) {
    return;
  }
  std::string kept = webp.substr(0, 12);
  for (size_t at = 12; at + 8 <= webp.size();) {
    const auto byte = [&](size_t i) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(webp[i]));
    };
    const std::uint32_t size =
        byte(at + 4) | byte(at + 5) << 8 | byte(at + 6) << 16 | byte(at + 7) << 24;
    const size_t next = at + 8 + size + (size & 1);
    if (next > webp.size()) return;  // damaged: keep what libvips wrote
    const std::string_view tag(webp.data() + at, 4);
    if (tag != "EXIF" && tag != "XMP ") {
      const size_t start = kept.size();
      kept.append(webp, at, next - at);
      if (tag == "VP8X" && size >= 1) kept[start + 8] = static_cast<char>(kept[start + 8] & ~0x0C);
    }
    at = next;
  }
  const auto riff_size = static_cast<std::uint32_t>(kept.size() - 8);
  for (int i = 0; i < 4; ++i) kept[4 + i] = static_cast<char>((riff_size >> (8 * i)) & 0xFF);
  webp = std::move(kept);
}

}  // namespace

std::optional<PictureFormat> SniffPicture(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return PictureFormat::kJpeg;
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return PictureFormat::kPng;
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return PictureFormat::kWebp;
  }
  return std::nullopt;
}

std::string_view PictureFormatName(PictureFormat format) {
  switch (format) {
    case PictureFormat::kJpeg:
      return "jpeg";
    case PictureFormat::kPng:
      return "png";
    case PictureFormat::kWebp:
      return "webp";
  }
  return "jpeg";
}

std::string_view PictureExtension(PictureFormat format) {
  return format == PictureFormat::kJpeg ? "jpg" : PictureFormatName(format);
}

std::string SocialImageUrl(std::string_view name) {
  return "/uploads/" + std::string(name) + "-og.jpg";
}

Picture SocialImage(_VipsImage* image) {
  VipsImage* out = nullptr;
  // thumbnail scales the picture to cover the box (up when it is smaller) and crops the rest;
  // "attention" keeps the part with the most edges, saturation and skin tones.
  if (vips_thumbnail_image(image, &out, kSocialImageWidth, "height", kSocialImageHeight, "crop",
                           VIPS_INTERESTING_ATTENTION, nullptr) != 0) {
    return Picture(nullptr);
  }
  return Picture(out);
}

std::string_view PictureMediaType(PictureFormat format) {
  switch (format) {
    case PictureFormat::kJpeg:
      return "image/jpeg";
    case PictureFormat::kPng:
      return "image/png";
    case PictureFormat::kWebp:
      return "image/webp";
  }
  return "image/jpeg";
}

void InitVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("sinmun") != 0) spdlog::error("vips: {}", vips_error_buffer());
    vips_cache_set_max(0);  // every upload is new: caching operations only holds memory
  });
}

std::string VipsErrorText() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  return text;
}

void PictureUnref::operator()(VipsImage* image) const { g_object_unref(image); }

DecodeResult DecodePicture(std::string_view bytes) {
  InitVips();
  // fail_on=warning: a truncated JPEG only warns in libjpeg, and must be refused.
  Picture original(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                              VIPS_FAIL_ON_WARNING, nullptr));
  if (!original) {
    spdlog::info("picture refused: {}", VipsErrorText());
    return std::string("damaged");
  }
  if (static_cast<double>(original->Xsize) * original->Ysize > kMaxPicturePixels) {
    return std::string("pixels");
  }
  VipsImage* rotated_raw = nullptr;
  if (vips_autorot(original.get(), &rotated_raw, nullptr) != 0) {
    spdlog::info("picture refused: {}", VipsErrorText());
    return std::string("damaged");
  }
  const Picture rotated(rotated_raw);
  // Decode the whole file once into memory: a damaged or truncated file fails here, before
  // anything is written, and what is made from it reads pixels from memory.
  VipsImage* decoded_raw = vips_image_copy_memory(rotated.get());
  if (decoded_raw == nullptr) {
    spdlog::info("picture refused: {}", VipsErrorText());
    return std::string("damaged");
  }
  Picture decoded(decoded_raw);
  // libvips 8.14's WebP writer keeps EXIF and XMP despite "strip": the metadata goes from the
  // pixels themselves, before anything is made from them.
  RemovePictureMetadata(decoded.get());
  return decoded;
}

bool EncodePicture(VipsImage* image, PictureFormat format, std::string& out) {
  void* buffer = nullptr;
  size_t length = 0;
  int rc = -1;
  switch (format) {
    case PictureFormat::kJpeg:
      rc = vips_jpegsave_buffer(image, &buffer, &length, "Q", 85, "strip", TRUE, "optimize_coding",
                                TRUE, "interlace", TRUE, nullptr);
      break;
    case PictureFormat::kPng:
      rc = vips_pngsave_buffer(image, &buffer, &length, "strip", TRUE, "compression", 6, nullptr);
      break;
    case PictureFormat::kWebp:
      rc = vips_webpsave_buffer(image, &buffer, &length, "Q", 82, "strip", TRUE, nullptr);
      break;
  }
  if (rc != 0) return false;
  out.assign(static_cast<const char*>(buffer), length);
  g_free(buffer);
  if (format == PictureFormat::kWebp) DropWebpMetadata(out);
  return true;
}

CleanedPicture CleanPicture(std::string_view bytes) {
  CleanedPicture cleaned;
  const std::optional<PictureFormat> format = SniffPicture(bytes);
  if (!format) {
    cleaned.refusal = "type";
    return cleaned;
  }
  cleaned.format = *format;
  DecodeResult decoded = DecodePicture(bytes);
  if (std::string* refusal = std::get_if<std::string>(&decoded)) {
    cleaned.refusal = std::move(*refusal);
    return cleaned;
  }
  if (!EncodePicture(std::get<Picture>(decoded).get(), *format, cleaned.bytes)) {
    spdlog::warn("picture not written again: {}", VipsErrorText());
    cleaned.bytes.clear();
    cleaned.refusal = "encode";
  }
  return cleaned;
}

}  // namespace sinmun::render
