// The body is parsed with libxml2's HTML parser (forgiving, as browsers are, and without
// network access), then written out node by node. Output is built from text we escape and
// Markdown we write, never from copied markup, so nothing of the old HTML reaches the page.

#include "archive/html_to_markdown.hpp"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sinmun::archive {
namespace {

constexpr int kHtmlOptions =
    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
constexpr std::string_view kHardBreak = "\\\n";

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view()
                               : std::string_view(reinterpret_cast<const char*>(node->name));
}

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, BAD_CAST name);
  if (value == nullptr) return "";
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

bool OneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Dropped with everything inside: active content, embeds, forms, document head parts.
bool IsDropped(std::string_view name) {
  return OneOf(name, {"script",   "style", "iframe",   "object", "embed",    "applet", "noscript",
                      "form",     "input", "button",   "select", "textarea", "svg",    "math",
                      "template", "head",  "title",    "meta",   "link",     "video",  "audio",
                      "canvas",   "frame", "frameset", "source", "track",    "map",    "area"});
}

bool IsBlock(std::string_view name) {
  return OneOf(name,
               {"p",      "h1",      "h2",      "h3",         "h4",      "h5",     "h6",
                "ul",     "ol",      "li",      "blockquote", "table",   "figure", "figcaption",
                "pre",    "hr",      "div",     "section",    "article", "header", "footer",
                "aside",  "main",    "nav",     "address",    "dl",      "dt",     "dd",
                "center", "details", "summary", "body",       "html"});
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Backslash before every ASCII character Markdown could read as syntax.
void AppendEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (std::strchr("\\`*_[]<>~|&", c) != nullptr && c != '\0') out += '\\';
    out += c;
  }
}

bool EndsWithSpaceOrBreak(const std::string& out) {
  return out.empty() || out.back() == ' ' || out.back() == '\n';
}

// Trims spaces, no-break spaces and trailing hard breaks from a paragraph.
std::string TrimParagraph(std::string_view text) {
  while (true) {
    const size_t before = text.size();
    while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
    if (text.starts_with("\xC2\xA0")) text.remove_prefix(2);
    while (!text.empty() && IsSpace(text.back()) && !text.ends_with(kHardBreak)) {
      text.remove_suffix(1);
    }
    if (text.ends_with("\xC2\xA0")) text.remove_suffix(2);
    if (text.ends_with(kHardBreak)) text.remove_suffix(kHardBreak.size());
    if (text.size() == before) break;
  }
  return std::string(text);
}

// A line that Markdown would read as a heading, list item, rule or setext underline gets its
// first character escaped.
std::string EscapeLineStarts(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (line_start) {
      const char c = text[i];
      if (c == '#' || c == '-' || c == '+' || c == '=') {
        out += '\\';
      } else if (c >= '0' && c <= '9') {
        size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j < text.size() && (text[j] == '.' || text[j] == ')')) {
          out += text.substr(i, j - i);
          out += '\\';
          i = j;
        }
      }
    }
    out += text[i];
    line_start = text[i] == '\n';
  }
  return out;
}

// Hard breaks turned into spaces, for places that hold one line (headings, cells, captions).
std::string BreaksToSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, kHardBreak.size()) == kHardBreak) {
      out += ' ';
      i += kHardBreak.size() - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Whether a block is a list we wrote ("- …" or "3. …"): paragraphs escape such starts.
bool IsListBlock(std::string_view block) {
  if (block.starts_with("- ")) return true;
  size_t i = 0;
  while (i < block.size() && block[i] >= '0' && block[i] <= '9') ++i;
  return i > 0 && block.substr(i, 2) == ". ";
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// Every line after the first indented by `width` spaces (list item continuation).
std::string IndentRest(const std::string& text, size_t width) {
  std::string out;
  const std::string pad(width, ' ');
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] != '\n') out += pad;
  }
  return out;
}

std::string PrefixLines(const std::string& text, std::string_view prefix,
                        std::string_view empty_prefix) {
  std::string out(text.empty() ? empty_prefix : prefix);
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n')
      out += (i + 1 < text.size() && text[i + 1] == '\n') ? empty_prefix : prefix;
  }
  return out;
}

