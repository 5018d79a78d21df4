#pragma once
// Edits of what frames the articles: sections, reporter profiles and site settings. Each
// write bumps the change sequence (article id 0) so that page caches drop what they hold.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Masthead {
 public:
  virtual ~Masthead() = default;

  // Adds a section after the others. kConflict when the slug is taken; kInvalidInput for an
  // empty slug or name. Bumps the change sequence.
  virtual Result<SectionId> CreateSection(const NewSection& section, bool hidden) = 0;

  // Saves name and hidden of `section` (the slug, part of every URL, is kept). kNotFound for
  // an unknown id; kInvalidInput for an empty name. Bumps the change sequence.
  virtual Result<> UpdateSection(const SectionAdmin& section) = 0;

  // Sets the display order: `order` lists section ids first to last. kInvalidInput unless it
  // holds every section exactly once. Bumps the change sequence.
  virtual Result<> ReorderSections(const std::vector<SectionId>& order) = 0;

  virtual Result<ReporterId> InsertReporter(const NewReporter& reporter) = 0;

  // Saves name, email and bio of `reporter`. kNotFound for an unknown id; kInvalidInput for
  // an empty name. Bumps the change sequence (reporter pages show the bio).
  virtual Result<> UpdateReporter(const Reporter& reporter) = 0;

  // Sets the profile photo (a file in the uploads folder; "" removes it). kNotFound for an
  // unknown id. Bumps the change sequence.
  virtual Result<> SetReporterPhoto(ReporterId id, std::string_view photo) = 0;

  // Stores each key's value (other keys are kept) in one transaction and bumps the change
  // sequence. kInvalidInput for an empty key.
  virtual Result<> PutSiteSettings(const Settings& settings) = 0;

  // Stores `value` under `key` unless the key already holds a non-empty value, and returns
  // the value in force after: of several nodes writing at once, the first one's. Bumps the
  // change sequence when it wrote. kInvalidInput for an empty key or value.
  virtual Result<std::string> PutSiteSettingIfUnset(std::string_view key,
                                                    std::string_view value) = 0;
};

}  // namespace sinmun::store
