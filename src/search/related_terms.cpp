// What an article's own terms tell: the articles most like it (shown under it) and, for a
// text being written, the words that set it apart from the archive (suggested tags).

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "search/content_terms.hpp"
#include "search/related_follower.hpp"
#include "search/related_scorer.hpp"
#include "search/xapian_index.hpp"
#include "search/xapian_searcher.hpp"

namespace sinmun::search {
namespace {

// Related articles: the article's most significant terms asked for, and how many matches
// beyond the limit are read (the article itself, articles scheduled for later).
constexpr Xapian::termcount kRelatedTerms = 8;
constexpr Xapian::doccount kRelatedSpare = 4;

// The related query's terms for article `id`; none when it is not indexed (or no longer
// published).
std::vector<std::string> QueryTerms(const Xapian::Database& database, store::ArticleId id,
                                    const TermFrequencies* frequencies) {
  try {
    return TopContentTerms(database, DocId(id), kRelatedTerms, frequencies);
  } catch (const Xapian::DocNotFoundError&) {
    return {};
  }
}

}  // namespace

std::vector<store::ArticleId> RelatedIn(const Xapian::Database& database, store::ArticleId id,
                                        int limit, Timestamp now,
                                        const TermFrequencies* frequencies) {
  std::vector<store::ArticleId> ids;
  if (limit <= 0) return ids;
  const std::vector<std::string> terms = QueryTerms(database, id, frequencies);
  if (terms.empty()) return ids;
  Xapian::Enquire enquire(database);
  // A plain OR of weighted terms lets Xapian skip documents that cannot reach the top
  // (max-weight pruning); a value range on publication time made it read every posting of
  // every term, 3 ms an article page at 100,000 articles. Articles not public at `now` are
  // dropped below instead.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  // A few more than asked: the article itself is usually the best match, and some may be
  // scheduled for later.
  const Xapian::MSet matches =
      enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + kRelatedSpare);
  const std::string not_after = Xapian::sortable_serialise(static_cast<double>(now));
  for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
    if (*it == DocId(id) || std::ssize(ids) >= limit) continue;
    if (it.get_document().get_value(kSlotTime) > not_after) continue;
    ids.push_back(ArticleIdOf(*it));
  }
  return ids;
}

std::vector<store::ArticleId> RelatedByPostings(const Xapian::Database& database,
                                                RelatedScorer& scorer, store::ArticleId id,
                                                int limit, const TermFrequencies& frequencies) {
  std::vector<store::ArticleId> ids;
  if (limit <= 0) return ids;
  const std::vector<std::string> terms = QueryTerms(database, id, &frequencies);
  std::vector<Xapian::doccount> held;
  held.reserve(terms.size());
  for (const std::string& term : terms) held.push_back(frequencies.Of(term));
  for (const Xapian::docid docid : scorer.Best(terms, held, DocId(id), limit)) {
    ids.push_back(ArticleIdOf(docid));
  }
  return ids;
}

Result<std::vector<store::ArticleId>> XapianSearcher::Related(store::ArticleId id, int limit,
                                                              Timestamp now) const {
  return WithReader([&](Xapian::Database& database) -> Result<std::vector<store::ArticleId>> {
    return RelatedIn(database, id, limit, now);
  });
}

Result<std::vector<std::string>> XapianSearcher::SuggestTags(std::string_view headline,
                                                             std::string_view body,
                                                             int limit) const {
  struct Candidate {
    double occurrences = 0;
    std::vector<std::string> terms;  // the index terms whose rarest tells the word's rarity
  };
  std::map<std::string, Candidate> candidates;
  const auto add = [&](std::string_view text, double weight) {
    for (const Unit& unit : analyzer_.Analyze(text)) {
      if (unit.kind == UnitKind::kNumber || unit.stem.size() < 2) continue;
      Candidate& candidate = candidates[unit.stem];
      if (candidate.terms.empty()) {
        if (unit.kind == UnitKind::kLatin) {
          candidate.terms.push_back("W" + stemmer_(unit.stem));
        } else {
          Unit alone = unit;
          alone.joins_previous = false;
          for (const auto& chain : Chains({alone})) {
            for (const ChainTerm& term : chain) candidate.terms.push_back(term.bigram);
          }
        }
      }
      candidate.occurrences += weight;
    }
  };
  add(headline, 3.0);
  add(body, 1.0);
  std::erase_if(candidates, [](const auto& entry) { return entry.second.terms.empty(); });
  if (limit <= 0 || candidates.empty()) return std::vector<std::string>{};
  return WithReader([&](Xapian::Database& database) -> Result<std::vector<std::string>> {
    const double documents = database.get_doccount();
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& [word, candidate] : candidates) {
      Xapian::doccount rarest = std::numeric_limits<Xapian::doccount>::max();
      for (const std::string& term : candidate.terms) {
        rarest = std::min(rarest, database.get_termfreq(term));
      }
      const double rarity = std::log((documents + 1.0) / (rarest + 1.0)) + 1.0;
      scored.emplace_back(-candidate.occurrences * rarity, word);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> tags;
    for (const auto& [score, word] : scored) {
      if (std::ssize(tags) == limit) break;
      tags.push_back(word);
    }
    return tags;
  });
}

}  // namespace sinmun::search
