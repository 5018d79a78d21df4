#pragma once
// Private to search/.
// The related query scored by walking postings, for a reindex that makes every article's list.
//
// Xapian's matcher answers the related query (an OR of an article's top content terms,
// weighed by BM25) by merging the terms' posting lists document by document, with pruning
// that only pays when some terms are much rarer than others. In a demo paper every such term
// is held by about 1 % of the articles, so at 1,000,000 articles each list cost about 8 ms and
// a reindex spent an hour of both cores on them. Summing each term's postings into an array
// indexed by document instead reads the same postings without the merge: the same BM25
// weights (Xapian 1.4's BM25Weight with its default parameters, written as Xapian writes it),
// the same best documents; of documents whose weights differ only in the last bits of a
// double, either may come first, as with Xapian's own DONT_CARE order.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sinmun::search {

// Every document's length, read once and shared by the threads making lists. Documents are
// numbered down from the top of the docid range (DocId in xapian_index.hpp), so tables here
// are indexed from the lowest docid in use, and hold one entry per article id.
// Thread safety: const methods from any thread once built.
class DocumentLengths {
 public:
  // Empty (span() 0) when the database is, or when its documents' ids spread over more than
  // kMostSlots: then the tables would not be worth their memory (an import that kept another
  // system's far-apart numbers) and lists are made by Xapian's matcher. Xapian errors throw.
  static DocumentLengths ReadAll(const Xapian::Database& database);
  // 16,777,216 slots: RelatedScorer's tables are then about 150 MB a thread.
  static constexpr std::size_t kMostSlots = std::size_t{1} << 24;

  // Where `docid` is in a table of span() entries, or span() for one outside it (a document
  // added after the lengths were read).
  std::size_t Slot(Xapian::docid docid) const {
    return docid < first_ || docid - first_ >= lengths_.size() ? lengths_.size() : docid - first_;
  }
  std::size_t span() const { return lengths_.size(); }
  Xapian::termcount At(std::size_t slot) const { return lengths_[slot]; }
  Xapian::docid DocidAt(std::size_t slot) const {
    return first_ + static_cast<Xapian::docid>(slot);
  }

 private:
  Xapian::docid first_ = 0;
  std::vector<Xapian::termcount> lengths_;  // by slot; 0 where there is no document
};

// One thread's scorer: an array of weights by document, cleared after each query (about
// 9 bytes an article).
// Thread safety: one thread at a time.
class RelatedScorer {
 public:
  RelatedScorer(const Xapian::Database& database, const DocumentLengths& lengths);

  // The at most `limit` documents other than `self` that weigh most for the OR of `terms`
  // (term frequencies from `frequencies`: one per term, as the index has them), heaviest
  // first, equal weights by ascending docid. Xapian errors throw.
  std::vector<Xapian::docid> Best(const std::vector<std::string>& terms,
                                  const std::vector<Xapian::doccount>& frequencies,
                                  Xapian::docid self, int limit);

 private:
  const Xapian::Database& database_;
  const DocumentLengths& lengths_;
  double documents_;
  double length_factor_;         // 1 / the average document length, as BM25Weight::init has it
  std::vector<double> weights_;  // by slot, summed over the terms so far
  std::vector<std::uint8_t> touched_;  // by slot: 1 once a term has been summed into it
  std::vector<std::size_t> matched_;   // the slots touched, in the order met
};

}  // namespace sinmun::search
