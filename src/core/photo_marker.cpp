#include "core/photo_marker.hpp"

namespace sinmun {

std::optional<int> PhotoMarkerNumber(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  constexpr std::string_view kOpen = "[사진";
  if (!line.starts_with(kOpen) || !line.ends_with(']')) return std::nullopt;
  std::string_view number = line.substr(kOpen.size(), line.size() - kOpen.size() - 1);
  if (!number.empty() && number.front() == ' ') number.remove_prefix(1);
  if (number.empty() || number.size() > 3 ||
      number.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  int n = 0;
  for (const char digit : number) n = n * 10 + (digit - '0');
  return n;
}

bool IsCodeFence(std::string_view line) {
  size_t indent = 0;
  while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
  line.remove_prefix(indent);
  return line.starts_with("```") || line.starts_with("~~~");
}

std::string WithoutPhotoMarkers(std::string_view markdown) {
  std::string kept;
  kept.reserve(markdown.size());
  bool in_code = false;
  size_t at = 0;
  while (at < markdown.size()) {
    const size_t newline = markdown.find('\n', at);
    const size_t next = newline == std::string_view::npos ? markdown.size() : newline + 1;
    const std::string_view line = markdown.substr(at, next - at);
    if (IsCodeFence(line)) in_code = !in_code;
    const std::optional<int> number =
        in_code ? std::nullopt : PhotoMarkerNumber(line.substr(0, line.find('\n')));
    if (!number || *number < 1) kept.append(line);
    at = next;
  }
  return kept;
}

}  // namespace sinmun
