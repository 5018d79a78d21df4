// Search: a reader's query parsed (xapian_index.hpp), matched in slices, and checked against
// the stored text where the index alone cannot tell.

#include <algorithm>

#include "search/xapian_index.hpp"
#include "search/xapian_searcher.hpp"

namespace sinmun::search {
namespace {

// Candidates whose stored text one slice of a search checks at most; beyond, the total is
// an estimate and later pages may miss matches.
constexpr std::int64_t kMaxChecked = 3000;
// How many matches Xapian counts exactly before estimating the total.
constexpr Xapian::doccount kCheckAtLeast = 1000;

// What a search asks of the headline tier.
enum class HeadlineRule { kAny, kRequire, kReject };

// The order of a slice of matches.
enum class Order {
  kRelevance,  // BM25, then newest
  kNewest,     // registered_at, newest first
  kLatestId,   // highest article id first (ascending docid, see DocId): publication order
               // without reading a value per match, so the matcher stops at a page (an
               // article scheduled ahead of its insertion is placed by its id)
};

// One ranked slice of matches.
struct Slice {
  std::vector<store::ArticleId> ids;
  std::int64_t total = 0;
  bool exact = true;
};

void SetOrder(Xapian::Enquire& enquire, Order order) {
  switch (order) {
    case Order::kRelevance:
      enquire.set_sort_by_relevance_then_value(kSlotTime, true);
      break;
    case Order::kNewest:
      enquire.set_sort_by_value_then_relevance(kSlotTime, true);
      break;
    case Order::kLatestId:
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);  // see DocId
      break;
  }
}

// A slice of an exact query (no checks): Xapian alone.
Slice ExactSlice(Xapian::Database& database, const Xapian::Query& query, Order order, int offset,
                 int limit) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  SetOrder(enquire, order);
  const Xapian::MSet matches = enquire.get_mset(
      static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit), kCheckAtLeast);
  Slice slice;
  for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
    slice.ids.push_back(ArticleIdOf(*it));
  }
  slice.total = matches.get_matches_estimated();
  slice.exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
  return slice;
}

// A slice of a query whose candidates are checked against their stored text, in rank order,
// until the slice is full, the candidates run out or kMaxChecked were read.
// The total is exact when every candidate was checked, else the candidates' estimate times the
// share that passed.
Slice CheckedSlice(Xapian::Database& database, const Xapian::Query& query, Order order, int offset,
                   int limit, const ParsedQuery& parsed, HeadlineRule rule) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  SetOrder(enquire, order);
  const size_t wanted = static_cast<size_t>(offset + limit);
  std::vector<store::ArticleId> passed;
  std::int64_t checked = 0;
  std::int64_t candidates = 0;
  bool exhausted = false;
  Xapian::doccount start = 0;
  // A first window that usually holds the page; else one more run for the rest of what may be
  // checked (each run is a new match, so no more than two).
  Xapian::doccount window = static_cast<Xapian::doccount>(std::max<size_t>(64, 2 * wanted));
  // With nothing wanted (a count), one window is the sample.
  while ((passed.size() < wanted || checked == 0) && checked < kMaxChecked) {
    const Xapian::MSet matches = enquire.get_mset(start, window);
    candidates = matches.get_matches_estimated();
    for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
      ++checked;
      const std::string text = it.get_document().get_data();
      bool pass = PassesChecks(text, parsed.checks);
      if (pass && rule != HeadlineRule::kAny) {
        pass = PassesChecks(text, parsed.headline_checks) == (rule == HeadlineRule::kRequire);
      }
      if (pass) passed.push_back(ArticleIdOf(*it));
    }
    if (matches.size() < window) {
      exhausted = true;
      break;
    }
    start += window;
    window = static_cast<Xapian::doccount>(std::max<std::int64_t>(kMaxChecked - checked, 1));
  }
  Slice slice;
  for (size_t i = static_cast<size_t>(offset); i < passed.size() && i < wanted; ++i) {
    slice.ids.push_back(passed[i]);
  }
  slice.exact = exhausted;
  slice.total = static_cast<std::int64_t>(passed.size());
  if (!exhausted && checked > 0) {
    slice.total = std::max(slice.total, candidates * std::ssize(passed) / checked);
  }
  return slice;
}

}  // namespace

Result<SearchResult> XapianSearcher::Search(const SearchRequest& request) const {
  if (request.limit < 1 || request.limit > 100 || request.offset < 0) {
    return Fail(ErrorCode::kInvalidInput, "search: bad page");
  }
  const ParsedQuery parsed = ParseQuery(analyzer_, stemmer_, request);
  SearchResult result;
  result.highlight = parsed.highlight;
  if (parsed.empty) {
    result.empty_query = true;
    return result;
  }
  const double from = request.from ? static_cast<double>(*request.from) : 0.0;
  const double to =
      static_cast<double>(request.to ? std::min(*request.to, request.now) : request.now);
  const Xapian::Query query(
      Xapian::Query::OP_FILTER, parsed.query,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotTime, Xapian::sortable_serialise(from),
                    Xapian::sortable_serialise(to)));
  const bool checked = !parsed.checks.empty();
  return WithReader([&](Xapian::Database& database) -> Result<SearchResult> {
    const auto slice = [&](const Xapian::Query& q, Order order, int offset, int limit,
                           HeadlineRule rule) {
      return checked ? CheckedSlice(database, q, order, offset, limit, parsed, rule)
                     : ExactSlice(database, q, order, offset, limit);
    };
    SearchResult found = result;
    if (request.sort == SortOrder::kNewest) {
      const Slice all =
          slice(query, Order::kNewest, request.offset, request.limit, HeadlineRule::kAny);
      found.ids = all.ids;
      found.total = all.total;
      found.total_exact = all.exact;
      return found;
    }
    // Relevance: first the articles whose headline holds the query, latest first (a reader
    // who types a word of a story wants its latest report); then the others by BM25.
    const Slice first =
        slice(Xapian::Query(Xapian::Query::OP_FILTER, query, parsed.headline), Order::kLatestId,
              request.offset, request.limit, HeadlineRule::kRequire);
    const int rest_offset =
        static_cast<int>(std::max<std::int64_t>(0, request.offset - first.total));
    const int rest_limit = request.limit - static_cast<int>(first.ids.size());
    // Without checks the headline query is exact and simply excluded; with checks the stored
    // text tells which candidates the first slice took.
    Slice rest;
    if (rest_limit == 0) {
      // Only the count is needed: all matches (counted in cheap id order) less the first.
      const Slice all = checked ? CheckedSlice(database, query, Order::kLatestId, 0, 0, parsed,
                                               HeadlineRule::kAny)
                                : ExactSlice(database, query, Order::kLatestId, 0, 1);
      rest.total = std::max<std::int64_t>(0, all.total - first.total);
      rest.exact = all.exact && first.exact;
    } else if (!checked) {
      rest = ExactSlice(database, Xapian::Query(Xapian::Query::OP_AND_NOT, query, parsed.headline),
                        Order::kRelevance, rest_offset, rest_limit);
    } else {
      rest = CheckedSlice(database, query, Order::kRelevance, rest_offset, rest_limit, parsed,
                          HeadlineRule::kReject);
    }
    found.ids = first.ids;
    found.ids.insert(found.ids.end(), rest.ids.begin(), rest.ids.end());
    found.total = first.total + rest.total;
    found.total_exact = first.exact && rest.exact;
    return found;
  });
}

}  // namespace sinmun::search
