#pragma once
// Archive imports (issue #15): records of another system written into the paper, keyed by
// their ids there so that importing the same export again updates instead of duplicating,
// and the old site's addresses, which the site answers with a 301 to the new pages.
// Every write bumps the change sequence (an article by its id, sections and reporters with
// article id 0), so that search and page caches follow.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// Where an imported record came from.
struct SourceKey {
  std::string origin;  // the exported site, by its address
  std::string kind;    // "author", "category", "post", "comment"
  std::int64_t id = 0;
};

struct ImportedRecord {
  std::int64_t id = 0;
  std::string fingerprint;
};

// kKeptNewsroomEdit: an article imported before and saved in the newsroom since is left as
// the newsroom made it, whatever the export now says.
enum class ImportOutcome { kCreated, kUpdated, kUnchanged, kKeptNewsroomEdit };

// What an import call did to one record, and the id of the row it is in sinmun.
struct Imported {
  std::int64_t id = 0;
  ImportOutcome outcome = ImportOutcome::kCreated;
};

// Paths of the old site are stored percent-decoded, with their query as written
// ("/2023/03/01/예산/", "/?p=11"), as the server decodes request paths.
enum class LegacyKind { kArticle, kSection, kReporter, kTag, kPage };
std::string_view LegacyKindName(LegacyKind kind);  // "article", "section", …
std::optional<LegacyKind> LegacyKindNamed(std::string_view name);

// What an old address now is: an article, section or reporter by id, a tag or a page by name.
struct LegacyTarget {
  LegacyKind kind = LegacyKind::kArticle;
  std::int64_t id = 0;
  std::string name;  // a section's slug, a tag, a static page's path ("about": /page/about)
};

struct LegacyPath {
  std::string path;
  LegacyTarget target;
};

// `fingerprint` in each record below is a digest of its content made by the importer: a
// record whose fingerprint is the one stored is left as it is (kUnchanged).

// An author: a reporter profile and a newsroom account that cannot log in (inactive, no
// usable password) until an administrator sets its password. No account is made when the
// e-mail is empty or already has one.
struct ImportedReporter {
  SourceKey key;
  std::string fingerprint;
  NewReporter reporter;
  Timestamp at = 0;                    // the account's creation time
  std::vector<std::string> old_paths;  // answer 301 to the reporter's page
};

struct ImportedSection {
  SourceKey key;
  std::string fingerprint;
  NewSection section;                  // position is ignored: a new section goes last
  std::vector<std::string> old_paths;  // answer 301 to the section's page
};

// A reader comment of an imported article, kept as plain text like any comment. `parent` is
// the source id of the comment it answers (0 for none); sinmun's replies go one level deep, so
// a reply to a reply is stored as a reply to its thread's first comment. Imported comments
// are guests' without a password: nobody can edit or delete them but a moderator.
struct ImportedComment {
  std::int64_t source_id = 0;
  std::int64_t parent = 0;
  std::string nickname;
  std::string body;
  Timestamp created_at = 0;
};

// An article in one of the statuses draft, submitted, scheduled (published by the scheduler
// at registered_at) or published.
struct ImportedArticle {
  SourceKey key;
  std::string fingerprint;
  ArticleStatus status = ArticleStatus::kPublished;
  ArticleContent content;                 // section, headline, lists, body, bylines, tags
  Timestamp registered_at = 0;            // publication time, or the scheduled minute
  std::optional<Timestamp> modified_at;   // published only
  std::vector<std::string> old_paths;     // answer 301 to the article's page
  std::vector<ImportedComment> comments;  // a parent before its replies
};

class ImportBook {
 public:
  virtual ~ImportBook() = default;

  // Creates the reporter (and its account) or updates its name and e-mail. kInvalidInput for
  // an empty name.
  virtual Result<Imported> ImportReporter(const ImportedReporter& reporter) = 0;

  // Creates the section or updates its name; a section whose slug is taken by a section that
  // was not imported is taken over (the paper already has 정치). kInvalidInput for an empty
  // slug or name.
  virtual Result<Imported> ImportSection(const ImportedSection& section) = 0;

  // Writes the articles, their old addresses and comments in one transaction: all of them or
  // none, so an interrupted import never leaves half an article. An article imported before
  // is updated in place (its views, recommends and id kept), unless the newsroom has saved it
  // since (kKeptNewsroomEdit). kInvalidInput for an article
  // that breaks the desk's content rules (store/desk.hpp) or has another status.
  virtual Result<std::vector<Imported>> ImportArticles(const std::vector<ImportedArticle>& articles,
                                                       Timestamp at) = 0;

  // Stores old addresses (tag archives), replacing what they pointed at.
  virtual Result<> PutLegacyPaths(const std::vector<LegacyPath>& paths) = 0;

  // What an old address now is. kNotFound when it is none of the old site's.
  virtual Result<LegacyTarget> LegacyPathTarget(std::string_view path) const = 0;

  // The row a record of another system became, and the fingerprint written with it; nullopt
  // for a record never imported. The importer keys the media files it sends through the photo
  // pipeline this way (kind "media"), so a second run reuses the photos of the first.
  virtual Result<std::optional<ImportedRecord>> ImportedRecordOf(const SourceKey& key) const = 0;
  // Records that `key` became row `id`, written with `fingerprint`.
  virtual Result<> RecordImport(const SourceKey& key, std::int64_t id,
                                std::string_view fingerprint) = 0;
};

}  // namespace sinmun::store
