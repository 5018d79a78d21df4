#include "newsroom/photo_upload.hpp"

#include <fmt/format.h>
#include <glib-object.h>
#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <vector>

#include "newsroom/crypto.hpp"

namespace sinmun::newsroom {
namespace {

constexpr double kMaxPixels = 100e6;  // a decompression bomb is refused before decoding

enum class Format { kJpeg, kPng, kWebp };

std::optional<Format> Sniff(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return Format::kJpeg;
  if (bytes.size() >= 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1A\n") return Format::kPng;
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
    return Format::kWebp;
  }
  return std::nullopt;
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kJpeg:
      return "jpeg";
    case Format::kPng:
      return "png";
    case Format::kWebp:
      return "webp";
  }
  return "jpeg";
}

std::string_view Extension(Format format) {
  switch (format) {
    case Format::kJpeg:
      return "jpg";
    case Format::kPng:
      return "png";
    case Format::kWebp:
      return "webp";
  }
  return "jpg";
}

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, ImageUnref>;

std::string VipsErrorText() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  return text;
}

// Removes EXIF (with GPS), XMP, IPTC and the ICC profile from `image`, which the caller owns.
void RemoveMetadata(VipsImage* image) {
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

// Encodes `image` in `format` without metadata.
bool Encode(VipsImage* image, Format format, std::string& out) {
  void* buffer = nullptr;
  size_t length = 0;
  int rc = -1;
  switch (format) {
    case Format::kJpeg:
      rc = vips_jpegsave_buffer(image, &buffer, &length, "Q", 85, "strip", TRUE, "optimize_coding",
                                TRUE, "interlace", TRUE, nullptr);
      break;
    case Format::kPng:
      rc = vips_pngsave_buffer(image, &buffer, &length, "strip", TRUE, "compression", 6, nullptr);
      break;
    case Format::kWebp:
      rc = vips_webpsave_buffer(image, &buffer, &length, "Q", 82, "strip", TRUE, nullptr);
      break;
  }
  if (rc != 0) return false;
  out.assign(static_cast<const char*>(buffer), length);
  g_free(buffer);
  if (format == Format::kWebp) DropWebpMetadata(out);
  return true;
}

// Writes `bytes` to `path` through a temporary file and a rename, so that a reader never
// sees half a photo.
bool WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path temporary = path.string() + ".part";
  bool written = false;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    written = static_cast<bool>(out);
  }
  std::error_code error;
  if (written) std::filesystem::rename(temporary, path, error);
  if (!written || error) {
    std::filesystem::remove(temporary, error);
    return false;
  }
  return true;
}

// The files written so far; removed on destruction unless kept.
class WrittenFiles {
 public:
  ~WrittenFiles() {
    if (keep_) return;
    std::error_code ignored;
    for (const std::filesystem::path& path : paths_) std::filesystem::remove(path, ignored);
  }
  void Add(std::filesystem::path path) { paths_.push_back(std::move(path)); }
  void Keep() { keep_ = true; }

 private:
  std::vector<std::filesystem::path> paths_;
  bool keep_ = false;
};

}  // namespace

void InitVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("sinmun") != 0) spdlog::error("vips: {}", vips_error_buffer());
    vips_cache_set_max(0);  // every upload is new: caching operations only holds memory
  });
}

