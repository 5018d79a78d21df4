#pragma once
// Private to search/.
// Korean text analysis for search, in plain C++ (no Xapian): the indexer and the query parser
// both call it, so a query and the text it should find are cut the same way.
//
// Text is split into eojeol (space-separated units); punctuation splits too. A unit that holds
// Hangul loses one trailing particle or copula ending from src/search/korean_particles.txt
// (compiled in) and keeps the rest as its stem; Latin and number units are lowercased. The
// search index stores each stem as a word and, for Hangul units, the character bigrams of the
// stem in a "chain": consecutive positions, continued across a plain space when the unit before
// has no particle ("4차 산업혁명" chains as 4차|차산|산업|업혁|혁명). A query run then matches as
// a phrase over the chain, so it finds compounds inside longer words and text written with
// spaces the query leaves out, and never two words that merely occur apart.
//
// Thread safety: all functions are pure; KoreanAnalyzer is immutable after construction.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::search {

enum class UnitKind {
  kKorean,  // holds Hangul (possibly with digits or Latin: "4차", "ai반도체")
  kLatin,   // ASCII letters (and digits) only: stemmed as English by the indexer
  kNumber,  // digits only
};

struct Unit {
  UnitKind kind = UnitKind::kLatin;
  std::string stem;     // lowercased, particle removed (Korean); the word term
  std::string surface;  // lowercased as written, without punctuation
  // Only whitespace separates this unit from the one before, both are Korean or numbers, and
  // the one before had no particle: its bigram chain continues into this one.
  bool joins_previous = false;
  size_t begin = 0;  // byte range of `surface` in the analysed text
  size_t end = 0;
};

// One bigram of a chain and its position relative to the chain's start.
struct ChainTerm {
  std::string bigram;
  unsigned offset = 0;
};

class KoreanAnalyzer {
 public:
  // Uses the compiled-in endings of src/search/korean_particles.txt.
  KoreanAnalyzer();
  // Uses `endings_text` in that file's format (for tests).
  explicit KoreanAnalyzer(std::string_view endings_text);

  std::vector<Unit> Analyze(std::string_view text) const;
  // The stem of one Korean word: `word` without its longest known ending, if at least two
  // characters remain; else `word`.
  std::string Stem(std::string_view word) const;

 private:
  std::vector<std::string> endings_;  // longest first
};

// The code points of valid UTF-8 `text` as separate strings ("대전" -> {"대", "전"}).
std::vector<std::string> Utf8Chars(std::string_view text);

// The bigram chains of `units`: each chain is a list of bigrams at consecutive offsets; units
// that join their predecessor extend its chain through the bigram across the space. Latin units
// end a chain and form none. A one-character unit alone forms an empty chain (skipped).
std::vector<std::vector<ChainTerm>> Chains(const std::vector<Unit>& units);

// Lowercases ASCII letters; other bytes unchanged.
std::string AsciiLower(std::string_view text);

}  // namespace sinmun::search
