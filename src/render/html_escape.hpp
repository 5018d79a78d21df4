#pragma once
// The one HTML escaper: the templates' values, Markdown bodies shown as plain text, and the
// few tags a page's head gets as text (site/structured_data.cpp).

#include <string>
#include <string_view>

namespace sinmun::render {

// Appends `text` with & < > " ' and ` escaped: all that HTML text and quoted attribute values
// need, plus the backtick, since old browsers end unquoted attribute values at it and a value
// that lands in a script's template literal must not close it. '/' is left alone (mstch's
// default turns it into "&#x2F;", which bloats every URL in a page).
void AppendHtmlEscaped(std::string& out, std::string_view text);

}  // namespace sinmun::render
