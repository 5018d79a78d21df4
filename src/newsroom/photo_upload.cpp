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
#include "render/picture.hpp"

namespace sinmun::newsroom {
namespace {

using render::PictureFormat;

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

PhotoUploadResult StoreUploadedPhoto(store::Desk& store, const PhotoFolders& folders,
                                     std::string_view bytes, store::UserId by, Timestamp at) {
  const std::string& uploads_dir = folders.uploads;
  if (bytes.empty()) return PhotoRefusal{"desk_error_photo_empty"};
  if (bytes.size() > kMaxPhotoBytes) return PhotoRefusal{"desk_error_photo_large"};
  const std::optional<PictureFormat> format = render::SniffPicture(bytes);
  if (!format) return PhotoRefusal{"desk_error_photo_type"};
  render::DecodeResult decoding = render::DecodePicture(bytes);
  if (const std::string* refusal = std::get_if<std::string>(&decoding)) {
    return PhotoRefusal{"desk_error_photo_" + *refusal};
  }
  const render::Picture& decoded = std::get<render::Picture>(decoding);
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
  const PictureFormat fallback = *format != PictureFormat::kWebp      ? *format
                                 : vips_image_hasalpha(decoded.get()) ? PictureFormat::kPng
                                                                      : PictureFormat::kJpeg;
  WrittenFiles files;
  int largest_height = height;
  for (const int target : widths) {
    VipsImage* resized_raw = nullptr;
    const double scale = static_cast<double>(target) / width;
    if (vips_resize(decoded.get(), &resized_raw, scale, nullptr) != 0) {
      return Error{ErrorCode::kInternal, "vips resize: " + render::VipsErrorText()};
    }
    const render::Picture resized(resized_raw);
    largest_height = resized->Ysize;
    for (const PictureFormat variant : {fallback, PictureFormat::kWebp}) {
      std::string encoded;
      if (!render::EncodePicture(resized.get(), variant, encoded)) {
        return Error{ErrorCode::kInternal, "vips encode: " + render::VipsErrorText()};
      }
      const std::filesystem::path path =
          std::filesystem::path(uploads_dir) /
          fmt::format("{}-{}.{}", name, target, render::PictureExtension(variant));
      if (!WriteFile(path, encoded)) {
        return Error{ErrorCode::kUnavailable, "cannot write " + path.string()};
      }
      files.Add(path);
    }
  }

  // The social image (Open Graph), always a JPEG: every site that shows link previews reads one.
  {
    const render::Picture social = render::SocialImage(decoded.get());
    std::string encoded;
    if (!social || !render::EncodePicture(social.get(), PictureFormat::kJpeg, encoded)) {
      return Error{ErrorCode::kInternal, "vips social image: " + render::VipsErrorText()};
    }
    const std::filesystem::path path = std::filesystem::path(uploads_dir) / (name + "-og.jpg");
    if (!WriteFile(path, encoded)) {
      return Error{ErrorCode::kUnavailable, "cannot write " + path.string()};
    }
    files.Add(path);
  }

  if (!folders.originals.empty()) {
    // The file as sent, for a later crop or a larger size; private, since it keeps what the
    // variants drop (EXIF with the camera's GPS position) and the full resolution.
    const std::filesystem::path original =
        std::filesystem::path(folders.originals) /
        fmt::format("{}.{}", name, render::PictureExtension(*format));
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
                                     .format = std::string(render::PictureFormatName(fallback)),
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
