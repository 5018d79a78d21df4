#pragma once
// Private to site/: what search engines and link previews read from a page's <head>:
// schema.org JSON-LD, Open Graph and Twitter card tags. Plain functions over store records,
// built as JSON values (never by string concatenation), like the other view models.

#include <nlohmann/json.hpp>
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

// schema.org NewsArticle: headline, description, dates, authors (Person with url), publisher
// (Organization with logo), mainEntityOfPage, articleSection, and image (an ImageObject of the
// lead photo's largest variant with width, height, caption and creditText) when it has one.
nlohmann::json NewsArticleJsonLd(const store::Article& article, std::string_view description,
                                 const Config& config, const PageOrigin& where);
// schema.org WebPage (or `type`, e.g. CollectionPage) whose mainEntity is an ItemList of the
// articles the page lists, in order.
nlohmann::json ListPageJsonLd(std::string_view type, std::string_view name, std::string_view url,
                              const std::vector<const store::ArticleSummary*>& items,
                              std::string_view origin);

// {"properties": [{"property", "content"}…], "names": [{"name", "content"}…]}: Open Graph
// (og:*, article:*) and Twitter card tags of an article page; og:image with its width, height
// and alt text and a large-image card when the article has a lead photo: its 1200 x 630
// social image when `social_image` (the pipeline wrote one), else its largest width. `url` is
// the page's absolute address.
nlohmann::json ArticleOpenGraph(const store::Article& article, std::string_view description,
                                const Config& config, std::string_view url, bool social_image);

// `value` as JSON text that is safe inside <script type="application/ld+json">: '<', '>' and
// '&' (which JSON allows only inside strings) become \u003c, \u003e and \u0026, so a
// headline holding "</script>" or "<!--" cannot end the element. Invalid UTF-8 is replaced.
std::string ScriptSafeJson(const nlohmann::json& value);

}  // namespace sinmun::site
