#include "render/html_escape.hpp"

#include <array>

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

// Whether a byte is one EntityOf replaces, looked up in one load per byte of a value.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int c = 0; c < 256; ++c) escaped[c] = EntityOf(static_cast<char>(c)) != nullptr;
  return escaped;
}();

}  // namespace

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  // The runs between characters to escape are appended whole, not a character at a time.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!kEscaped[static_cast<unsigned char>(text[i])]) continue;
    out.append(text.data() + run, i - run);
    out.append(EntityOf(text[i]));
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace sinmun::render
