#pragma once
// Article bodies are Markdown (CommonMark + GFM tables, strikethrough and autolinks, via md4c:
// reentrant and fuzzed upstream; the few shapes where Debian's 0.4.8 is not linear in its
// input are neutralised before parsing). Raw HTML in the source is never passed
// through: it is escaped, so a body cannot inject markup or scripts; link and image targets
// with a dangerous scheme (javascript:, vbscript:, file:, data: other than images) are
// dropped.

#include <cstddef>
#include <string>
#include <string_view>

namespace sinmun::render {

// Bodies longer than this are shown as escaped plain text, not parsed: the render time of
// a body stays bounded whatever it holds (a long article is about 30 KB).
inline constexpr std::size_t kMaxMarkdownBytes = 512 << 10;

// HTML for a Markdown body. Invalid UTF-8 becomes U+FFFD. Shapes Debian's md4c would need
// quadratic time for are neutralised first (see markdown.cpp). Thread safe, no shared state.
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace sinmun::render
