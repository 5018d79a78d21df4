#include "site/holed_html.hpp"

namespace sinmun::site {

HoledHtml CutAtMarkers(std::string_view html, std::span<const std::string_view> markers) {
  HoledHtml cut;
  std::size_t piece = 0;  // where the text not yet cut starts
  while (true) {
    std::size_t first = std::string_view::npos;
    std::size_t which = 0;
    for (std::size_t i = 0; i < markers.size(); ++i) {
      const std::size_t at = html.find(markers[i], piece);
      if (at < first) {
        first = at;
        which = i;
      }
    }
    if (first == std::string_view::npos) break;
    cut.texts.emplace_back(html.substr(piece, first - piece));
    cut.holes.push_back(which);
    piece = first + markers[which].size();
  }
  cut.texts.emplace_back(html.substr(piece));
  return cut;
}

std::string FillHoles(const HoledHtml& html, std::span<const std::string_view> values) {
  std::size_t size = 0;
  for (const std::string& text : html.texts) size += text.size();
  for (const std::size_t hole : html.holes) size += values[hole].size();
  std::string filled;
  filled.reserve(size);
  for (std::size_t i = 0; i < html.holes.size(); ++i) {
    filled += html.texts[i];
    filled += values[html.holes[i]];
  }
  filled += html.texts.back();
  return filled;
}

bool HoleSafe(std::string_view value) {
  return value.find_first_of("&<>\"'`") == std::string_view::npos;
}

}  // namespace sinmun::site
