#pragma once
// The one JSON string writer for JSON that sinmun writes as text rather than through
// nlohmann's values (the access log's lines, a page's JSON-LD): whatever the bytes, the result
// is one valid JSON string that reads back as the text.

#include <string>
#include <string_view>

namespace sinmun {

// Appends `text` as a quoted JSON string: quotes, backslashes and control characters as JSON
// escapes, and '<', '>' and '&' as \u003c, \u003e and \u0026, so that the string is also safe
// inside <script type="application/ld+json"> (a headline holding "</script>" or "<!--" cannot
// end the element). Invalid UTF-8 is replaced first (AppendValidUtf8); valid text, Korean
// included, is kept as it is.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace sinmun
