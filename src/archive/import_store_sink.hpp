#pragma once
// The ImportSink that writes a WordPress import into the paper's store (store::ImportBook):
// authors become reporters with inactive accounts, top-level categories sections, posts
// articles, each keyed by its WordPress id under the exported site's address, so a second run
// of the same file updates instead of duplicating; published pages become static pages. Articles
// are written in batches, each one transaction: an interrupted import leaves whole articles only.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "archive/wordpress_import.hpp"
#include "store/import_book.hpp"
#include "store/static_pages.hpp"

namespace sinmun::archive {

class ImportStoreSink final : public ImportSink {
 public:
  // `now` dates the accounts and the writes; `batch` articles are written per transaction.
  // Pages go to `pages` (static pages, served at /page/<path>).
  ImportStoreSink(store::ImportBook& book, store::StaticPages& pages, Timestamp now,
                  size_t batch = 200);

  // Records are keyed under the exported site's address (wp:base_blog_url, else <link>).
  Result<> Begin(const WxrSite& site) override;
  Result<WriteOutcome> PutReporter(const WxrAuthor& author) override;
  Result<WriteOutcome> PutSection(const MappedSection& section) override;
  Result<> PutTagPaths(const std::vector<std::pair<std::string, std::string>>& paths) override;
  Result<std::vector<WriteOutcome>> PutArticle(MappedArticle&& article) override;
  Result<std::vector<WriteOutcome>> Flush() override;
  std::vector<SkippedItem> TakeSkipped() override;
  Result<WriteOutcome> PutPage(const MappedPage& page) override;

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
  std::vector<SkippedItem> skipped_;  // articles the newsroom edited, until TakeSkipped()
};

}  // namespace sinmun::archive
