#pragma once
// A WordPress post body (HTML as stored: classic editor text with blank-line paragraphs, or
// Gutenberg block markup) as a sinmun article body (Markdown, rendered with raw HTML off).
//
// What survives: paragraphs, headings (h1 becomes h2: the headline is the page's h1), lists,
// links (http, https, mailto, tel and relative only), bold, italic, strikethrough, code,
// quotes, tables (GFM; the first row is the header) and images. A figure (and a [caption]
// shortcode) becomes its images followed, after a line break, by the caption in italics:
// the body has no figure element, and this is what the page can show. Everything else is
// unwrapped to its text; comments (Gutenberg's block markers too) are dropped, and so are
// script, style, iframe, object, embed, form elements and whatever they hold. No attribute
// survives at all, so on* handlers cannot. Shortcodes: see ExpandShortcodes.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::archive {

struct ConvertedBody {
  std::string markdown;
  std::vector<std::string> images;  // image addresses as written in the HTML, each once
};

// Maps an image address of the old site to the one the article should show (the photo
// pipeline's copy); an empty answer keeps the address as it was.
using ImageRewriter = std::function<std::string(std::string_view url)>;

// WordPress's shortcodes in a body: [caption …]<img …> text[/caption] becomes
// <figure><img …><figcaption>text</figcaption></figure>; any other shortcode loses its
// tags and keeps what it encloses. What counts as a shortcode: WordPress's own (caption,
// wp_caption, gallery, embed, audio, video, playlist), a tag with attributes ([name a="b"]),
// or a [name]…[/name] pair. A lone bracketed word such as [속보] or [AP] stays text, as it
// did on the old site. [[name]] is WordPress's escape: it shows as [name].
std::string ExpandShortcodes(std::string_view content);

// The body's Markdown. Classic-editor bodies (no Gutenberg block markers) get WordPress's
// wpautop reading: a blank line separates paragraphs and a single newline is a line break.
ConvertedBody HtmlToMarkdown(std::string_view html, const ImageRewriter& rewrite_image = {});

// ExpandShortcodes, then HtmlToMarkdown: what the importer applies to <content:encoded>.
ConvertedBody WordPressBodyToMarkdown(std::string_view content,
                                      const ImageRewriter& rewrite_image = {});

}  // namespace sinmun::archive
