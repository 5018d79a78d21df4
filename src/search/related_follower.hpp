#pragma once
// Private to search/.
// The related lists kept in the store (store/related_lists.hpp, issue #14): computed by the
// index's writer after it has indexed changes, so an article page reads a stored list and
// never runs the related query per render.

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "search/content_terms.hpp"
#include "search/searcher.hpp"

namespace sinmun::search {

// How many related articles are kept per article: more than a page shows (5), so that a few
// unpublished or scheduled ones can be skipped when the page reads the list.
inline constexpr int kRelatedKept = 8;
// Metadata: the change sequence number up to which `database`'s articles have their lists.
inline constexpr char kRelatedSeqKey[] = "related_seq";

// Up to `limit` articles most like `id` in `database` (never `id` itself), public at `now`,
// best first; empty when `id` is not indexed. The query's terms are weighted with
// `frequencies` when given (read from this same database), else with lookups in it; the list
// is the same either way. Xapian errors throw.
std::vector<store::ArticleId> RelatedIn(const Xapian::Database& database, store::ArticleId id,
                                        int limit, Timestamp now,
                                        const TermFrequencies* frequencies = nullptr);

class RelatedScorer;
// RelatedIn's list at the end of time (every indexed article counts) for a reindex: the same
// terms, weighed with `frequencies`, scored by `scorer` over the postings (related_scorer.hpp)
// rather than by Xapian's matcher. Xapian errors throw.
std::vector<store::ArticleId> RelatedByPostings(const Xapian::Database& database,
                                                RelatedScorer& scorer, store::ArticleId id,
                                                int limit, const TermFrequencies& frequencies);

// Computes the related list of every article changed after the database's related_seq up to
// its last indexed sequence, writes them to the store a batch at a time and moves related_seq
// along (committed with the database). When related_seq was 0 (a new index, or one from
// before the lists were kept) every article gets its list, against the whole index; otherwise
// the articles each new list names get theirs again too, so that a new article appears under
// its older relatives. `keep_going` is asked after every batch (false: stop there).
// Returns the lists written. Store errors are returned; Xapian errors throw.
Result<std::int64_t> RelateChanges(Xapian::WritableDatabase& database, SearchStore store,
                                   const std::function<bool()>& keep_going);

// What RelateChanges does for a database whose related_seq is 0, for a reindex: the list of
// every article changed up to the database's last indexed sequence, against the whole
// database at `path`, then related_seq set to that sequence and committed. The terms'
// frequencies and the documents' lengths are read once for all lists, which are scored over
// the postings (RelatedByPostings), and `threads` readers share the articles (the lists are
// independent of each other). REQUIRES: nothing else writes the database
// meanwhile (a reindex's database before it goes live). Returns the lists written. Store
// errors are returned; Xapian errors throw (in this thread).
Result<std::int64_t> RelateAll(const std::filesystem::path& path, SearchStore store, int threads);

}  // namespace sinmun::search
