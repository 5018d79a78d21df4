#pragma once
// A reader's comment (issue #16) as HTML: plain text, everything escaped, line breaks kept as
// <br>, and http(s) addresses made links that pass no credit or opener to their target.
// Used by the site's pages and the newsroom's moderation queue alike.

#include <string>
#include <string_view>

namespace sinmun::render {

// `text` is what the reader sent (UTF-8); invalid bytes are passed on escaped like the rest.
// Links: <a href="URL" rel="nofollow ugc noopener">URL</a>, for "http://" and "https://"
// addresses up to the next space, quote or angle bracket, without trailing . , ) ! ? : ;
std::string CommentBodyHtml(std::string_view text);

}  // namespace sinmun::render
