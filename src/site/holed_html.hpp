#pragma once
// Private to site/: HTML rendered once with stand-in values (markers) where each page has its
// own, cut at those markers, so that a page's copy is the pieces joined around its values: a
// part that many pages show alike but for a few values, made without a view and a render per
// page (issue #14).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::site {

struct HoledHtml {
  std::vector<std::string> texts;  // the HTML between the holes: holes.size() + 1 pieces
  std::vector<std::size_t> holes;  // in order, the index of the marker each hole stood for
};

// `html` cut at every place one of `markers` occurs. REQUIRES: no marker is empty, and none
// occurs inside another or across the HTML around it (markers are words nothing else prints).
HoledHtml CutAtMarkers(std::string_view html, std::span<const std::string_view> markers);

// The HTML with each hole holding values[its marker's index]. REQUIRES: values has a value for
// every marker index in `html.holes`, and each is HoleSafe.
std::string FillHoles(const HoledHtml& html, std::span<const std::string_view> values);

// Whether `value` reads the same HTML-escaped as not (none of & < > " ' `), so that it can fill
// a hole the template escaped a marker into.
bool HoleSafe(std::string_view value);

}  // namespace sinmun::site
