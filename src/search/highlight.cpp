#include <algorithm>

#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"

namespace sinmun::search {
namespace {

bool IsTextSpace(const std::string& c) { return c == " " || c == "\n" || c == "\t"; }

// The number of characters of `chars` from `start` that spell `word` (ASCII case ignored,
// spaces in the text between its characters skipped), or 0 when they do not.
size_t MatchAt(const std::vector<std::string>& chars, size_t start,
               const std::vector<std::string>& word) {
  size_t i = start;
  for (size_t k = 0; k < word.size(); ++k) {
    if (k > 0) {
      while (i < chars.size() && IsTextSpace(chars[i])) ++i;
    }
    if (i >= chars.size() || AsciiLower(chars[i]) != word[k]) return 0;
    ++i;
  }
  return i - start;
}

}  // namespace

std::vector<TextPart> Highlight(std::string_view text, const std::vector<std::string>& words) {
  const std::vector<std::string> chars = Utf8Chars(text);
  std::vector<std::vector<std::string>> needles;
  for (const std::string& word : words) {
    if (!word.empty()) needles.push_back(Utf8Chars(AsciiLower(word)));
  }
  std::vector<TextPart> parts;
  const auto append = [&parts](const std::string& c, bool marked) {
    if (parts.empty() || parts.back().marked != marked) parts.push_back(TextPart{"", marked});
    parts.back().text += c;
  };
  for (size_t i = 0; i < chars.size();) {
    size_t longest = 0;
    for (const std::vector<std::string>& needle : needles) {
      longest = std::max(longest, MatchAt(chars, i, needle));
    }
    if (longest == 0) {
      append(chars[i++], false);
      continue;
    }
    // A new part for every match, so adjacent matches stay separate <mark>s.
    parts.push_back(TextPart{"", true});
    for (size_t k = 0; k < longest; ++k) parts.back().text += chars[i + k];
    parts.push_back(TextPart{"", false});
    i += longest;
  }
  std::erase_if(parts, [](const TextPart& part) { return part.text.empty(); });
  return parts;
}

std::vector<TextPart> Snippet(std::string_view text, const std::vector<std::string>& words,
                              size_t max_chars) {
  const std::vector<std::string> chars = Utf8Chars(text);
  std::vector<std::vector<std::string>> needles;
  for (const std::string& word : words) {
    if (!word.empty()) needles.push_back(Utf8Chars(AsciiLower(word)));
  }
  size_t first = chars.size();
  for (size_t i = 0; i < chars.size() && first == chars.size(); ++i) {
    for (const std::vector<std::string>& needle : needles) {
      if (MatchAt(chars, i, needle) > 0) {
        first = i;
        break;
      }
    }
  }
  // Start a little before the first match, so the reader sees its context.
  size_t begin = first == chars.size() ? 0 : first - std::min(first, max_chars / 4);
  const size_t end = std::min(chars.size(), begin + max_chars);
  if (end - begin < max_chars) begin = end - std::min(end, max_chars);
  std::string cut;
  if (begin > 0) cut += "…";
  for (size_t i = begin; i < end; ++i) cut += chars[i];
  if (end < chars.size()) cut += "…";
  return Highlight(cut, words);
}

}  // namespace sinmun::search
