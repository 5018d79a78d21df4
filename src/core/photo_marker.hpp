#pragma once
// Photo markers (issue #19): a line "[사진 N]" alone in an article's body places the article's
// photo N there, the lead photo being 사진 1 and the further photos 사진 2, 3, …. The article
// page draws the photo in the marker's place (render/article_view.hpp). Every other text made
// from the body (list snippets, meta and og:description, feeds, search snippets, the e-mail of
// an article, the JSON API's body) shows no photos, so it leaves the marker lines out.

#include <optional>
#include <string>
#include <string_view>

namespace sinmun {

// N when `line` is a marker: "[사진 N]" with spaces or tabs around it (and a '\r' at its end),
// the space inside optional, N of one to three digits (0 included: it names no photo, which
// is the caller's check). nullopt for any other line.
std::optional<int> PhotoMarkerNumber(std::string_view line);

// Whether `line` opens or closes a fenced code block ("```" or "~~~" after up to three
// spaces): a marker inside one is code, shown as typed.
bool IsCodeFence(std::string_view line);

// `markdown` without its marker lines of photos 1 and up (outside fenced code blocks), each
// with its line break; every other byte as it was. A marker for a photo the article lacks
// goes too: these texts never show photos, and "[사진 7]" means nothing to a reader.
std::string WithoutPhotoMarkers(std::string_view markdown);

}  // namespace sinmun
