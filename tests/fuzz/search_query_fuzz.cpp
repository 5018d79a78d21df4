// A reader's search query through the parser (quotes, -exclusions, headline:, Hangul runs)
// and the highlighter, with the index's own analyzer and stemmer.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"
#include "search/xapian_index.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sinmun::search::KoreanAnalyzer analyzer;
  static const Xapian::Stem stemmer("en");
  sinmun::search::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  const sinmun::search::ParsedQuery parsed = sinmun::search::ParseQuery(analyzer, stemmer, request);
  (void)parsed.query.get_description();
  (void)sinmun::search::PassesChecks(request.query, parsed.checks);
  (void)sinmun::search::Highlight(request.query, parsed.highlight);
  return 0;
}
