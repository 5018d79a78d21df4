#include "render/html_escape.hpp"

namespace sinmun::render {
namespace {

// The entity that stands for `c`, or nullptr when `c` is written as itself.
const char* EntityOf(char c) {
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

}  // namespace

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  // The runs between characters to escape are appended whole, not a character at a time.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity = EntityOf(text[i]);
    if (entity == nullptr) continue;
    out.append(text.data() + run, i - run);
    out.append(entity);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace sinmun::render
