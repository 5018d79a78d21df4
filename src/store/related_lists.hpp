#pragma once
// Related articles kept with each article (issue #14): the search index's follower computes an
// article's list when it indexes the article (and again for the articles that list names, so
// that a new article appears under its older relatives) and writes it here; the article page
// reads the list's headlines in one statement and never asks the index per render. A list is
// derived data: `sinmun reindex` and a new search index compute every list again.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: PutRelated returns success only after the backend has committed it.

#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class RelatedLists {
 public:
  virtual ~RelatedLists() = default;

  // Replaces the kept list of every article named in `lists` (an empty list removes it), in
  // one transaction. Ids of articles the store does not hold (deleted since they were indexed)
  // are left out, on either side of a list.
  virtual Result<> PutRelated(const std::vector<RelatedList>& lists) = 0;

  // The kept related articles of `id` that are published at `now`, best first, at most
  // `limit`: id and headline. Empty when none was kept.
  virtual Result<std::vector<ArticleHeadline>> RelatedHeadlines(ArticleId id, int limit,
                                                                Timestamp now) const = 0;
};

}  // namespace sinmun::store
