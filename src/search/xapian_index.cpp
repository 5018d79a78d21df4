#include "search/xapian_index.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/photo_marker.hpp"
#include "core/text.hpp"

namespace sinmun::search {
namespace {

// Xapian refuses terms over 245 bytes; such "words" (URLs, garbage) are not worth finding.
constexpr size_t kMaxTermBytes = 200;
// The headline counts this many times in the unprefixed terms, so BM25 prefers it (in body-only
// matches of a word that is also in the headline, and for Related).
constexpr Xapian::termcount kHeadlineWdf = 4;
std::string WordOf(const Unit& unit, const Xapian::Stem& stemmer) {
  return unit.kind == UnitKind::kLatin ? stemmer(unit.stem) : unit.stem;
}

// Korean stems of two characters or more form bigrams; they get no word term of their own.
bool HasBigrams(const Unit& unit) {
  if (unit.kind != UnitKind::kKorean) return false;
  size_t chars = 0;
  for (const char c : unit.stem) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars >= 2;
}

// Adds the terms of one field to a document and its words to the stored text.
class FieldWriter {
 public:
  FieldWriter(Xapian::Document& document, const KoreanAnalyzer& analyzer,
              const Xapian::Stem& stemmer)
      : document_(document), analyzer_(analyzer), stemmer_(stemmer) {}

  void Add(std::string_view text, bool headline) {
    const std::vector<Unit> units = analyzer_.Analyze(text);
    const Xapian::termcount wdf = headline ? kHeadlineWdf : 1;
    if (fields_++ > 0) stored_ += '\n';
    bool first = true;
    for (const Unit& unit : units) {
      const std::string word = WordOf(unit, stemmer_);
      if (!first) stored_ += unit.joins_previous ? ' ' : '.';
      first = false;
      stored_ += word;
      // A Korean stem of two characters or more is found through its bigrams alone.
      if (word.empty() || word.size() > kMaxTermBytes || HasBigrams(unit)) continue;
      document_.add_term("W" + word, wdf);
      if (headline) document_.add_term("SW" + word);
    }
    for (const std::vector<ChainTerm>& chain : Chains(units)) {
      for (const ChainTerm& term : chain) {
        document_.add_term(term.bigram, wdf);
        if (headline) document_.add_term("S" + term.bigram);
      }
    }
  }

  std::string& stored() { return stored_; }

