#pragma once
// Reads of reader activity: the most viewed, recommended and e-mailed published articles.
// Thread safety: all methods may be called concurrently from any thread.

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Rankings {
 public:
  virtual ~Rankings() = default;

  // Published articles with the most stored views (ties: newest first), at most `limit`,
  // optionally within one section and registered at or after `since`.
  virtual Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                         std::optional<Timestamp> since, int limit,
                                                         Timestamp now) const = 0;

  // The published articles among `ids`, in the order given; unknown or unpublished ids are
  // left out. At most 100 ids.
  virtual Result<std::vector<ArticleSummary>> SummariesByIds(const std::vector<ArticleId>& ids,
                                                             Timestamp now) const = 0;

  // Published articles most recommended / most e-mailed (by recipients) / most commented
  // (comments shown, replies included) at or after `since`, most first (ties: newest first),
  // at most `limit`.
  virtual Result<std::vector<RankedSummary>> MostRecommended(Timestamp since, int limit,
                                                             Timestamp now) const = 0;

  virtual Result<std::vector<RankedSummary>> MostEmailed(Timestamp since, int limit,
                                                         Timestamp now) const = 0;

  virtual Result<std::vector<RankedSummary>> MostCommented(Timestamp since, int limit,
                                                           Timestamp now) const = 0;
};

}  // namespace sinmun::store