// "(url)" for a link or image target; <…> form when the address has spaces or parentheses.
std::string Target(std::string_view url) {
  std::string clean;
  for (const char c : url) {
    if (c == '\n' || c == '\r') continue;
    if (c == '<' || c == '>') {
      clean += c == '<' ? "%3C" : "%3E";
      continue;
    }
    clean += c;
  }
  if (clean.find_first_of(" ()\\") != std::string::npos) return "(<" + clean + ">)";
  return "(" + clean + ")";
}

bool SafeHref(std::string_view href) {
  std::string lower;
  for (const char c : href) {
    if (!IsSpace(c)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const size_t colon = lower.find(':');
  const size_t slash = lower.find_first_of("/?#");
  if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return true;
  const std::string_view scheme = std::string_view(lower).substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

std::string RawText(xmlNode* node) {
  xmlChar* text = xmlNodeGetContent(node);
  std::string result(text == nullptr ? "" : reinterpret_cast<const char*>(text));
  xmlFree(text);
  return result;
}

class Converter {
 public:
  Converter(bool classic, const ImageRewriter& rewrite) : classic_(classic), rewrite_(rewrite) {}

  // The Markdown blocks of the siblings from `first` up to (not including) `end`: a node's
  // children, or one node alone with Blocks(node, node->next).
  std::vector<std::string> Blocks(xmlNode* first, xmlNode* end = nullptr) {
    std::vector<std::string> blocks;
    std::string paragraph;
    const auto flush = [&] {
      std::string text = TrimParagraph(paragraph);
      if (!text.empty()) blocks.push_back(EscapeLineStarts(text));
      paragraph.clear();
    };
    for (xmlNode* node = first; node != end; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        AppendText(paragraph, reinterpret_cast<const char*>(node->content), flush);
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;  // comments: Gutenberg markers and others
      const std::string_view name = Name(node);
      if (IsDropped(name)) continue;
      if (!IsBlock(name)) {
        InlineNode(node, paragraph);
        continue;
      }
      flush();
      AppendBlock(node, blocks);
    }
    flush();
    return blocks;
  }

  std::vector<std::string> TakeImages() { return std::move(images_); }

 private:
  // Text in a place where a blank line may start a new paragraph (`flush` ends the current
  // one) or, with flush empty, in a run of inline text.
  template <typename Flush>
  void AppendText(std::string& out, std::string_view text, const Flush& flush) {
    size_t i = 0;
    while (i < text.size()) {
      if (!IsSpace(text[i])) {
        const size_t start = i;
        while (i < text.size() && !IsSpace(text[i])) ++i;
        AppendEscaped(out, text.substr(start, i - start));
        continue;
      }
      int newlines = 0;
      while (i < text.size() && IsSpace(text[i])) {
        if (text[i] == '\n') ++newlines;
        ++i;
      }
      if (classic_ && newlines >= 2) {
        flush();
      } else if (classic_ && newlines == 1 && !out.empty() && i < text.size() &&
                 !EndsWithSpaceOrBreak(out)) {
        out += kHardBreak;
      } else if (!EndsWithSpaceOrBreak(out)) {
        out += ' ';
      }
    }
  }

  void InlineText(std::string& out, std::string_view text) {
    AppendText(out, text, [&] {
      if (!out.empty() && !EndsWithSpaceOrBreak(out)) out += kHardBreak;
    });
  }

  std::string Inline(xmlNode* first) {
    std::string out;
    for (xmlNode* node = first; node != nullptr; node = node->next) InlineNode(node, out);
    return out;
  }

  // `marker` around the node's inline content, with surrounding spaces kept outside so the
  // markers touch text (CommonMark's flanking rule).
  void Wrap(xmlNode* node, std::string_view marker, std::string& out) {
    const std::string inner = Inline(node->children);
    size_t begin = 0;
    size_t end = inner.size();
    while (begin < end && inner[begin] == ' ') ++begin;
    while (end > begin && inner[end - 1] == ' ') --end;
    if (begin == end) {
      if (!inner.empty() && !EndsWithSpaceOrBreak(out)) out += ' ';
      return;
    }
    if (begin > 0 && !EndsWithSpaceOrBreak(out)) out += ' ';
    if (plain_) {
      out += inner.substr(begin, end - begin);
    } else {
      out += marker;
      out += inner.substr(begin, end - begin);
      out += marker;
    }
    if (end < inner.size()) out += ' ';
  }

  void InlineNode(xmlNode* node, std::string& out) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      InlineText(out, reinterpret_cast<const char*>(node->content));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    const std::string_view name = Name(node);
    if (IsDropped(name)) return;
    if (name == "br") {
      if (!out.empty() && !out.ends_with(kHardBreak)) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += kHardBreak;
      }
    } else if (name == "img") {
      out += Image(node, "");
    } else if (name == "a") {
      const std::string href = Attribute(node, "href");
      const std::string text = Inline(node->children);
      if (href.empty() || !SafeHref(href) || TrimParagraph(text).empty()) {
        out += text;
      } else {
        out += '[';
        out += TrimParagraph(text);
        out += ']';
        out += Target(href);
      }
    } else if (name == "strong" || name == "b") {
      Wrap(node, "**", out);
    } else if (name == "em" || name == "i" || name == "cite") {
      Wrap(node, "*", out);
    } else if (name == "del" || name == "s" || name == "strike") {
      Wrap(node, "~~", out);
    } else if (name == "code" || name == "kbd" || name == "tt" || name == "samp") {
      std::string code = RawText(node);
      std::replace(code.begin(), code.end(), '\n', ' ');
      if (code.empty()) return;
      const std::string fence = code.find('`') == std::string::npos ? "`" : "`` ";
      const std::string close = fence == "`" ? "`" : " ``";
      out += fence + code + close;
    } else {
      // span, u, mark, sub, sup, small, abbr, q, time, font … and blocks met inside inline
      // content: their text, unwrapped.
      if (IsBlock(name) && !EndsWithSpaceOrBreak(out)) out += ' ';
      for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        InlineNode(child, out);
      }
      if (IsBlock(name) && !EndsWithSpaceOrBreak(out)) out += ' ';
    }
  }

  std::string Image(xmlNode* node, const std::string& fallback_alt) {
    std::string src = Attribute(node, "src");
    if (src.empty()) src = Attribute(node, "data-src");
    if (src.empty() || !SafeHref(src)) return "";
    if (seen_images_.insert(src).second) images_.push_back(src);
    if (rewrite_) {
      std::string rewritten = rewrite_(src);
      if (!rewritten.empty()) src = std::move(rewritten);
    }
    std::string alt_text = Attribute(node, "alt");
    if (alt_text.empty()) alt_text = fallback_alt;
    std::string alt;
    std::string collapsed;
    for (const char c : alt_text) {
      if (IsSpace(c)) {
        if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
      } else {
        collapsed += c;
      }
    }
    AppendEscaped(alt, TrimParagraph(collapsed));
    return "![" + alt + "]" + Target(src);
  }

  static void CollectImages(xmlNode* node, std::vector<xmlNode*>& images) {
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type != XML_ELEMENT_NODE || IsDropped(Name(child))) continue;
      if (Name(child) == "img") {
        images.push_back(child);
      } else if (Name(child) != "figcaption") {
        CollectImages(child, images);
      }
    }
  }

  static xmlNode* FindChild(xmlNode* node, std::string_view name) {
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && Name(child) == name) return child;
      if (child->type == XML_ELEMENT_NODE && Name(child) != "figcaption" &&
          !IsDropped(Name(child))) {
        if (xmlNode* found = FindChild(child, name)) return found;
      }
    }
    return nullptr;
  }

  // Images, then a line break and the caption in italics, in one paragraph. The caption is
  // written without its own emphasis (italics inside italics would not close) and is the
  // images' alt text when they have none.
  void Figure(xmlNode* node, std::vector<std::string>& blocks) {
    std::vector<xmlNode*> images;
    CollectImages(node, images);
    if (images.empty()) {
      // A figure of text (a pull quote, an embed that was dropped): its content as blocks.
      AppendChildBlocks(node, blocks);
      return;
    }
    std::string caption;
    if (xmlNode* figcaption = FindChild(node, "figcaption")) {
      plain_ = true;
      caption = TrimParagraph(Inline(figcaption->children));
      plain_ = false;
      caption = BreaksToSpaces(caption);
    }
    const std::string caption_text = RawCaption(node);
    std::string paragraph;
    for (xmlNode* image : images) {
      const std::string markdown = Image(image, caption_text);
      if (markdown.empty()) continue;
      if (!paragraph.empty()) paragraph += "\n";
      paragraph += markdown;
    }
    if (!caption.empty()) {
      if (!paragraph.empty()) paragraph += kHardBreak;
      paragraph += "*" + caption + "*";
    }
    if (!paragraph.empty()) blocks.push_back(paragraph);
  }

  // The figcaption's plain text (for alt), whitespace folded.
  static std::string RawCaption(xmlNode* figure) {
    xmlNode* figcaption = FindChild(figure, "figcaption");
    if (figcaption == nullptr) return "";
    return RawText(figcaption);
  }

  void List(xmlNode* node, bool ordered, std::vector<std::string>& blocks) {
    if (nesting_ >= kMaxNesting) {
      AppendChildBlocks(node, blocks);
      return;
    }
    const Nested nested_here(nesting_);
    std::vector<std::string> items;
    bool loose = false;
    int number = 1;
    if (ordered) {
      const std::string start = Attribute(node, "start");
      if (!start.empty() && std::all_of(start.begin(), start.end(), ::isdigit) &&
          start.size() < 9) {
        number = std::stoi(start);
      }
    }
    for (xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(child);
      if (IsDropped(name)) continue;
      std::vector<std::string> content;
      if (name == "li") {
        content = Blocks(child->children);
      } else if (name == "ul" || name == "ol") {
        // A list directly inside a list (invalid, but editors write it): the previous item's.
        std::vector<std::string> nested;
        List(child, name == "ol", nested);
        if (!items.empty() && !nested.empty()) {
          const size_t width = items.back().find(' ') + 1;
          items.back().append("\n").append(width, ' ').append(IndentRest(nested.front(), width));
          continue;
        }
        content = std::move(nested);
      } else {
        content = Blocks(child, child->next);  // this child alone, not its later siblings
      }
      // A nested list right after the item's text keeps the list tight, as in "둘<ul>…</ul>";
      // two paragraphs in an item make it loose.
      std::string body;
      int paragraphs = 0;
      for (const std::string& block : content) {
        const bool is_list = IsListBlock(block);
        if (!is_list) ++paragraphs;
        if (!body.empty()) body += is_list && paragraphs <= 1 ? "\n" : "\n\n";
        body += block;
      }
      if (paragraphs > 1) loose = true;
      const std::string marker = ordered ? std::to_string(number++) + "." : "-";
      items.push_back(body.empty() ? marker : marker + " " + IndentRest(body, marker.size() + 1));
    }
    if (!items.empty()) blocks.push_back(Join(items, loose ? "\n\n" : "\n"));
  }

  void Table(xmlNode* node, std::vector<std::string>& blocks) {
    std::vector<std::vector<std::string>> rows;
    std::vector<xmlNode*> row_nodes;
    const auto collect = [&](auto&& self, xmlNode* parent) -> void {
      for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = Name(child);
        if (name == "tr") {
          row_nodes.push_back(child);
        } else if (name == "thead" || name == "tbody" || name == "tfoot") {
          self(self, child);
        }
      }
    };
    collect(collect, node);
    size_t columns = 0;
    for (xmlNode* row : row_nodes) {
      std::vector<std::string> cells;
      for (xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE || (Name(cell) != "td" && Name(cell) != "th")) continue;
        std::string text = TrimParagraph(Inline(cell->children));
        text = BreaksToSpaces(text);
        cells.push_back(std::move(text));
      }
      columns = std::max(columns, cells.size());
      rows.push_back(std::move(cells));
    }
    if (rows.empty() || columns == 0) return;
    std::string table;
    for (size_t r = 0; r < rows.size(); ++r) {
      rows[r].resize(columns);
      table += "|";
      for (const std::string& cell : rows[r]) table.append(" ").append(cell).append(" |");
      table += "\n";
      if (r == 0) {
        table += "|";
        for (size_t c = 0; c < columns; ++c) table += " --- |";
        table += "\n";
      }
    }
    table.pop_back();
    blocks.push_back(std::move(table));
  }

  void AppendBlock(xmlNode* node, std::vector<std::string>& blocks) {
    const std::string_view name = Name(node);
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      std::string text = TrimParagraph(Inline(node->children));
      text = BreaksToSpaces(text);
      if (text.empty()) return;
      const int level = std::max(2, name[1] - '0');
      blocks.push_back(std::string(level, '#') + " " + text);
    } else if (name == "ul" || name == "ol") {
      List(node, name == "ol", blocks);
    } else if (name == "blockquote") {
      if (nesting_ >= kMaxNesting) {
        AppendChildBlocks(node, blocks);
        return;
      }
      const Nested nested_here(nesting_);
      const std::string inner = Join(Blocks(node->children), "\n\n");
      if (!inner.empty()) blocks.push_back(PrefixLines(inner, "> ", ">"));
    } else if (name == "pre") {
      std::string code = RawText(node);
      while (!code.empty() && code.back() == '\n') code.pop_back();
      if (code.empty()) return;
      std::string fence = "```";
      while (code.find(fence) != std::string::npos) fence += '`';
      blocks.push_back(fence + "\n" + code + "\n" + fence);
    } else if (name == "hr") {
      blocks.push_back("* * *");
    } else if (name == "table") {
      Table(node, blocks);
    } else if (name == "figure") {
      Figure(node, blocks);
    } else {
      // p, div, section, li outside a list, figcaption outside a figure, …: their content.
      AppendChildBlocks(node, blocks);
    }
  }

  // Lists and quotes nested past kMaxNesting keep their text as plain blocks at the deepest
  // level. Each level indents or prefixes every line below it, so a body nested hundreds
  // deep (a few kilobytes of unclosed <ul><li>, as a fuzzer found) would cost time cubic in
  // its depth; no reader follows a list eight levels down anyway.
  static constexpr int kMaxNesting = 8;
  struct Nested {
    explicit Nested(int& depth) : depth_(depth) { ++depth_; }
    ~Nested() { --depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;
    int& depth_;
  };
  // A node's content as blocks of their own, with nothing of the node's itself.
  void AppendChildBlocks(xmlNode* node, std::vector<std::string>& blocks) {
    for (std::string& block : Blocks(node->children)) blocks.push_back(std::move(block));
  }

  bool classic_;
  const ImageRewriter& rewrite_;
  int nesting_ = 0;
  bool plain_ = false;  // emphasis markers left out (inside a caption set in italics)
  std::vector<std::string> images_;
  std::set<std::string> seen_images_;
};

