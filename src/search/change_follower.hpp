#pragma once
// Private to search/.
// Changes of the store made into index documents, in batches: what the follower applies one
// batch at a time and what a reindex streams into a new database.

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"

namespace sinmun::search {

// The documents of a batch of changes: a document to add or replace, or none to delete.
struct Batch {
  std::vector<std::pair<Xapian::docid, std::optional<Xapian::Document>>> documents;
  std::int64_t last_seq = 0;  // 0: no more changes
};

// Reads the next batch of changes after `seq` and makes their documents.
Result<Batch> ReadBatch(SearchStore store, std::int64_t seq, const KoreanAnalyzer& analyzer,
                        const Xapian::Stem& stemmer);

// Writes a batch and records its last sequence; returns the articles written. Xapian errors
// throw.
std::int64_t ApplyBatch(Xapian::WritableDatabase& database, const Batch& batch);

}  // namespace sinmun::search
