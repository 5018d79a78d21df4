// `sinmun import wordpress`: a WordPress export into the paper in DIR (see
// src/archive/wordpress_import.hpp), with a progress line on a terminal and a report on stdout
// and in DIR.

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "app/share_dir.hpp"
#include "archive/import_store_sink.hpp"
#include "archive/wordpress_import.hpp"
#include "core/time.hpp"
#include "newsroom/photo_upload.hpp"
#include "render/article_view.hpp"
#include "store/store.hpp"

namespace sinmun::app {
namespace {

// "\r12,345 items · 37% · 2,410 items/s", redrawn at most five times a second.
class ProgressLine {
 public:
  ProgressLine() : start_(std::chrono::steady_clock::now()), last_(start_) {}

  void Show(const archive::WxrProgress& progress) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    Print(progress, now);
  }

  void Finish(const archive::WxrProgress& progress) {
    Print(progress, std::chrono::steady_clock::now());
    std::fputc('\n', stderr);
  }

 private:
  void Print(const archive::WxrProgress& progress, std::chrono::steady_clock::time_point now) {
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const int percent = progress.bytes_total > 0
                            ? static_cast<int>(100 * progress.bytes_read / progress.bytes_total)
                            : 0;
    const double rate = seconds > 0 ? static_cast<double>(progress.items) / seconds : 0;
    fmt::print(stderr, "\r{} items · {}% · {:.0f} items/s   ", progress.items, percent, rate);
    std::fflush(stderr);
  }

  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

std::string ReportFileName(Timestamp now, bool dry_run) {
  const std::time_t seconds = static_cast<std::time_t>(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return fmt::format("import-wordpress-{}{}.txt", stamp, dry_run ? "-dry-run" : "");
}

// The newsroom's messages in English (messages/en.json: the report is in English), read once
// per import; null when they cannot be read.
nlohmann::json EnglishMessages() {
  std::ifstream file(FindShareDir("") + "/messages/en.json", std::ios::binary);
  return nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
}

// Why the photo pipeline refused a file, as the newsroom says it, or the message's key.
std::string RefusalText(const nlohmann::json& messages, const std::string& label_key) {
  if (messages.is_object() && messages.contains(label_key) && messages[label_key].is_string()) {
    return messages[label_key].get<std::string>();
  }
  return label_key;
}

// The newsroom's photo pipeline for the importer's --media images: stored as an upload of
// nobody (uploaded_by 0) at the import's time, addressed by their largest size.
archive::PhotoPipeline ImportPhotos(store::Store& store, const DataDir& data, Timestamp now) {
  archive::PhotoPipeline photos;
  const newsroom::PhotoFolders folders{.uploads = data.uploads_path,
                                       .originals = data.originals_path};
  auto messages = std::make_shared<const nlohmann::json>(EnglishMessages());
  photos.store = [&store, folders, now,
                  messages](std::string_view bytes) -> Result<store::PhotoId> {
    newsroom::PhotoUploadResult stored =
        newsroom::StoreUploadedPhoto(store, folders, bytes, /*by=*/0, now);
    if (const auto* id = std::get_if<store::PhotoId>(&stored)) return *id;
    if (const auto* refusal = std::get_if<newsroom::PhotoRefusal>(&stored)) {
      return Fail(ErrorCode::kInvalidInput, RefusalText(*messages, refusal->label_key));
    }
    return tl::unexpected(std::get<Error>(stored));
  };
  photos.address = [&store](store::PhotoId id) -> Result<std::string> {
    const Result<store::Photo> photo = store.PhotoById(id);
    if (!photo) return tl::unexpected(photo.error());
    return render::PhotoUrl(photo->name, photo->format, photo->widths.back());
  };
  return photos;
}

}  // namespace

int ImportWordPress(const ImportWordPressOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun: data folder {}: {}\n", options.data_dir, data.error().detail);
    return kExitUsage;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(options.file, error)) {
    fmt::print(stderr, "sinmun: {} is not a readable file\n", options.file);
    return kExitUsage;
  }
  if (!options.media_dir.empty() && !std::filesystem::is_directory(options.media_dir, error)) {
    fmt::print(stderr, "sinmun: --media {} is not a folder\n", options.media_dir);
    return kExitUsage;
  }
  std::unique_ptr<store::Store> store;
  if (!options.dry_run) {
    if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
      fmt::print(stderr, "sinmun: {}\n", chosen.error().detail);
      return kExitUsage;
    }
    auto opened = store::OpenStore(data->store_url);
    if (!opened) {
      fmt::print(stderr, "sinmun: the store {}: {}\n", data->store_url, opened.error().detail);
      return kExitFailed;
    }
    store = std::move(*opened);
  }

  const Timestamp now = SystemClock().Now();
  const archive::ImportOptions import_options{.media_dir = options.media_dir, .now = now};
  archive::ImportReport report;
  const bool terminal = isatty(STDERR_FILENO) == 1;
  ProgressLine line;
  archive::WxrProgress last;
  std::unique_ptr<archive::ImportStoreSink> sink;
  if (store) {
    archive::PhotoPipeline photos;
    if (!options.media_dir.empty()) photos = ImportPhotos(*store, *data, now);
    sink = std::make_unique<archive::ImportStoreSink>(*store, *store, now, /*batch=*/200,
                                                      std::move(photos));
  }
  const Result<> done = archive::ImportWordPress(options.file, import_options, sink.get(), report,
                                                 [&](const archive::WxrProgress& progress) {
                                                   last = progress;
                                                   if (terminal) line.Show(progress);
                                                 });
  if (terminal && last.items > 0) line.Finish(last);
  if (!done) {
    fmt::print(stderr, "sinmun: {}: {}\n", options.file, done.error().detail);
    return done.error().code == ErrorCode::kInvalidInput ||
                   done.error().code == ErrorCode::kNotFound
               ? kExitUsage
               : kExitFailed;
  }

  const std::string text = archive::FormatImportReport(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  const std::string report_path = data->path + "/" + ReportFileName(now, options.dry_run);
  std::ofstream file(report_path, std::ios::binary);
  file << text;
  if (!file.flush()) {
    fmt::print(stderr, "sinmun: could not write the report to {}\n", report_path);
    return kExitFailed;
  }
  fmt::print(stderr, "report: {}\n", report_path);
  return kExitOk;
}

}  // namespace sinmun::app