xmlNode* Body(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return nullptr;
  if (Name(root) == "body") return root;
  for (xmlNode* child = root->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && Name(child) == "body") return child;
  }
  return root;
}

}  // namespace

ConvertedBody HtmlToMarkdown(std::string_view html, const ImageRewriter& rewrite_image) {
  ConvertedBody result;
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return result;
  // Wrapped so that the parser treats the whole text as body content, even text that looks
  // like a head element or starts with one.
  const std::string document = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" +
                               std::string(html) + "</body></html>";
  std::unique_ptr<xmlDoc, DocDeleter> doc(htmlReadMemory(
      document.data(), static_cast<int>(document.size()), nullptr, "UTF-8", kHtmlOptions));
  if (!doc) return result;
  xmlNode* body = Body(doc.get());
  if (body == nullptr) return result;
  // Gutenberg bodies mark their blocks with <!-- wp:… --> comments and are not run through
  // wpautop by WordPress; classic ones are.
  const bool classic = html.find("<!-- wp:") == std::string_view::npos;
  Converter converter(classic, rewrite_image);
  result.markdown = Join(converter.Blocks(body->children), "\n\n");
  result.images = converter.TakeImages();
  return result;
}

ConvertedBody WordPressBodyToMarkdown(std::string_view content,
                                      const ImageRewriter& rewrite_image) {
  return HtmlToMarkdown(ExpandShortcodes(content), rewrite_image);
}

}  // namespace sinmun::archive
