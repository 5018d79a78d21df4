#pragma once
// Private to search/: how an article becomes a Xapian document and a reader's query a
// Xapian query. Both go through KoreanAnalyzer, so they agree on terms and positions.
//
// Terms (prefixes as Xapian's convention: upper-case letters, then the term), none positional:
//   <bigram>            chain bigrams of Hangul units (headline, sub-headlines, body)
//   W<word>             stems without bigrams: Latin (stemmed as English), numbers, one
//                       Hangul character (a longer Korean stem is found by its bigrams)
//   S<bigram>, SW<word> the same for the headline only (headline: queries, headline boost)
//   A<word>             reporter name words
//   XS<section id>, XR<reporter id>   boolean filter terms
// Not yet: a tags field. store::Article has none on this branch; when the newsroom adds one,
// ArticleDocument should index each tag like a headline (bigrams and words with the headline
// weight) plus a boolean "K<tag>" term, and Split() a `tag:` field like `headline:`.
// The document id is DocId(article id). Values: kSlotTime = sortable registered_at;
// kSlotSection = sortable section id.
// Document data: the article's stored text (StoredText below): its stems in order, compact.
// Positions would make phrase checks possible inside Xapian but cost two thirds of the index
// (a position-table entry per term and article); the stored text answers the same question
// for the few candidates that need it (a run of three or more Hangul characters, a phrase).
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
// What the documents of a database mean (terms, document ids, stored text). An index of
// another format is not read: it is replaced by an empty one that the follower fills again.
// Raise kIndexFormat whenever the indexing changes that way.
inline constexpr char kFormatKey[] = "format";
inline constexpr char kIndexFormat[] = "2";

// The Xapian document id of an article, and back. Counted down from the largest docid
// (article ids are below 2^32 - 1), so that Xapian's ascending docid order, in which it
// can stop as soon as it has a page, lists the latest articles first.
Xapian::docid DocId(store::ArticleId id);
store::ArticleId ArticleIdOf(Xapian::docid docid);

// The text kept with each document to check phrases: each field's word stems (WordOf) in
// order; ' ' between units whose bigram chain continues (Unit::joins_previous), '.' between
// other units, '\n' between fields; the headline is the first field.
std::string StoredText(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                       const store::Article& article);

// What the index alone cannot decide about a candidate: a run of Hangul that must occur as
// one chain (`words` false: `text` is the run's characters), or words that must follow one
// another in one field (`words` true: `text` is ".w1.w2."). `negate`: must not occur.
struct Check {
  std::string text;
  bool words = false;
  bool headline = false;
  bool negate = false;
};

// True when the stored text of a document passes every check.
bool PassesChecks(std::string_view stored_text, const std::vector<Check>& checks);

// The Xapian document of a published article.
Xapian::Document ArticleDocument(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                 const store::Article& article);

struct ParsedQuery {
  Xapian::Query query;        // all matches, filtered, without the visibility bound
  std::vector<Check> checks;  // to verify on each candidate; none: query is exact
  // The matches whose headline holds every positive element: `query` FILTER `headline` when
  // there are no checks (then exact), else the matches of that which also pass
  // `headline_checks` (which decide alone, from the stored text).
  Xapian::Query headline;
  std::vector<Check> headline_checks;
  std::vector<std::string> highlight;  // see SearchResult::highlight
  bool empty = true;                   // no positive term
};

// Parses a reader's query (syntax in searcher.hpp) with the filters of `request` applied.
// Never throws for any input text.
ParsedQuery ParseQuery(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                       const SearchRequest& request);

}  // namespace sinmun::search
