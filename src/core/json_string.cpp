#include "core/json_string.hpp"

#include <array>

#include "core/text.hpp"

namespace sinmun {
namespace {

// What a JSON string writes for a character below 0x80: itself (nullptr) or an escape.
constexpr std::array<const char*, 128> kJsonEscapes = [] {
  std::array<const char*, 128> escapes{};
  constexpr std::array<const char*, 32> kControls = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (int c = 0; c < 32; ++c) escapes[c] = kControls[c];
  escapes['"'] = "\\\"";
  escapes['\\'] = "\\\\";
  escapes['<'] = "\\u003c";
  escapes['>'] = "\\u003e";
  escapes['&'] = "\\u0026";
  return escapes;
}();

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  if (!IsValidUtf8(text)) {
    std::string valid;
    AppendValidUtf8(valid, text);
    AppendJsonString(out, valid);
    return;
  }
  out += '"';
  // The runs between the characters replaced are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || kJsonEscapes[c] == nullptr) continue;
    out.append(text.data() + run, i - run);
    out.append(kJsonEscapes[c]);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

}  // namespace sinmun
