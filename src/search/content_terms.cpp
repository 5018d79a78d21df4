// An article's top content terms (content_terms.hpp): Xapian's expand weight, computed with
// term frequencies from a table when a whole index's related lists are made.

#include "search/content_terms.hpp"

#include <algorithm>
#include <cmath>

namespace sinmun::search {
namespace {

// Xapian's default expansion scheme ("trad") and its parameter k, as get_eset uses them.
constexpr double kExpandK = 1.0;

// A term and its expand weight, ordered as Xapian orders its ESet's items: heavier first, and
// of equal weights the lexically larger first.
struct WeightedTerm {
  double weight;
  std::string term;
  bool operator<(const WeightedTerm& other) const {
    if (weight != other.weight) return weight > other.weight;
    return term > other.term;
  }
};

// TradEWeight::get_weight for a relevant set of one document that holds the term
// (rsize = rtermfreq = 1), written as Xapian writes it so that equal inputs give equal
// weights, bit for bit, and ties fall as they do in get_eset.
double ExpandWeight(Xapian::termcount wdf, Xapian::termcount length, double average_length,
                    Xapian::doccount documents, Xapian::doccount frequency) {
  if (wdf == 0) wdf = 1;
  double multiplier = 0;
  multiplier += (kExpandK + 1) * wdf / (kExpandK * length / average_length + wdf);
  const Xapian::doccount relevant = 1;
  const double relevant_without_term = relevant - relevant;
  const double num = (relevant + 0.5) * (documents - frequency - relevant_without_term + 0.5);
  const double denom = (frequency - relevant + 0.5) * (relevant_without_term + 0.5);
  return multiplier * std::log(num / denom);
}

}  // namespace

bool IsContentTerm(std::string_view term) {
  if (term.empty()) return false;
  if (term[0] == 'W') return term.size() > 4;  // skip very short words (numbers, "a")
  return term[0] < 'A' || term[0] > 'Z';
}

TermFrequencies TermFrequencies::ReadAll(const Xapian::Database& database) {
  TermFrequencies table;
  for (Xapian::TermIterator it = database.allterms_begin(); it != database.allterms_end(); ++it) {
    const Xapian::doccount frequency = it.get_termfreq();
    if (frequency < 2) continue;
    const std::string term = *it;
    if (!IsContentTerm(term)) continue;
    table.text_ += term;
    table.ends_.push_back(table.text_.size());
    table.frequencies_.push_back(frequency);
  }
  return table;
}

Xapian::doccount TermFrequencies::Of(std::string_view term) const {
  const auto at = [&](std::size_t i) {
    const std::uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  };
  // allterms lists terms in byte order, which is std::string_view's order.
  std::size_t low = 0;
  std::size_t high = ends_.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (at(middle) < term) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < ends_.size() && at(low) == term ? frequencies_[low] : 0;
}

std::vector<std::string> TopContentTerms(const Xapian::Database& database, Xapian::docid docid,
                                         Xapian::termcount count,
                                         const TermFrequencies* frequencies) {
  std::vector<std::string> terms;
  if (count == 0) return terms;
  const Xapian::doccount documents = database.get_doccount();
  const double average_length = database.get_avlength();
  const Xapian::termcount length = database.get_doclength(docid);
  // ESet::Internal::expand's choice in Xapian 1.4: terms in ascending order, each with a
  // positive weight added; once there are more than `count`, the worst goes (a heap ordered as
  // the ESet's items: the lightest, and of equal weights the lexically smallest), and a term
  // no heavier than the lightest kept is not looked at again. So of equal weights at the
  // boundary the last met tend to stay; the test compares this with get_eset itself.
  std::vector<WeightedTerm> kept;
  double lightest = 0;
  bool is_heap = false;
  for (Xapian::TermIterator it = database.termlist_begin(docid); it != database.termlist_end(docid);
       ++it) {
    const std::string term = *it;
    if (!IsContentTerm(term)) continue;
    const Xapian::doccount frequency =
        frequencies != nullptr ? frequencies->Of(term) : database.get_termfreq(term);
    if (frequency < 2) continue;
    const double weight = ExpandWeight(it.get_wdf(), length, average_length, documents, frequency);
    if (weight <= lightest) continue;
    kept.push_back({weight, term});
    if (kept.size() <= count) continue;
    if (is_heap) {
      std::push_heap(kept.begin(), kept.end());
    } else {
      std::make_heap(kept.begin(), kept.end());
      is_heap = true;
    }
    std::pop_heap(kept.begin(), kept.end());
    kept.pop_back();
    lightest = kept.front().weight;
  }
  std::sort(kept.begin(), kept.end());
  terms.reserve(kept.size());
  for (WeightedTerm& item : kept) terms.push_back(std::move(item.term));
  return terms;
}

}  // namespace sinmun::search
