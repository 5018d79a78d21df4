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
  // 8,388,608 slots: RelatedScorer's table is then about 130 MB a thread.
  static constexpr std::size_t kMostSlots = std::size_t{1} << 23;

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

// One thread's scorer: an array by document of its weight so far and the part of BM25's
// denominator that its length sets, side by side so that a posting touches one cache line
// (16 bytes an article); weights are cleared after each query. The postings read wait in
// blocks (12 bytes each, about 100,000 for a query at 1,000,000 demo articles).
// Thread safety: one thread at a time.
class RelatedScorer {
 public:
  RelatedScorer(const Xapian::Database& database, const DocumentLengths& lengths);

  // The at most `limit` documents other than `self` that weigh most for the OR of `terms`
  // (term frequencies from `frequencies`: one per term, as the index has them), heaviest
  // first, equal weights by ascending docid. A posting with no within-document frequency
  // (a boolean term's) adds nothing, and a document only such postings match is not listed
  // (Xapian would list it last, at weight 0). Xapian errors throw.
  std::vector<Xapian::docid> Best(const std::vector<std::string>& terms,
                                  const std::vector<Xapian::doccount>& frequencies,
                                  Xapian::docid self, int limit);

 private:
  struct Slot {
    double weight = 0;       // summed over the terms so far; 0 until a posting is met
    double length_part = 0;  // k1 * (normalised length * b + (1 - b))
  };

  // A posting read, waiting to be summed with the others of its block of slots.
  struct Posting {
    std::uint32_t slot;
    Xapian::termcount wdf;
    std::uint32_t term;  // its term's place in the query
  };
  // 32,768 slots, 512 kB of the table, a block.
  static constexpr int kBlockBits = 15;

  const Xapian::Database& database_;
  const DocumentLengths& lengths_;
  double documents_;
  std::vector<Slot> slots_;
  std::vector<std::vector<Posting>> blocks_;  // by slot / 2^kBlockBits
  std::vector<std::size_t> matched_;          // the slots met, in the order met
};

}  // namespace sinmun::search
