#include "render/comment_text.hpp"

#include "render/html_escape.hpp"

namespace sinmun::render {
namespace {

// The text with "\r\n" and "\r" as "\n", escaped, each "\n" a <br>.
void AppendText(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const size_t end = text.find_first_of("\r\n");
    AppendHtmlEscaped(out, text.substr(0, end));
    if (end == std::string_view::npos) return;
    out += "<br>\n";
    const bool crlf = text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n';
    text.remove_prefix(end + (crlf ? 2 : 1));
  }
}

size_t FindLinkStart(std::string_view text, size_t from) {
  for (size_t at = text.find("http", from); at != std::string_view::npos;
       at = text.find("http", at + 1)) {
    const std::string_view rest = text.substr(at);
    if (rest.starts_with("http://") || rest.starts_with("https://")) return at;
  }
  return std::string_view::npos;
}

// Where the address starting at `start` ends: at white space, a quote, an angle bracket or a
// control character, less the punctuation that ends a sentence around it.
size_t LinkEnd(std::string_view text, size_t start) {
  size_t end = start;
  while (end < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[end]);
    if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == 0x7f) break;
    ++end;
  }
  while (end > start && std::string_view(".,)!?:;").find(text[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end;
}

}  // namespace

std::string CommentBodyHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t done = 0;
  for (size_t start = FindLinkStart(text, 0); start != std::string_view::npos;
       start = FindLinkStart(text, done)) {
    const size_t end = LinkEnd(text, start);
    const std::string_view scheme_end = text.substr(start, end - start);
    // "http://" alone is not an address.
    if (scheme_end.size() <= std::string_view("https://").size() &&
        (scheme_end == "http://" || scheme_end == "https://")) {
      AppendText(out, text.substr(done, end - done));
      done = end;
      continue;
    }
    AppendText(out, text.substr(done, start - done));
    out += "<a href=\"";
    AppendHtmlEscaped(out, scheme_end);
    out += "\" rel=\"nofollow ugc noopener\">";
    AppendHtmlEscaped(out, scheme_end);
    out += "</a>";
    done = end;
  }
  AppendText(out, text.substr(done));
  return out;
}

}  // namespace sinmun::render
