#pragma once
// Private to site/: what search engines and link previews read from a page's <head>:
// schema.org JSON-LD, Open Graph and Twitter card tags. Plain functions over store records.
// The JSON-LD is written as text by one writer that escapes every string it is given (never
// by pasting values into text): built as JSON values and dumped, it was 6.6 % of an article
// miss's CPU (issue #14). The preview tags are written as HTML text in the same way.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "store/records.hpp"

namespace sinmun::site {

// Absolute addresses the structured data refers to.
struct PageOrigin {
  std::string origin;    // "http://host:port", no trailing slash
  std::string logo_url;  // absolute URL of the paper's logo
};

// The series an article is an episode of, as its JSON-LD names it (isPartOf, position).
struct SeriesPlace {
  std::string name;
  std::string url;  // absolute
  int episode = 0;
};

// A published correction, as its article's JSON-LD lists it (a CorrectionComment).
struct CorrectionNote {
  std::string text;
  std::string published_iso;  // KST, ISO 8601
  std::string url;            // absolute: the corrections page at its entry
};

// schema.org NewsArticle as JSON-LD text (safe inside the script element: core/json_string.hpp):
// headline, description, dates, authors (Person with url), publisher (Organization with logo),
// mainEntityOfPage, articleSection, image (an ImageObject of the lead photo's largest variant with
// width, height, caption and creditText) when it has one, its video, its series and its published
// corrections. Members are in the order of their names, as a JSON object's dump has them.
std::string NewsArticleJsonLd(const store::Article& article, std::string_view description,
                              const Config& config, const PageOrigin& where,
                              const std::optional<SeriesPlace>& series,
                              const std::vector<CorrectionNote>& corrections);
// schema.org WebPage (or `type`, e.g. CollectionPage) whose mainEntity is an ItemList of the
// articles the page lists, in order, as JSON-LD text.
std::string ListPageJsonLd(std::string_view type, std::string_view name, std::string_view url,
                           const std::vector<const store::ArticleSummary*>& items,
                           std::string_view origin);

// The Open Graph (og:*, article:*) and Twitter card <meta> tags of an article page, as HTML
// (one tag a line, values escaped): og:image with its width, height and alt text and a
// large-image card when the article has a lead photo: its 1200 x 630 social image when
// `social_image` (the pipeline wrote one), else its largest width. `url` is the page's
// absolute address. Written as text like the JSON-LD: 14 small JSON objects walked by the
// layout's template were 4-5 % of an article miss's instructions (issue #14).
std::string ArticlePreviewTagsHtml(const store::Article& article, std::string_view description,
                                   const Config& config, std::string_view url, bool social_image);

}  // namespace sinmun::site
