#pragma once
// "E-mail this article" messages: RFC 5322 text with a multipart/alternative body (plain text
// and HTML, UTF-8, base64), RFC 2047 encoded headers so Korean names and subjects survive any
// mail server, and CRLF line ends. The HTML part is rendered from templates/mail/article.
//
// Thread safety: free functions, safe from any thread (the renderer is thread safe).

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "render/renderer.hpp"

namespace sinmun::mail {

// What the message says about the article and who sends it.
struct ArticleMail {
  std::string paper_name;  // "한밭일보"
  std::string headline;
  std::vector<std::string> subheadlines;
  std::string excerpt;       // plain text, a few sentences
  std::string url;           // absolute link to the article
  std::string sender_name;   // as typed in the form
  std::string sender_email;  // Reply-To
  std::string note;          // the sender's optional message, "" when none
};

struct Envelope {
  std::string from;  // the paper's address (the From header and SMTP MAIL FROM)
  std::string to;    // one recipient
  Timestamp date = 0;
  std::string message_id;  // "<…@host>"
};

// The whole message: headers, blank line, body. kInternal when the template fails.
Result<std::string> ComposeArticleMail(const render::Renderer& renderer, const ArticleMail& mail,
                                       const Envelope& envelope);

// A plain-text notice from the paper to one reader (a correction request's steps): UTF-8,
// base64, CRLF line ends. `text` uses '\n' line ends.
std::string ComposePlainMail(std::string_view paper_name, std::string_view subject,
                             std::string_view text, const Envelope& envelope);

// A new Message-ID on the domain of `base_url` ("https://news.example.com" -> "<…@news.
// example.com>"): the configuration's address, never a request's Host.
std::string NewMessageId(std::string_view base_url, Timestamp now);

// "=?UTF-8?B?…?=" words for `text` when it is not plain printable ASCII, else `text`;
// split so that no encoded word is longer than 75 characters.
std::string EncodeHeaderText(std::string_view text);

// A plausible single address: one '@', a dotted domain, no spaces, quotes, angle brackets,
// commas or control characters, at most 254 bytes. Not full RFC 5321; enough for a form.
bool IsPlausibleAddress(std::string_view address);

}  // namespace sinmun::mail
