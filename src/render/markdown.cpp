#include "render/markdown.hpp"

#include <md4c-html.h>

#include <algorithm>

#include "core/text.hpp"
#include "render/html_escape.hpp"

namespace sinmun::render {
namespace {

// No raw HTML (escaped as text instead); GitHub's tables, strikethrough and autolinks of
// URLs and e-mail addresses. Not "www." autolinks: Debian's md4c 0.4.8 scans them in
// quadratic time ("z_www." 16,000 times took 4 s, bench/markdown_bench), so a bare
// www.example.com stays text; https://www.example.com is a link.
constexpr unsigned kParserFlags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                                  MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
// Containers (block quotes, list items) one line may open, and lines a paragraph may have.
constexpr int kMaxNesting = 32;
constexpr int kMaxParagraphLines = 400;
// A table row is padded to its header's columns, so a header of n columns over n short rows
// makes n^2 cells from 2n bytes. Newer md4c caps columns at 128; Debian's 0.4.8 does not,
// so a line with more pipes than that is kept as text: its pipes become entities, which stay
// text however they are preceded (a backslash before an escaped pipe would free it again).
constexpr int kMaxTableColumns = 128;
// The HTML of a body is a few times its size; far more means something pathological got
// through, and the body is shown as plain text instead.
constexpr size_t kMaxOutputFactor = 16;
constexpr size_t kMinOutputBudget = 1 << 20;

// Where the container markers at the start of `line` end once `max_depth` of them have been
// read (">", "-", "+", "*", "1." or "1)" each followed by a space or tab, at most three
// spaces before each); npos when there are no more than that. ` - - - - x` opens one list
// per marker, and each later line is matched against every open one.
size_t PastContainerDepth(std::string_view line, int max_depth) {
  size_t i = 0;
  for (int depth = 0;; ++depth) {
    size_t at = i;
    for (int spaces = 0; spaces < 3 && at < line.size() && line[at] == ' '; ++spaces) ++at;
    if (at >= line.size()) return std::string_view::npos;
    size_t marker_end = at;
    if (line[at] == '>') {
      marker_end = at + 1;
    } else if (line[at] == '-' || line[at] == '+' || line[at] == '*') {
      marker_end = at + 1;
      if (marker_end >= line.size() || (line[marker_end] != ' ' && line[marker_end] != '\t')) {
        return std::string_view::npos;
      }
    } else if (line[at] >= '0' && line[at] <= '9') {
      size_t digits = at;
      while (digits < line.size() && digits - at < 9 && line[digits] >= '0' &&
             line[digits] <= '9') {
        ++digits;
      }
      if (digits >= line.size() || (line[digits] != '.' && line[digits] != ')')) {
        return std::string_view::npos;
      }
      marker_end = digits + 1;
      if (marker_end >= line.size() || (line[marker_end] != ' ' && line[marker_end] != '\t')) {
        return std::string_view::npos;
      }
    } else {
      return std::string_view::npos;
    }
    if (depth == max_depth) return at;
    i = marker_end;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  }
}

// The source md4c parses: valid UTF-8, and the shapes Debian's md4c 0.4.8 needs quadratic
// time or output for made harmless (each only changes inputs no article has):
// - a line with more pipes than a table may have columns keeps them as text (entities stay
//   text however they are preceded; a backslash before an escaped pipe would free it);
// - a line opening more than kMaxNesting containers has the next marker escaped;
// - a run of more than kMaxParagraphLines lines without a blank one gets one inserted (an
//   unclosed reference title is rescanned from its start on every line of its paragraph).
std::string PrepareSource(std::string_view markdown) {
  std::string valid;
  valid.reserve(markdown.size());
  AppendValidUtf8(valid, markdown);
  std::string out;
  out.reserve(valid.size() + valid.size() / 64);
  size_t start = 0;
  int run = 0;
  while (start < valid.size()) {
    size_t end = valid.find('\n', start);
    end = end == std::string::npos ? valid.size() : end + 1;
    std::string_view line(valid.data() + start, end - start);
    start = end;
    const bool blank = line.find_first_not_of(" \t\r\n") == std::string_view::npos;
    run = blank ? 0 : run + 1;
    if (run > kMaxParagraphLines) {
      out += '\n';
      run = 1;
    }
    if (const size_t deep = PastContainerDepth(line, kMaxNesting); deep != std::string_view::npos) {
      out.append(line.substr(0, deep));
      out += '\\';
      line.remove_prefix(deep);
    }
    int pipes = 0;
    for (const char c : line) pipes += c == '|';
    if (pipes <= kMaxTableColumns) {
      out.append(line);
      continue;
    }
    for (const char c : line) {
      if (c == '|') {
        out += "&#124;";
      } else {
        out += c;
      }
    }
  }
  return out;
}

// A body too large or too strange to parse: its text, escaped, one paragraph.
std::string PlainText(std::string_view markdown) {
  std::string valid;
  AppendValidUtf8(valid, markdown);
  std::string out = "<p>";
  AppendHtmlEscaped(out, valid);
  out += "</p>\n";
  return out;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// cmark's rule: javascript:, vbscript: and file: are never followed, data: only for images.
bool IsDangerousUrl(std::string_view url) {
  for (const std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (StartsWithIgnoreCase(url, scheme)) return true;
  }
  if (!StartsWithIgnoreCase(url, "data:")) return false;
  for (const std::string_view image :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (StartsWithIgnoreCase(url, image)) return false;
  }
  return true;
}

// md4c-html escapes `<`, `>`, `&` and `"` in text, so every `<` it writes opens a tag, and
// inside a tag every attribute value is quoted with `"` (alt text included). Walking the tags
// attribute by attribute finds exactly the link and image targets; text that merely looks
// like one (an image's alt of ` href=`) is inside another attribute's value and is passed
// over. A dangerous target is emptied.
std::string DropDangerousUrls(std::string html) {
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    ++at;
    while (at < html.size() && html[at] != '>') {
      if (html[at] != '"') {
        ++at;
        continue;
      }
      const size_t value = at + 1;
      const size_t end = html.find('"', value);
      if (end == std::string::npos) return html;
      // The attribute's name is the word before `="`.
      size_t name_end = at;
      if (name_end > 0 && html[name_end - 1] == '=') --name_end;
      size_t name_start = name_end;
      while (name_start > 0 && html[name_start - 1] != ' ') --name_start;
      const std::string_view name =
          std::string_view(html).substr(name_start, name_end - name_start);
      if ((name == "href" || name == "src") &&
          IsDangerousUrl(std::string_view(html).substr(value, end - value))) {
        html.erase(value, end - value);
        at = value + 1;
      } else {
        at = end + 1;
      }
    }
  }
  return html;
}

struct Output {
  std::string html;
  size_t budget = 0;
  bool over = false;
};

void Collect(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto* output = static_cast<Output*>(userdata);
  if (output->over) return;
  if (output->html.size() + size > output->budget) {
    output->over = true;
    return;
  }
  output->html.append(text, size);
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  if (markdown.size() > kMaxMarkdownBytes) return PlainText(markdown);
  const std::string source = PrepareSource(markdown);
  Output output;
  output.budget = std::max(kMinOutputBudget, source.size() * kMaxOutputFactor);
  output.html.reserve(source.size() + source.size() / 4 + 64);
  const int failed = md_html(source.data(), static_cast<MD_SIZE>(source.size()), Collect, &output,
                             kParserFlags, MD_HTML_FLAG_SKIP_UTF8_BOM);
  if (failed != 0 || output.over) return PlainText(markdown);
  return DropDangerousUrls(std::move(output.html));
}

}  // namespace sinmun::render
