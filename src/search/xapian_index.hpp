#pragma once
// Private to search/: how an article becomes a Xapian document and a reader's query a
// Xapian query. Both go through KoreanAnalyzer, so they agree on terms and positions.
//
// Terms (prefixes as Xapian's convention: upper-case letters, then the term):
//   <bigram>            chain bigrams of Hangul units (headline, sub-headlines, body), positional
//   W<word>             stems of every unit (Latin stemmed as English), positional
//   S<bigram>, SW<word> the same for the headline only (headline: queries, headline boost)
//   A<word>             reporter name words
//   Q<id>               the article id (unique key for replace/delete)
//   XS<section id>, XR<reporter id>   boolean filter terms
// Values: kSlotTime = sortable registered_at; kSlotSection = sortable section id.
// Chain bigrams and word terms use separate position counters: they never share a term, and a
// phrase only ever combines terms of one kind.
// Document data: the article id in decimal.
// Metadata "last_seq": the change sequence number the index reflects.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"
#include "store/records.hpp"

namespace sinmun::search {

inline constexpr Xapian::valueno kSlotTime = 0;
inline constexpr Xapian::valueno kSlotSection = 1;
inline constexpr char kLastSeqKey[] = "last_seq";

std::string IdTerm(store::ArticleId id);

// The Xapian document of a published article.
Xapian::Document ArticleDocument(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                 const store::Article& article);

struct ParsedQuery {
  Xapian::Query query;                 // ranked, filtered, without the visibility bound
  std::vector<std::string> highlight;  // see SearchResult::highlight
  bool empty = true;                   // no positive term
};

// Parses a reader's query (syntax in searcher.hpp) with the filters of `request` applied.
// Never throws for any input text.
ParsedQuery ParseQuery(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                       const SearchRequest& request);

}  // namespace sinmun::search
