#pragma once
// The change sequence: every article write increments a monotonic counter in the same
// transaction; followers (search, page cache, banner rotation) read it to know something
// changed. Changes that are not about one article (sections, reporter profiles, site settings,
// ad campaigns) also bump it, with a change log entry whose article_id is 0, so that page
// caches drop what they hold; the search index finds no article 0 and moves on.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;

  // The current change sequence: 0 for an empty store, +1 for every article write.
  virtual Result<std::int64_t> ChangeSequence() const = 0;

  // The change log after `after_seq`, oldest first, at most `limit` entries (limit <= 0 gives
  // none): for followers such as the search index, which remember the last seq they processed
  // and read on from there. An article changed several times appears once per change.
  // The last entry's seq may be lower than ChangeSequence() only while a write is committing.
  virtual Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const = 0;
};

}  // namespace sinmun::store
