#pragma once
// Private to search/.
// An article's most significant content terms, the query of its related articles: the terms
// Xapian's get_eset ranks first for the article alone as the relevant set (TradEWeight, k = 1),
// among chain bigrams and words that some other article has too (a term of this article alone
// finds nothing related, yet the expand weight ranks it first).
//
// Computed here rather than by get_eset, with the same weights and Xapian 1.4's choice among
// equal weights (tests/search/content_terms_test.cpp compares both), so that the terms'
// frequencies can come from a table read once: get_eset looks each term of the article up in
// the index (one B-tree descent, mostly a pread of a leaf block), which was about 60 % of a
// related list's CPU time at 100,000 articles and made `sinmun reindex`, which makes every
// article's list, take longer than indexing itself.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::search {

// Whether `term` is a content term by its text: chain bigrams and words longer than 3 bytes;
// not a prefixed field (headline copies, reporters, filters).
bool IsContentTerm(std::string_view term);

// The frequency (documents holding it) of every content term of a database held by at least
// two documents, read in one pass over its terms. About 20 bytes a term: a 1,000,000-article
// demo paper has tens of thousands; a real archive's vocabulary is larger (millions of
// names, numbers and rare compounds), still far below the index itself.
// Thread safety: const methods from any thread once built.
class TermFrequencies {
 public:
  static TermFrequencies ReadAll(const Xapian::Database& database);  // Xapian errors throw

  // The term's frequency; 0 for a term held by fewer than two documents, or not a content term.
  Xapian::doccount Of(std::string_view term) const;
  std::size_t size() const { return frequencies_.size(); }

 private:
  std::string text_;                 // every term, ascending, back to back
  std::vector<std::uint64_t> ends_;  // where each term ends in text_
  std::vector<Xapian::doccount> frequencies_;
};

// At most `count` content terms of document `docid`, best first, as Enquire::get_eset(count,
// {docid}) with a decider for IsContentTerm and frequency >= 2 would list them. Frequencies
// come from `frequencies`, or from `database` itself when it is null. Xapian errors throw
// (DocNotFoundError for a document not in the database).
std::vector<std::string> TopContentTerms(const Xapian::Database& database, Xapian::docid docid,
                                         Xapian::termcount count,
                                         const TermFrequencies* frequencies);

}  // namespace sinmun::search
