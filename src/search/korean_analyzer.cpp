#include "search/korean_analyzer.hpp"

#include <algorithm>

#include "search/korean_particles.hpp"  // generated from src/search/korean_particles.txt

namespace sinmun::search {
namespace {

// The code point at `text[i]` and its byte length; invalid bytes read as one U+FFFD byte.
struct CodePoint {
  char32_t value = 0xFFFD;
  size_t length = 1;
};

CodePoint Decode(std::string_view text, size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) return {byte, 1};
  size_t length = 0;
  char32_t value = 0;
  if ((byte & 0xE0) == 0xC0) {
    length = 2;
    value = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    value = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    value = byte & 0x07;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {};
    value = (value << 6) | (next & 0x3F);
  }
  return {value, length};
}

// Hangul syllables and jamo, and Hanja, which Korean text mixes in ("與", "檢").
bool IsKoreanLetter(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0x4E00 && c <= 0x9FFF);
}
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char32_t c) { return IsKoreanLetter(c) || IsAsciiLetter(c) || IsDigit(c); }
bool IsSpace(char32_t c) {
  // A line break is not a space here: it ends a paragraph, and words on either side of it do
  // not form a compound.
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x3000;
}

std::vector<std::string> ParseEndings(std::string_view text) {
  std::vector<std::string> endings;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    endings.emplace_back(line);
  }
  // Longest first, so "에서" wins over "서"-less "에".
  std::stable_sort(endings.begin(), endings.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return endings;
}

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> Utf8Chars(std::string_view text) {
  std::vector<std::string> chars;
  for (size_t i = 0; i < text.size();) {
    const CodePoint c = Decode(text, i);
    chars.emplace_back(text.substr(i, c.length));
    i += c.length;
  }
  return chars;
}

KoreanAnalyzer::KoreanAnalyzer() : KoreanAnalyzer(kKoreanParticles) {}

KoreanAnalyzer::KoreanAnalyzer(std::string_view endings_text)
    : endings_(ParseEndings(endings_text)) {}

std::string KoreanAnalyzer::Stem(std::string_view word) const {
  for (const std::string& ending : endings_) {
    if (word.size() <= ending.size() || !word.ends_with(ending)) continue;
    const std::string_view stem = word.substr(0, word.size() - ending.size());
    if (Utf8Chars(stem).size() >= 2) return std::string(stem);
  }
  return std::string(word);
}

std::vector<Unit> KoreanAnalyzer::Analyze(std::string_view text) const {
  std::vector<Unit> units;
  bool only_space_since_last = false;  // nothing but whitespace since the previous unit
  size_t i = 0;
  while (i < text.size()) {
    CodePoint c = Decode(text, i);
    if (!IsWordChar(c.value)) {
      if (!IsSpace(c.value)) only_space_since_last = false;
      i += c.length;
      continue;
    }
    const size_t begin = i;
    bool korean = false;
    bool letters = false;
    while (i < text.size()) {
      c = Decode(text, i);
      if (!IsWordChar(c.value)) break;
      korean = korean || IsKoreanLetter(c.value);
      letters = letters || IsAsciiLetter(c.value);
      i += c.length;
    }
    Unit unit;
    unit.kind = korean ? UnitKind::kKorean : letters ? UnitKind::kLatin : UnitKind::kNumber;
    unit.surface = AsciiLower(text.substr(begin, i - begin));
    unit.stem = korean ? Stem(unit.surface) : unit.surface;
    unit.begin = begin;
    unit.end = i;
    if (!units.empty() && only_space_since_last) {
      const Unit& previous = units.back();
      unit.joins_previous = unit.kind == UnitKind::kKorean && previous.kind == UnitKind::kKorean &&
                            previous.stem == previous.surface;
    }
    units.push_back(std::move(unit));
    only_space_since_last = true;
  }
  return units;
}

std::vector<std::vector<ChainTerm>> Chains(const std::vector<Unit>& units) {
  std::vector<std::vector<ChainTerm>> chains;
  std::vector<ChainTerm> chain;
  std::string last_char;  // the last character of the chain so far
  const auto close = [&] {
    if (!chain.empty()) chains.push_back(std::move(chain));
    chain.clear();
    last_char.clear();
  };
  for (const Unit& unit : units) {
    if (unit.kind != UnitKind::kKorean) {
      close();
      continue;
    }
    if (!unit.joins_previous) close();
    for (std::string& c : Utf8Chars(unit.stem)) {
      if (!last_char.empty()) {
        chain.push_back(ChainTerm{last_char + c, static_cast<unsigned>(chain.size())});
      }
      last_char = std::move(c);
    }
  }
  close();
  return chains;
}

}  // namespace sinmun::search
