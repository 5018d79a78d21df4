// RelatedScorer (related_scorer.hpp): BM25 over postings summed into an array.

#include "search/related_scorer.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sinmun::search {
namespace {

// Xapian::BM25Weight's defaults, which Enquire uses when no scheme is set.
constexpr double kK1 = 1;
constexpr double kK3 = 1;
constexpr double kB = 0.5;
constexpr double kMinNormalisedLength = 0.5;

// BM25Weight::init for a term of a plain OR (factor 1, within-query frequency 1) and no
// relevance set, in Xapian 1.4's order of operations.
double TermWeight(double documents, Xapian::doccount frequency) {
  double tw = (documents - frequency + 0.5) / (frequency + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  double weight = std::log(tw) * 1.0;
  const double wqf = 1;
  weight *= (kK3 + 1) * wqf / (kK3 + wqf);
  weight *= (kK1 + 1);
  return weight;
}

}  // namespace

DocumentLengths DocumentLengths::ReadAll(const Xapian::Database& database) {
  DocumentLengths table;
  Xapian::PostingIterator it = database.postlist_begin("");
  if (it == database.postlist_end("")) return table;
  if (database.get_lastdocid() - *it >= kMostSlots) return table;
  table.first_ = *it;
  table.lengths_.assign(static_cast<std::size_t>(database.get_lastdocid() - table.first_) + 1, 0);
  for (; it != database.postlist_end(""); ++it)
    table.lengths_[*it - table.first_] = it.get_doclength();
  return table;
}

RelatedScorer::RelatedScorer(const Xapian::Database& database, const DocumentLengths& lengths)
    : database_(database),
      lengths_(lengths),
      documents_(database.get_doccount()),
      slots_(lengths.span()),
      blocks_((lengths.span() >> kBlockBits) + 1) {
  // BM25Weight::init's len_factor and get_sumpart's denominator without the wdf, in their
  // order of operations, so that adding the wdf gives Xapian's denominator bit for bit.
  double length_factor = database.get_avlength();
  if (length_factor != 0) length_factor = 1 / length_factor;
  for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
    const double normalised = std::max(lengths.At(slot) * length_factor, kMinNormalisedLength);
    slots_[slot].length_part = kK1 * (normalised * kB + (1 - kB));
  }
}

std::vector<Xapian::docid> RelatedScorer::Best(const std::vector<std::string>& terms,
                                               const std::vector<Xapian::doccount>& frequencies,
                                               Xapian::docid self, int limit) {
  // First the postings, in the order read, into the block of slots each falls in; then each
  // block's postings summed while its part of the table stays in the cache. Summing straight
  // into the table as the postings came touched a new cache line far from the last for nearly
  // every posting at 1,000,000 articles (the postings of a term held by 1 % of them are 100
  // slots apart), which cost more than reading the postings. A slot's terms are still summed
  // in the terms' order, as before.
  for (std::size_t i = 0; i < terms.size(); ++i) {
    for (Xapian::PostingIterator it = database_.postlist_begin(terms[i]);
         it != database_.postlist_end(terms[i]); ++it) {
      const std::size_t slot = lengths_.Slot(*it);
      const Xapian::termcount wdf = it.get_wdf();
      // A document added after the lengths were read, or a posting that weighs nothing.
      if (slot == slots_.size() || wdf == 0) continue;
      blocks_[slot >> kBlockBits].push_back(
          {static_cast<std::uint32_t>(slot), wdf, static_cast<std::uint32_t>(i)});
    }
  }
  std::vector<double> term_weights;
  term_weights.reserve(terms.size());
  for (const Xapian::doccount frequency : frequencies) {
    term_weights.push_back(TermWeight(documents_, frequency));
  }
  for (std::vector<Posting>& block : blocks_) {
    for (const Posting& posting : block) {
      Slot& scored = slots_[posting.slot];
      if (scored.weight == 0) matched_.push_back(posting.slot);
      // BM25Weight::get_sumpart.
      const double wdf = posting.wdf;
      scored.weight += term_weights[posting.term] * (wdf / (scored.length_part + wdf));
    }
    block.clear();
  }
  // The heaviest `limit`: a heap whose top is the one to drop first (the lightest, of equal
  // weights the larger docid).
  const auto heavier = [](const std::pair<double, Xapian::docid>& a,
                          const std::pair<double, Xapian::docid>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  std::vector<std::pair<double, Xapian::docid>> best;
  if (limit > 0) best.reserve(static_cast<std::size_t>(limit) + 1);
  for (const std::size_t slot : matched_) {
    const double weight = std::exchange(slots_[slot].weight, 0.0);
    const Xapian::docid docid = lengths_.DocidAt(slot);
    if (docid == self || limit <= 0) continue;
    if (std::ssize(best) == limit && !heavier({weight, docid}, best.front())) continue;
    best.emplace_back(weight, docid);
    std::push_heap(best.begin(), best.end(), heavier);
    if (std::ssize(best) > limit) {
      std::pop_heap(best.begin(), best.end(), heavier);
      best.pop_back();
    }
  }
  matched_.clear();
  std::sort(best.begin(), best.end(), heavier);
  std::vector<Xapian::docid> docids;
  docids.reserve(best.size());
  for (const auto& [weight, docid] : best) docids.push_back(docid);
  return docids;
}

}  // namespace sinmun::search
