// WordPress shortcodes, read the way WordPress's get_shortcode_regex() reads them closely
// enough for exported bodies: [name attrs], [name attrs /], [name attrs]inner[/name].

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "archive/html_to_markdown.hpp"

namespace sinmun::archive {
namespace {

constexpr std::array<std::string_view, 7> kCoreShortcodes = {
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

struct Tag {
  bool closing = false;
  bool self_closing = false;
  std::string name;
  std::string_view attributes;
  size_t end = 0;  // one past the ']'
};

// A shortcode tag starting at text[at] == '['; nullopt when the bracket opens no tag.
std::optional<Tag> ParseTag(std::string_view text, size_t at) {
  Tag tag;
  size_t i = at + 1;
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= text.size() ||
      !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
    return std::nullopt;
  }
  const size_t name_start = i;
  while (i < text.size() && IsNameChar(text[i])) ++i;
  tag.name = std::string(text.substr(name_start, i - name_start));
  if (i >= text.size()) return std::nullopt;
  if (text[i] != ']' && text[i] != ' ' && text[i] != '/' && text[i] != '\t' && text[i] != '\n') {
    return std::nullopt;
  }
  // Attributes run to the first ']' outside quotes.
  const size_t attributes_start = i;
  char quote = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ']') {
      break;
    } else if (c == '[') {
      return std::nullopt;
    }
    ++i;
  }
  if (i >= text.size()) return std::nullopt;
  std::string_view attributes = text.substr(attributes_start, i - attributes_start);
  while (!attributes.empty() && (attributes.back() == ' ' || attributes.back() == '\t')) {
    attributes.remove_suffix(1);
  }
  if (!attributes.empty() && attributes.back() == '/') {
    tag.self_closing = true;
    attributes.remove_suffix(1);
  }
  tag.attributes = attributes;
  tag.end = i + 1;
  return tag;
}

bool IsCore(std::string_view name) {
  for (const std::string_view core : kCoreShortcodes) {
    if (name == core) return true;
  }
  return false;
}

// Where the [/name] closing `name` begins at or after `from`, or npos.
size_t FindClosing(std::string_view text, std::string_view name, size_t from) {
  const std::string closing = "[/" + std::string(name) + "]";
  return text.find(closing, from);
}

// The value of attribute `name` (quoted or bare) in a tag's attribute text; empty if absent.
std::string AttributeValue(std::string_view attributes, std::string_view name) {
  size_t at = 0;
  while ((at = attributes.find(name, at)) != std::string_view::npos) {
    const bool starts_word = at == 0 || attributes[at - 1] == ' ' || attributes[at - 1] == '\t';
    size_t i = at + name.size();
    if (!starts_word || i >= attributes.size() || attributes[i] != '=') {
      at = i;
      continue;
    }
    ++i;
    if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
      const char quote = attributes[i];
      const size_t end = attributes.find(quote, i + 1);
      return std::string(attributes.substr(
          i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
    }
    const size_t end = attributes.find_first_of(" \t", i);
    return std::string(attributes.substr(i, end == std::string_view::npos ? end : end - i));
  }
  return "";
}

// [caption]'s inner HTML: the image (maybe inside a link) first, then the caption text.
std::string CaptionFigure(std::string_view inner, std::string_view attributes) {
  size_t split = 0;
  const size_t image = inner.find("<img");
  if (image != std::string_view::npos) {
    const size_t image_end = inner.find('>', image);
    split = image_end == std::string_view::npos ? inner.size() : image_end + 1;
    const size_t link_end = inner.find("</a>", split);
    if (link_end != std::string_view::npos &&
        inner.substr(split, link_end - split).find_first_not_of(" \t\n") ==
            std::string_view::npos) {
      split = link_end + 4;
    }
  }
  std::string caption = AttributeValue(attributes, "caption");
  if (caption.empty()) caption = std::string(inner.substr(split));
  return "<figure>" + std::string(inner.substr(0, split)) + "<figcaption>" + caption +
         "</figcaption></figure>";
}

}  // namespace

std::string ExpandShortcodes(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  std::map<std::string, int> removed;  // openers dropped whose closers are still ahead
  size_t i = 0;
  while (i < content.size()) {
    const size_t open = content.find('[', i);
    if (open == std::string_view::npos) {
      out += content.substr(i);
      break;
    }
    out += content.substr(i, open - i);
    // [[name]] shows as [name] on WordPress.
    if (open + 1 < content.size() && content[open + 1] == '[') {
      if (auto tag = ParseTag(content, open + 1);
          tag && tag->end < content.size() && content[tag->end] == ']') {
        out += content.substr(open + 1, tag->end - open - 1);
        i = tag->end + 1;
        continue;
      }
      out += '[';
      i = open + 1;
      continue;
    }
    const std::optional<Tag> tag = ParseTag(content, open);
    if (!tag) {
      out += '[';
      i = open + 1;
      continue;
    }
    if (tag->closing) {
      // The closer of a shortcode whose opener went, or text such as "[/AP]": drop the former.
      if (auto open_tag = removed.find(tag->name);
          open_tag != removed.end() && open_tag->second > 0) {
        --open_tag->second;
        i = tag->end;
        continue;
      }
      if (IsCore(tag->name)) {
        i = tag->end;
        continue;
      }
      out += content.substr(open, tag->end - open);
      i = tag->end;
      continue;
    }
    const size_t closing =
        tag->self_closing ? std::string_view::npos : FindClosing(content, tag->name, tag->end);
    if (tag->name == "caption" || tag->name == "wp_caption") {
      if (closing != std::string_view::npos) {
        out += CaptionFigure(content.substr(tag->end, closing - tag->end), tag->attributes);
        i = closing + tag->name.size() + 3;
        continue;
      }
      i = tag->end;
      continue;
    }
    const bool has_attributes = tag->attributes.find('=') != std::string_view::npos;
    if (IsCore(tag->name) || has_attributes || closing != std::string_view::npos) {
      // The tags go, what they enclose stays (and is read again for nested shortcodes).
      if (closing != std::string_view::npos) ++removed[tag->name];
      i = tag->end;
      continue;
    }
    out += content.substr(open, tag->end - open);
    i = tag->end;
  }
  return out;
}

}  // namespace sinmun::archive
