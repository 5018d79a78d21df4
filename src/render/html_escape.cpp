#include "render/html_escape.hpp"

#include <array>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sinmun::render {
namespace {

// The entity that stands for `c`, or nullptr when `c` is written as itself.
constexpr const char* EntityOf(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    case '`':
      return "&#96;";
    default:
      return nullptr;
  }
}

// The characters EntityOf replaces, for the 16-byte search below; the assertion keeps the two
// lists one, so that no character is escaped byte by byte and skipped 16 at a time.
constexpr std::string_view kEscapedCharacters = "&<>\"'`";
static_assert([] {
  for (int c = 0; c < 256; ++c) {
    const bool listed = kEscapedCharacters.find(static_cast<char>(c)) != std::string_view::npos;
    if (listed != (EntityOf(static_cast<char>(c)) != nullptr)) return false;
  }
  return true;
}());

// Whether a byte is one EntityOf replaces, looked up in one load per byte of a value.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int c = 0; c < 256; ++c) escaped[c] = EntityOf(static_cast<char>(c)) != nullptr;
  return escaped;
}();

// The first place from `from` the caller must look at byte by byte: a byte to escape, found
// 16 bytes at a time, or the last bytes, fewer than 16. Most of a Korean page's values have
// none to escape (Hangul and spaces), and a byte at a time was a few percent of an article
// miss (issue #14).
std::size_t SkipPlain(std::string_view text, std::size_t from) {
#if defined(__SSE2__)
  while (from + 16 <= text.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    __m128i hits = _mm_setzero_si128();
    for (const char c : kEscapedCharacters) {
      hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)));
    }
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return from + static_cast<std::size_t>(__builtin_ctz(mask));
    from += 16;
  }
#endif
  return from;
}

}  // namespace

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  // The runs between characters to escape are appended whole, not a character at a time.
  std::size_t run = 0;
  for (std::size_t i = SkipPlain(text, 0); i < text.size(); ++i) {
    if (!kEscaped[static_cast<unsigned char>(text[i])]) continue;
    out.append(text.data() + run, i - run);
    out.append(EntityOf(text[i]));
    run = i + 1;
    i = SkipPlain(text, run) - 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace sinmun::render
