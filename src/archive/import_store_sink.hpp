#pragma once
// The ImportSink that writes a WordPress import into the paper's store (store::ImportBook):
// authors become reporters with inactive accounts, top-level categories sections, posts
// articles, each keyed by its WordPress id under the exported site's address, so a second run
// of the same file updates instead of duplicating; published pages become static pages. Articles
// are written in batches, each one transaction: an interrupted import leaves whole articles only.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archive/wordpress_import.hpp"
#include "store/import_book.hpp"
#include "store/static_pages.hpp"

namespace sinmun::archive {

// The photo pipeline, lent by the app (the newsroom's steps: decoded whole, resized, WebP
// beside the original's format, no metadata), since archive does not depend on the newsroom.
struct PhotoPipeline {
  // Stores an image file's bytes as a photo; kInvalidInput, with the reason, for a file that
  // is no usable image (not an image, damaged, too large).
  std::function<Result<store::PhotoId>(std::string_view bytes)> store;
  // A stored photo's address on the site (its largest size, in the original's format).
  std::function<Result<std::string>(store::PhotoId id)> address;
};

class ImportStoreSink final : public ImportSink {
 public:
  // `now` dates the accounts and the writes; `batch` articles are written per transaction.
  // Pages go to `pages` (static pages, served at /page/<path>). Images of --media go through
  // `photos` when it is set, and keep their old address otherwise.
  ImportStoreSink(store::ImportBook& book, store::StaticPages& pages, Timestamp now,
                  size_t batch = 200, PhotoPipeline photos = {});

  // Records are keyed under the exported site's address (wp:base_blog_url, else <link>).
  Result<> Begin(const WxrSite& site) override;
  Result<WriteOutcome> PutReporter(const WxrAuthor& author) override;
  Result<WriteOutcome> PutSection(const MappedSection& section) override;
  Result<> PutTagPaths(const std::vector<std::pair<std::string, std::string>>& paths) override;
  Result<std::vector<WriteOutcome>> PutArticle(MappedArticle&& article) override;
  Result<std::vector<WriteOutcome>> Flush() override;
  std::vector<SkippedItem> TakeSkipped() override;
  Result<WriteOutcome> PutPage(const MappedPage& page) override;
  // Each file is stored once: keyed by its path under the site's address ("media"), with its
  // SHA-256 as the fingerprint, so a second run reuses the photo and a changed file is stored
  // again.
  Result<StoredImage> PutImage(const std::string& relative,
                               const std::filesystem::path& file) override;

 private:
  Result<store::SectionId> Unfiled();

  store::ImportBook& book_;
  store::StaticPages& pages_;
  std::string origin_;  // the exported site
  Timestamp now_;
  size_t batch_;
  std::map<std::string, store::ReporterId> reporters_;  // by login
  std::map<std::string, store::SectionId> sections_;    // by decoded slug
  std::vector<store::ImportedArticle> pending_;
  PhotoPipeline photos_;
  std::vector<SkippedItem> skipped_;  // articles the newsroom edited, until TakeSkipped()
};

}  // namespace sinmun::archive