PhotoUploadResult StoreUploadedPhoto(store::Desk& store, const PhotoFolders& folders,
                                     std::string_view bytes, store::UserId by, Timestamp at) {
  const std::string& uploads_dir = folders.uploads;
  if (bytes.empty()) return PhotoRefusal{"desk_error_photo_empty"};
  if (bytes.size() > kMaxPhotoBytes) return PhotoRefusal{"desk_error_photo_large"};
  const std::optional<Format> format = Sniff(bytes);
  if (!format) return PhotoRefusal{"desk_error_photo_type"};
  InitVips();

  // fail_on=warning: a truncated JPEG only warns in libjpeg, and must be refused.
  Image original(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail_on",
                                            VIPS_FAIL_ON_WARNING, nullptr));
  if (!original) {
    spdlog::info("photo upload refused: {}", VipsErrorText());
    return PhotoRefusal{"desk_error_photo_damaged"};
  }
  if (static_cast<double>(original->Xsize) * original->Ysize > kMaxPixels) {
    return PhotoRefusal{"desk_error_photo_pixels"};
  }
  VipsImage* rotated_raw = nullptr;
  if (vips_autorot(original.get(), &rotated_raw, nullptr) != 0) {
    spdlog::info("photo upload refused: {}", VipsErrorText());
    return PhotoRefusal{"desk_error_photo_damaged"};
  }
  const Image rotated(rotated_raw);
  // Decode the whole file once into memory: a damaged or truncated file fails here, before
  // anything is written, and the resizes below read pixels from memory.
  VipsImage* decoded_raw = vips_image_copy_memory(rotated.get());
  if (decoded_raw == nullptr) {
    spdlog::info("photo upload refused: {}", VipsErrorText());
    return PhotoRefusal{"desk_error_photo_damaged"};
  }
  const Image decoded(decoded_raw);
  // libvips 8.14's WebP writer keeps EXIF and XMP despite "strip": the metadata goes from the
  // pixels themselves, before any variant is made from them.
  RemoveMetadata(decoded.get());
  const int width = decoded->Xsize;
  const int height = decoded->Ysize;

  std::vector<int> widths;
  for (const int candidate : kPhotoWidths) {
    if (candidate <= width) widths.push_back(candidate);
  }
  if (widths.empty() || widths.back() < std::min(width, kPhotoWidths.back())) {
    widths.push_back(std::min(width, kPhotoWidths.back()));
  }

  const std::string month = FormatKstDate(at).substr(0, 7);  // "2026-11"
  const std::string name =
      fmt::format("{}/{}/{}", month.substr(0, 4), month.substr(5, 2), RandomToken().substr(0, 16));
  const std::filesystem::path folder = std::filesystem::path(uploads_dir) / name.substr(0, 7);
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return Error{ErrorCode::kUnavailable,
                 fmt::format("cannot create {}: {}", folder.string(), error.message())};
  }

  // The fallback every browser shows is the upload's own format, but a WebP upload falls back
  // to JPEG (PNG when it has transparency); WebP files are written beside it in every width.
  const Format fallback = *format != Format::kWebp             ? *format
                          : vips_image_hasalpha(decoded.get()) ? Format::kPng
                                                               : Format::kJpeg;
  WrittenFiles files;
  int largest_height = height;
  for (const int target : widths) {
    VipsImage* resized_raw = nullptr;
    const double scale = static_cast<double>(target) / width;
    if (vips_resize(decoded.get(), &resized_raw, scale, nullptr) != 0) {
      return Error{ErrorCode::kInternal, "vips resize: " + VipsErrorText()};
    }
    const Image resized(resized_raw);
    largest_height = resized->Ysize;
    for (const Format variant : {fallback, Format::kWebp}) {
      std::string encoded;
      if (!Encode(resized.get(), variant, encoded)) {
        return Error{ErrorCode::kInternal, "vips encode: " + VipsErrorText()};
      }
      const std::filesystem::path path = std::filesystem::path(uploads_dir) /
                                         fmt::format("{}-{}.{}", name, target, Extension(variant));
      if (!WriteFile(path, encoded)) {
        return Error{ErrorCode::kUnavailable, "cannot write " + path.string()};
      }
      files.Add(path);
    }
  }

  if (!folders.originals.empty()) {
    // The file as sent, for a later crop or a larger size; private, since it keeps what the
    // variants drop (EXIF with the camera's GPS position) and the full resolution.
    const std::filesystem::path original =
        std::filesystem::path(folders.originals) / fmt::format("{}.{}", name, Extension(*format));
    std::filesystem::create_directories(original.parent_path(), error);
    if (error || !WriteFile(original, std::string(bytes))) {
      return Error{ErrorCode::kUnavailable, "cannot write " + original.string()};
    }
    files.Add(original);
    std::filesystem::permissions(
        original, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, error);
    if (error) return Error{ErrorCode::kUnavailable, "cannot restrict " + original.string()};
  }

  Result<store::PhotoId> id =
      store.InsertPhoto(store::Photo{.id = 0,
                                     .name = name,
                                     .format = std::string(FormatName(fallback)),
                                     .width = widths.back(),
                                     .height = largest_height,
                                     .widths = widths,
                                     .webp = true,
                                     .uploaded_by = by,
                                     .uploaded_at = at});
  if (!id) return id.error();
  files.Keep();
  return *id;
}

}  // namespace sinmun::newsroom
