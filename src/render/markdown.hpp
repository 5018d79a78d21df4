#pragma once
// Article bodies are Markdown (CommonMark + GFM via cmark-gfm). Raw HTML in the source is
// never passed through: it is escaped, so a body cannot inject markup or scripts.

#include <string>
#include <string_view>

namespace sinmun::render {

// HTML for a Markdown body. Thread safe.
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace sinmun::render