 private:
  Xapian::Document& document_;
  const KoreanAnalyzer& analyzer_;
  const Xapian::Stem& stemmer_;
  std::string stored_;
  int fields_ = 0;
};

// One part of a reader's query.
struct Element {
  std::string text;
  bool phrase = false;
  bool negate = false;
  bool headline = false;
};

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && AsciiLower(text.substr(0, prefix.size())) == prefix;
}

bool IsQuerySpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Splits the query into elements. Anything that is not well-formed syntax is read as words.
std::vector<Element> Split(std::string_view query) {
  std::vector<Element> elements;
  size_t i = 0;
  while (i < query.size()) {
    if (IsQuerySpace(query[i])) {
      ++i;
      continue;
    }
    Element element;
    if (query[i] == '-' && i + 1 < query.size() && !IsQuerySpace(query[i + 1])) {
      element.negate = true;
      ++i;
    }
    for (std::string_view field : {std::string_view("headline:"), std::string_view("제목:")}) {
      if (StartsWithIgnoringCase(query.substr(i), field) && i + field.size() < query.size() &&
          !IsQuerySpace(query[i + field.size()])) {
        element.headline = true;
        i += field.size();
        break;
      }
    }
    if (query[i] == '"') {
      const size_t close = query.find('"', i + 1);
      if (close != std::string_view::npos) {
        element.phrase = true;
        element.text = std::string(query.substr(i + 1, close - i - 1));
        i = close + 1;
        elements.push_back(std::move(element));
        continue;
      }
      ++i;  // an unbalanced quote: the rest is words
    }
    const size_t begin = i;
    while (i < query.size() && !IsQuerySpace(query[i])) ++i;
    element.text = std::string(query.substr(begin, i - begin));
    // A field name with nothing after it ("headline: 보도") names no field and is no word.
    const std::string lower = AsciiLower(element.text);
    if (lower == "headline:" || lower == "제목:") continue;
    elements.push_back(std::move(element));
  }
  return elements;
}

Xapian::Query AllOf(const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// All of `terms` (each once).
Xapian::Query AllTerms(std::vector<std::string> terms) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

// A query and what it leaves to check on the stored text.
struct Matcher {
  Xapian::Query query;
  std::vector<Check> checks;
};

// A Hangul run as one chain: all its bigrams; when there are two or more, the index cannot
// tell a run from its bigrams apart, so the run is checked.
Matcher ChainMatcher(const std::vector<ChainTerm>& chain, const std::string& run,
                     const std::string& prefix, bool headline, bool force_checks) {
  Matcher matcher;
  std::vector<std::string> terms;
  for (const ChainTerm& term : chain) terms.push_back(prefix + term.bigram);
  matcher.query = AllTerms(terms);
  if (chain.size() > 1 || force_checks) {
    matcher.checks.push_back(Check{run, false, headline, false});
  }
  return matcher;
}

// The matcher of one unit typed as a word: its bigram chain, or the word itself when it has no
// bigram (one Hangul character, Latin words, numbers).
Matcher UnitMatcher(Unit unit, const std::string& prefix, const Xapian::Stem& stemmer,
                    bool headline, bool force_checks) {
  if (unit.kind == UnitKind::kKorean) {
    unit.joins_previous = false;
    const std::vector<std::vector<ChainTerm>> chains = Chains({unit});
    if (!chains.empty()) {
      return ChainMatcher(chains[0], unit.stem, prefix, headline, force_checks);
    }
  }
  const std::string word = WordOf(unit, stemmer);
  Matcher matcher{Xapian::Query(prefix + "W" + word), {}};
  if (force_checks) matcher.checks.push_back(Check{"." + word + ".", true, headline, false});
  return matcher;
}

// `force_checks`: also the checks the index answers exactly, so that the checks alone decide
// (used to tell headline matches from the stored text).
Matcher ElementMatcher(const std::vector<Unit>& units, const Element& element,
                       const std::string& prefix, const Xapian::Stem& stemmer,
                       bool force_checks = false) {
  if (element.phrase && units.size() > 1) {
    const bool one_chain = std::all_of(units.begin(), units.end(), [&](const Unit& unit) {
      return unit.kind == UnitKind::kKorean && (&unit == &units[0] || unit.joins_previous);
    });
    const std::vector<std::vector<ChainTerm>> chains = Chains(units);
    if (one_chain && chains.size() == 1) {
      // "대전시 의회" as the index chains it: across the space.
      std::string run;
      for (const Unit& unit : units) run += unit.stem;
      return ChainMatcher(chains[0], run, prefix, element.headline, force_checks);
    }
    // Words in this order, particles aside.
    std::vector<Xapian::Query> parts;
    std::string sequence = ".";
    for (const Unit& unit : units) {
      parts.push_back(UnitMatcher(unit, prefix, stemmer, element.headline, false).query);
      sequence += WordOf(unit, stemmer) + ".";
    }
    return Matcher{AllOf(parts), {Check{sequence, true, element.headline, false}}};
  }
  Matcher matcher;
  std::vector<Xapian::Query> parts;
  for (const Unit& unit : units) {
    Matcher part = UnitMatcher(unit, prefix, stemmer, element.headline, force_checks);
    parts.push_back(part.query);
    matcher.checks.insert(matcher.checks.end(), part.checks.begin(), part.checks.end());
  }
  matcher.query = AllOf(parts);
  if (element.negate && !force_checks && matcher.checks.size() + (units.size() > 1 ? 1 : 0) > 1) {
    // NOT (a AND b) is no single check: exclude the units as words in this order instead.
    std::string sequence = ".";
    for (const Unit& unit : units) sequence += WordOf(unit, stemmer) + ".";
    matcher.checks = {Check{sequence, true, element.headline, false}};
  }
  return matcher;
}

std::string CutQuery(std::string_view query) {
  const std::vector<std::string> chars = Utf8Chars(query);
  std::string cut;
  for (size_t i = 0; i < chars.size() && i < kMaxQueryChars; ++i) cut += chars[i];
  return cut;
}

}  // namespace

Xapian::docid DocId(store::ArticleId id) {
  return std::numeric_limits<Xapian::docid>::max() - static_cast<Xapian::docid>(id);
}

store::ArticleId ArticleIdOf(Xapian::docid docid) {
  return static_cast<store::ArticleId>(std::numeric_limits<Xapian::docid>::max() - docid);
}

std::string StoredText(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                       const store::Article& article) {
  Xapian::Document scratch;
  FieldWriter writer(scratch, analyzer, stemmer);
  writer.Add(article.headline, true);
  for (const std::string& subheadline : article.subheadlines) writer.Add(subheadline, false);
  writer.Add(WithoutPhotoMarkers(article.body_markdown), false);
  return std::move(writer.stored());
}

bool PassesChecks(std::string_view stored_text, const std::vector<Check>& checks) {
  // Views of the stored text (or its headline), made once: chains without their inner spaces,
  // and words each between dots.
  std::string chains[2];
  std::string words[2];
  for (const Check& check : checks) {
    const int scope = check.headline ? 1 : 0;
    const std::string_view text =
        check.headline ? stored_text.substr(0, stored_text.find('\n')) : stored_text;
    std::string& view = check.words ? words[scope] : chains[scope];
    if (view.empty()) {
      view.reserve(text.size() + 2);
      if (check.words) view += '.';
      for (const char c : text) {
        if (c == ' ') {
          if (check.words) view += '.';
        } else if (c == '\n' && check.words) {
          view += ".\n.";
        } else {
          view += c;
        }
      }
      if (check.words) view += '.';
    }
    const bool found = view.find(check.text) != std::string::npos;
    if (found == check.negate) return false;
  }
  return true;
}

Xapian::Document ArticleDocument(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                 const store::Article& article) {
  Xapian::Document document;
  document.add_boolean_term("XS" + std::to_string(article.section.id));
  document.add_value(kSlotTime,
                     Xapian::sortable_serialise(static_cast<double>(article.registered_at)));
  document.add_value(kSlotSection,
                     Xapian::sortable_serialise(static_cast<double>(article.section.id)));
  FieldWriter writer(document, analyzer, stemmer);
  writer.Add(article.headline, /*headline=*/true);
  for (const std::string& subheadline : article.subheadlines) writer.Add(subheadline, false);
  writer.Add(WithoutPhotoMarkers(article.body_markdown), false);
  document.set_data(writer.stored());
  for (const store::Byline& byline : article.bylines) {
    document.add_boolean_term("XR" + std::to_string(byline.id));
    for (const Unit& unit : analyzer.Analyze(byline.name)) {
      if (unit.stem.size() <= kMaxTermBytes) document.add_term("A" + unit.surface);
    }
  }
  return document;
}

ParsedQuery ParseQuery(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                       const SearchRequest& request) {
  ParsedQuery parsed;
  std::vector<Xapian::Query> positive;
  std::vector<Xapian::Query> headline;
  std::vector<Xapian::Query> negative;
  for (const Element& element : Split(CutQuery(request.query))) {
    const std::vector<Unit> units = analyzer.Analyze(element.text);
    if (units.empty()) continue;
    const std::string prefix = element.headline ? "S" : "";
    Matcher matcher = ElementMatcher(units, element, prefix, stemmer);
    if (element.negate) {
      if (matcher.checks.empty()) {
        negative.push_back(matcher.query);
      } else {
        for (Check& check : matcher.checks) check.negate = true;
        parsed.checks.insert(parsed.checks.end(), matcher.checks.begin(), matcher.checks.end());
      }
      continue;
    }
    positive.push_back(matcher.query);
    parsed.checks.insert(parsed.checks.end(), matcher.checks.begin(), matcher.checks.end());
    Element in_headline = element;
    in_headline.headline = true;
    Matcher headline_matcher = ElementMatcher(units, in_headline, "S", stemmer, true);
    headline.push_back(headline_matcher.query);
    parsed.headline_checks.insert(parsed.headline_checks.end(), headline_matcher.checks.begin(),
                                  headline_matcher.checks.end());
    for (const Unit& unit : units) parsed.highlight.push_back(unit.stem);
  }
  if (positive.empty()) return parsed;
  parsed.empty = false;

  Xapian::Query query = AllOf(positive);
  for (const Xapian::Query& excluded : negative) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, excluded);
  }
  parsed.headline = AllOf(headline);
  if (request.section) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query("XS" + std::to_string(*request.section)));
  }
  if (request.reporter) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query("XR" + std::to_string(*request.reporter)));
  }
  parsed.query = query;
  return parsed;
}

}  // namespace sinmun::search
