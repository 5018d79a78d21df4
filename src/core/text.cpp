#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/photo_marker.hpp"

namespace sinmun {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += IsContinuation(c) ? 0 : 1;
  return n;
}

size_t Utf8CharLength(std::string_view text, size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) return 1;
  size_t length = 0;
  std::uint32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    min = 0x10000;
  }
  if (length == 0 || at + length > text.size()) return 0;
  std::uint32_t code = c & (0xFF >> (length + 1));
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if (!IsContinuation(next)) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  const bool valid = code >= min && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
  return valid ? length : 0;
}

namespace {

// Utf8CharLength with the characters of a Korean page decided first: ASCII, and the three-byte
// characters whose lead byte alone makes any two continuation bytes valid (E1-EC, and ED
// before the surrogates: Hangul syllables are EA B0 80 to ED 9E A3). A Markdown body and
// every JSON-LD string are checked on each article miss (issue #14).
inline size_t ValidCharLength(std::string_view text, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + at;
  if (p[0] < 0x80) return 1;
  if (text.size() - at >= 3 && IsContinuation(p[1]) && IsContinuation(p[2]) &&
      ((p[0] >= 0xE1 && p[0] <= 0xEC) || (p[0] == 0xED && p[1] < 0xA0))) {
    return 3;
  }
  return Utf8CharLength(text, at);
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = ValidCharLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void AppendValidUtf8(std::string& out, std::string_view text) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  // The valid runs between replacements are appended whole, not a character at a time: a
  // Markdown body passes through here on every article miss (issue #14).
  size_t run = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = ValidCharLength(text, i);
    if (length != 0) {
      i += length;
      continue;
    }
    out.append(text.data() + run, i - run);
    out.append(kReplacement);
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string TrimSpace(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string_view Utf8Prefix(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars) return text.substr(0, i);
    ++chars;
  }
  return text;
}

std::string TruncateUtf8(std::string_view text, size_t max_chars) {
  const std::string_view kept = Utf8Prefix(text, max_chars);
  return kept.size() == text.size() ? std::string(text) : std::string(kept) + "…";
}

namespace {

// The plain text of `markdown` (already without photo markers) as Excerpt makes it, stopping
// once it holds enough bytes for `max_chars` characters.
struct PlainLead {
  std::string text;
  bool enough = false;       // stopped early: more input would not change it
  bool looked_past = false;  // an image's end was looked for and not found in `markdown`
};

// The bytes PlainLeadOf looks at one by one: Markdown's marks and spaces. Runs of the others
// (the text itself) are appended whole.
constexpr std::array<bool, 256> kExcerptMarks = [] {
  std::array<bool, 256> marks{};
  for (const unsigned char c : std::string_view("!]#*_`>[ \n\r\t")) marks[c] = true;
  return marks;
}();

PlainLead PlainLeadOf(std::string_view markdown, size_t max_chars) {
  PlainLead lead;
  std::string& plain = lead.text;
  const size_t most = max_chars * 4 + 8;  // a few bytes per character: enough to cut below
  plain.reserve(std::min(markdown.size(), max_chars * 4));
  bool in_link_target = false;
  bool last_space = true;
  for (size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (in_link_target) {
      if (c == ')') in_link_target = false;
      continue;
    }
    if (!kExcerptMarks[static_cast<unsigned char>(c)]) {
      size_t end = i + 1;
      while (end < markdown.size() && !kExcerptMarks[static_cast<unsigned char>(markdown[end])]) {
        ++end;
      }
      const size_t taken = std::min(end - i, most + 1 - plain.size());
      plain.append(markdown.data() + i, taken);
      last_space = false;
      if (plain.size() > most) {
        lead.enough = true;
        break;
      }
      i += taken - 1;
      continue;
    }
    // An image (![alt](address)) is no text of the article: its alt text describes a picture.
    if (c == '!' && i + 1 < markdown.size() && markdown[i + 1] == '[') {
      const size_t target = markdown.find("](", i + 2);
      const size_t close = target == std::string_view::npos ? target : markdown.find(')', target);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
      lead.looked_past = true;
    }
    if (c == ']' && i + 1 < markdown.size() && markdown[i + 1] == '(') {
      in_link_target = true;
      ++i;
      continue;
    }
    if (c == '#' || c == '*' || c == '_' || c == '`' || c == '>' || c == '[' || c == ']') {
      continue;
    }
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!last_space) plain.push_back(' ');
      last_space = true;
      continue;
    }
    plain.push_back(c);  // '!' or ']' that starts no image or link
    last_space = false;
    if (plain.size() > most) {
      lead.enough = true;
      break;
    }
  }
  return lead;
}

}  // namespace

std::string Excerpt(std::string_view markdown, size_t max_chars) {
  // An excerpt shows no photos, so the lines that place them are no text of it either. They are
  // dropped from the body's first lines only, enough for the excerpt in all but bodies thick
  // with Markdown; the whole body is read when those lines were not enough (a page's
  // description is 150 characters; the body was copied whole for it on every article miss).
  size_t lead_bytes = std::min(markdown.size(), max_chars * 4 + 8 + 256);
  while (true) {
    const size_t line_end = markdown.find('\n', lead_bytes);
    const std::string_view lead =
        line_end == std::string_view::npos ? markdown : markdown.substr(0, line_end + 1);
    const bool whole = lead.size() == markdown.size();
    PlainLead plain = PlainLeadOf(WithoutPhotoMarkers(lead), max_chars);
    if (whole || (plain.enough && !plain.looked_past)) {
      while (!plain.text.empty() && plain.text.back() == ' ') plain.text.pop_back();
      return TruncateUtf8(plain.text, max_chars);
    }
    lead_bytes = std::min(markdown.size(), lead.size() * 4);
  }
}

}  // namespace sinmun
