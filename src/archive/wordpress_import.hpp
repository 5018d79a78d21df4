#pragma once
// `sinmun import wordpress`: reads a WordPress export as a stream, maps each record
// (wordpress_mapping.hpp) and hands it to a sink (import_store_sink.hpp writes the store),
// counting what was created, updated and skipped (each skip with its reason) for the report.
// Without a sink the import is a dry run: everything is read, converted and reported.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "archive/wordpress_mapping.hpp"
#include "archive/wxr.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace sinmun::archive {

// kKeptNewsroomEdit: an article saved in the newsroom since its last import is left as it
// is; the sink lists it with TakeSkipped() for the report.
enum class WriteOutcome { kCreated, kUpdated, kUnchanged, kKeptNewsroomEdit };

// An image file of --media as the sink stored it: a photo of the paper and its address on
// the site (its largest size, in the original's format).
struct StoredImage {
  std::int64_t photo_id = 0;
  std::string address;
};

// Where imported records go, keyed by WordPress ids so that a second run updates instead of
// duplicating. An article is written whole or not at all.
class ImportSink {
 public:
  virtual ~ImportSink() = default;
  // The export's head, before anything else: names the site the records are keyed under.
  virtual Result<> Begin(const WxrSite& site) = 0;
  virtual Result<WriteOutcome> PutReporter(const WxrAuthor& author) = 0;
  virtual Result<WriteOutcome> PutSection(const MappedSection& section) = 0;
  // Tag archive paths ("/tag/선거/") with each tag's name.
  virtual Result<> PutTagPaths(const std::vector<std::pair<std::string, std::string>>& paths) = 0;
  // May hold the article back to write it with others in one transaction: returns what
  // became of the articles this call wrote (none, or a batch). Flush writes the rest.
  virtual Result<std::vector<WriteOutcome>> PutArticle(MappedArticle&& article) = 0;
  virtual Result<std::vector<WriteOutcome>> Flush() = 0;
  // An image file of --media (`relative` to it, as the old site's uploads address has it):
  // stored as a photo, which is returned. kUnavailable when this sink keeps no images (the
  // body keeps the old address, a featured image is left out); kInvalidInput, with the
  // reason, for a file that is no usable image.
  virtual Result<StoredImage> PutImage(const std::string& relative,
                                       const std::filesystem::path& file) {
    (void)relative;
    (void)file;
    return Fail(ErrorCode::kUnavailable, "this import keeps no images");
  }
  // The articles written so far that were skipped, with the reason, since the last call.
  virtual std::vector<SkippedItem> TakeSkipped() { return {}; }
  // kUnavailable (with the reason) when pages cannot be written: the page is skipped.
  virtual Result<WriteOutcome> PutPage(const MappedPage& page) = 0;
};

struct ImportOptions {
  // A copy of wp-content/uploads; "" leaves images at the old site and the articles without
  // their featured image. With it the export is read twice: its attachments first (a featured
  // image's attachment tends to come after its post), then everything.
  std::string media_dir;
  Timestamp now = 0;  // dates the drafts that have none
};

struct ImportCounts {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t Total() const { return created + updated + unchanged; }
};

struct ImportReport {
  WxrSite site;
  bool dry_run = true;
  std::int64_t items = 0;
  ImportCounts reporters;
  ImportCounts sections;
  ImportCounts articles;
  ImportCounts pages;
  std::map<std::string, std::int64_t> articles_by_state;  // "published" → n
  std::int64_t tags = 0;
  std::int64_t redirects = 0;               // old addresses that answer 301
  std::int64_t comments = 0;                // approved comments and replies imported
  std::int64_t comments_skipped = 0;        // not approved (spam, trash, held)
  std::int64_t attachments = 0;             // media library entries (their files come via --media)
  std::int64_t images = 0;                  // image references in bodies
  std::int64_t images_found = 0;            // … whose file is in --media
  std::vector<std::string> images_missing;  // … whose file is not (first 1,000)
  std::int64_t images_missing_count = 0;
  std::int64_t images_stored = 0;           // … that went through the photo pipeline
  std::vector<std::string> images_refused;  // address: why the pipeline refused it (first 1,000)
  std::int64_t images_refused_count = 0;
  std::int64_t featured = 0;                  // posts with a featured image
  std::int64_t featured_found = 0;            // … whose file is in --media
  std::int64_t featured_not_in_export = 0;    // … whose attachment the export lacks
  std::vector<std::string> featured_missing;  // "#post: address" of files not in --media
  std::int64_t featured_missing_count = 0;
  std::int64_t featured_stored = 0;  // … that became the article's lead photo
  std::vector<SkippedItem> skipped;
};

// Reads `path` into `sink` (nullptr: a dry run). Errors: those of ReadWxr, or the sink's.
// `progress` as in ReadWxr. On an error the report holds what was done before it.
Result<> ImportWordPress(const std::string& path, const ImportOptions& options, ImportSink* sink,
                         ImportReport& report,
                         const std::function<void(const WxrProgress&)>& progress = {});

// The report as text: what was created, updated and skipped, each skip with its reason.
std::string FormatImportReport(const ImportReport& report);

}  // namespace sinmun::archive
