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
      length_factor_(database.get_avlength()),
      weights_(lengths.span(), 0.0),
      touched_(lengths.span(), 0) {
  if (length_factor_ != 0) length_factor_ = 1 / length_factor_;
}

std::vector<Xapian::docid> RelatedScorer::Best(const std::vector<std::string>& terms,
                                               const std::vector<Xapian::doccount>& frequencies,
                                               Xapian::docid self, int limit) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double term_weight = TermWeight(documents_, frequencies[i]);
    for (Xapian::PostingIterator it = database_.postlist_begin(terms[i]);
         it != database_.postlist_end(terms[i]); ++it) {
      const std::size_t slot = lengths_.Slot(*it);
      if (slot == lengths_.span()) continue;  // added after the lengths were read
      // BM25Weight::get_sumpart.
      const double normalised = std::max(lengths_.At(slot) * length_factor_, kMinNormalisedLength);
      const double wdf = it.get_wdf();
      const double denominator = kK1 * (normalised * kB + (1 - kB)) + wdf;
      if (touched_[slot] == 0) {
        touched_[slot] = 1;
        matched_.push_back(slot);
      }
      weights_[slot] += term_weight * (wdf / denominator);
    }
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
    const double weight = std::exchange(weights_[slot], 0.0);
    touched_[slot] = 0;
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
