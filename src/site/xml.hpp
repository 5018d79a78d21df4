#pragma once
// Private to site/: the little XML that feeds and sitemaps are written in.

#include <string>
#include <string_view>

#include "core/time.hpp"
#include "http/response.hpp"

namespace sinmun::site {

// Appends `text` escaped for XML character data and attribute values (&, <, >, ", ').
// Control characters XML 1.0 forbids (all below U+0020 but tab, LF, CR) are dropped, so a
// stray byte in a headline cannot make a whole feed unreadable.
void AppendXmlEscaped(std::string& out, std::string_view text);
std::string XmlEscaped(std::string_view text);

// RFC 822 date as RSS 2.0 wants it, in KST: "Tue, 01 Aug 2017 13:13:00 +0900".
std::string FormatRfc822Kst(Timestamp utc);

// A prepared 200 response of `content_type`, gzip-able.
http::Response PreparedText(std::string body, std::string content_type);

}  // namespace sinmun::site
