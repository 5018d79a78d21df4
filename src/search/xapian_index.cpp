#include "search/xapian_index.hpp"

#include <algorithm>
#include <string>

#include "core/text.hpp"

namespace sinmun::search {
namespace {

// Xapian refuses terms over 245 bytes; such "words" (URLs, garbage) are not worth finding.
constexpr size_t kMaxTermBytes = 200;
// The headline counts this many times in the unprefixed terms, so BM25 prefers it even
// without the headline boost below (e.g. for Related).
constexpr Xapian::termcount kHeadlineWdf = 4;
// Multiplies the weight of headline matches: any headline match outranks body-only matches.
constexpr double kHeadlineBoost = 100.0;
// Word positions left between fields, so a phrase never spans headline and body.
constexpr Xapian::termpos kFieldGap = 10;

std::string WordOf(const Unit& unit, const Xapian::Stem& stemmer) {
  return unit.kind == UnitKind::kLatin ? stemmer(unit.stem) : unit.stem;
}

// Adds the terms of one field to a document, keeping word and chain positions across fields.
class FieldWriter {
 public:
  FieldWriter(Xapian::Document& document, const KoreanAnalyzer& analyzer,
              const Xapian::Stem& stemmer)
      : document_(document), analyzer_(analyzer), stemmer_(stemmer) {}

  void Add(std::string_view text, bool headline) {
    const std::vector<Unit> units = analyzer_.Analyze(text);
    const Xapian::termcount wdf = headline ? kHeadlineWdf : 1;
    for (const Unit& unit : units) {
      ++word_position_;
      const std::string word = WordOf(unit, stemmer_);
      if (word.empty() || word.size() > kMaxTermBytes) continue;
      document_.add_posting("W" + word, word_position_, wdf);
      if (headline) document_.add_posting("SW" + word, word_position_);
    }
    word_position_ += kFieldGap;
    for (const std::vector<ChainTerm>& chain : Chains(units)) {
      // A gap of one between chains: the bigram that would join them is never indexed, so no
      // phrase can run from one chain into the next.
      const Xapian::termpos base = chain_position_ + 2;
      for (const ChainTerm& term : chain) {
        document_.add_posting(term.bigram, base + term.offset, wdf);
        if (headline) document_.add_posting("S" + term.bigram, base + term.offset);
      }
      chain_position_ = base + static_cast<Xapian::termpos>(chain.size());
    }
  }

 private:
  Xapian::Document& document_;
  const KoreanAnalyzer& analyzer_;
  const Xapian::Stem& stemmer_;
  Xapian::termpos word_position_ = 0;
  Xapian::termpos chain_position_ = 0;
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

Xapian::Query Phrase(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

Xapian::Query AllOf(const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// The query of one unit typed as a word: its bigram chain as a phrase, or the word itself when
// it has no bigram (one Hangul character, Latin words, numbers).
Xapian::Query UnitQuery(Unit unit, const std::string& prefix, const Xapian::Stem& stemmer) {
  if (unit.kind == UnitKind::kKorean) {
    unit.joins_previous = false;
    const std::vector<std::vector<ChainTerm>> chains = Chains({unit});
    if (!chains.empty()) {
      std::vector<std::string> terms;
      for (const ChainTerm& term : chains[0]) terms.push_back(prefix + term.bigram);
      return Phrase(terms);
    }
  }
  return Xapian::Query(prefix + "W" + WordOf(unit, stemmer));
}

Xapian::Query ElementQuery(const std::vector<Unit>& units, const Element& element,
                           const std::string& prefix, const Xapian::Stem& stemmer) {
  if (element.phrase && units.size() > 1) {
    const bool one_chain = std::all_of(units.begin(), units.end(), [&](const Unit& unit) {
      return unit.kind == UnitKind::kKorean && (&unit == &units[0] || unit.joins_previous);
    });
    const std::vector<std::vector<ChainTerm>> chains = Chains(units);
    if (one_chain && chains.size() == 1) {
      // "대전시 의회" as the index chains it: across the space.
      std::vector<std::string> terms;
      for (const ChainTerm& term : chains[0]) terms.push_back(prefix + term.bigram);
      return Phrase(terms);
    }
    // Words in this order, particles aside.
    std::vector<std::string> words;
    for (const Unit& unit : units) words.push_back(prefix + "W" + WordOf(unit, stemmer));
    return Phrase(words);
  }
  std::vector<Xapian::Query> parts;
  for (const Unit& unit : units) parts.push_back(UnitQuery(unit, prefix, stemmer));
  return AllOf(parts);
}

std::string CutQuery(std::string_view query) {
  const std::vector<std::string> chars = Utf8Chars(query);
  std::string cut;
  for (size_t i = 0; i < chars.size() && i < kMaxQueryChars; ++i) cut += chars[i];
  return cut;
}

}  // namespace

std::string IdTerm(store::ArticleId id) { return "Q" + std::to_string(id); }

Xapian::Document ArticleDocument(const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                 const store::Article& article) {
  Xapian::Document document;
  document.set_data(std::to_string(article.id));
  document.add_boolean_term(IdTerm(article.id));
  document.add_boolean_term("XS" + std::to_string(article.section.id));
  document.add_value(kSlotTime, Xapian::sortable_serialise(static_cast<double>(article.registered_at)));
  document.add_value(kSlotSection, Xapian::sortable_serialise(static_cast<double>(article.section.id)));
  FieldWriter writer(document, analyzer, stemmer);
  writer.Add(article.headline, /*headline=*/true);
  for (const std::string& subheadline : article.subheadlines) writer.Add(subheadline, false);
  writer.Add(article.body_markdown, false);
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
    if (element.negate) {
      negative.push_back(ElementQuery(units, element, prefix, stemmer));
      continue;
    }
    positive.push_back(ElementQuery(units, element, prefix, stemmer));
    headline.push_back(ElementQuery(units, element, "S", stemmer));
    for (const Unit& unit : units) parsed.highlight.push_back(unit.stem);
  }
  if (positive.empty()) return parsed;
  parsed.empty = false;

  Xapian::Query query = AllOf(positive);
  for (const Xapian::Query& excluded : negative) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, excluded);
  }
  Xapian::Query headline_any = headline.size() == 1
                                   ? headline[0]
                                   : Xapian::Query(Xapian::Query::OP_OR, headline.begin(),
                                                   headline.end());
  query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, headline_any,
                                      kHeadlineBoost));
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
