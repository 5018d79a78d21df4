#include "site/structured_data.hpp"

#include "core/time.hpp"
#include "render/article_view.hpp"
#include "render/picture.hpp"
#include "render/video_link.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

// The lead photo as an ImageObject (its largest variant, absolute, with its size, caption and
// credit); null when the article has none.
nlohmann::json LeadImage(const store::Article& article, std::string_view origin) {
  if (!article.photo || article.photo->widths.empty()) return nullptr;
  const store::LeadPhoto& photo = *article.photo;
  nlohmann::json image = {{"@type", "ImageObject"},
                          {"url", std::string(origin) + render::PhotoUrl(photo.name, photo.format,
                                                                         photo.widths.back())},
                          {"width", photo.width},
                          {"height", photo.height}};
  if (!photo.caption.empty()) image["caption"] = photo.caption;
  if (!photo.credit.empty()) image["creditText"] = photo.credit;
  return image;
}

// The article's video as a VideoObject: its own page and player addresses, with the lead
// photo (or the paper's logo) as the thumbnail, since the page never fetches the host's one;
// null when the article has none.
nlohmann::json ArticleVideoObject(const store::Article& article, std::string_view description,
                                  const nlohmann::json& image, const PageOrigin& where) {
  const std::optional<render::VideoLink> video = render::ParseStoredVideo(article.video);
  if (!video) return nullptr;
  return {{"@type", "VideoObject"},
          {"name", article.headline},
          {"description", description},
          {"uploadDate", FormatIso8601Kst(article.registered_at)},
          {"thumbnailUrl", image.is_null() ? where.logo_url : image["url"].get<std::string>()},
          {"url", render::WatchAddress(*video)},
          {"embedUrl", render::PlayerAddress(*video, false)}};
}

std::string_view OriginOf(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  return path == std::string_view::npos ? url : url.substr(0, path);
}

}  // namespace

nlohmann::json NewsArticleJsonLd(const store::Article& article, std::string_view description,
                                 const Config& config, const PageOrigin& where) {
  const std::string url = where.origin + ArticlePath(article.id);
  nlohmann::json authors = nlohmann::json::array();
  for (const store::Byline& byline : article.bylines) {
    authors.push_back({{"@type", "Person"},
                       {"name", byline.name},
                       {"url", where.origin + ReporterPath(byline.id)}});
  }
  nlohmann::json json = {
      {"@context", "https://schema.org"},
      {"@type", store::IsPaid(article.kind) ? "AdvertiserContentArticle" : "NewsArticle"},
      {"headline", article.headline},
      {"description", description},
      {"url", url},
      {"mainEntityOfPage", {{"@type", "WebPage"}, {"@id", url}}},
      {"datePublished", FormatIso8601Kst(article.registered_at)},
      {"dateModified", FormatIso8601Kst(article.modified_at.value_or(article.registered_at))},
      {"author", std::move(authors)},
      {"publisher",
       {{"@type", "Organization"},
        {"name", config.paper.name},
        {"url", where.origin + "/"},
        {"logo", {{"@type", "ImageObject"}, {"url", where.logo_url}}}}},
      {"articleSection", article.section.name},
      {"inLanguage", config.language}};
  nlohmann::json image = LeadImage(article, where.origin);
  if (nlohmann::json video = ArticleVideoObject(article, description, image, where);
      !video.is_null()) {
    json["video"] = std::move(video);
  }
  if (!image.is_null()) json["image"] = nlohmann::json::array({std::move(image)});
  return json;
}

nlohmann::json ListPageJsonLd(std::string_view type, std::string_view name, std::string_view url,
                              const std::vector<const store::ArticleSummary*>& items,
                              std::string_view origin) {
  nlohmann::json elements = nlohmann::json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    elements.push_back({{"@type", "ListItem"},
                        {"position", i + 1},
                        {"url", std::string(origin) + ArticlePath(items[i]->id)},
                        {"name", items[i]->headline}});
  }
  return {{"@context", "https://schema.org"},
          {"@type", type},
          {"name", name},
          {"url", url},
          {"mainEntity", {{"@type", "ItemList"}, {"itemListElement", std::move(elements)}}}};
}

nlohmann::json ArticleOpenGraph(const store::Article& article, std::string_view description,
                                const Config& config, std::string_view url, bool social_image) {
  const auto tag = [](std::string_view key, std::string_view name, std::string_view content) {
    return nlohmann::json{{key, name}, {"content", content}};
  };
  nlohmann::json properties = {
      tag("property", "og:type", "article"),
      tag("property", "og:title", article.headline),
      tag("property", "og:description", description),
      tag("property", "og:url", url),
      tag("property", "og:site_name", config.paper.name),
      tag("property", "og:locale", config.language == "ko" ? "ko_KR" : "en_US"),
      tag("property", "article:published_time", FormatIso8601Kst(article.registered_at)),
      tag("property", "article:modified_time",
          FormatIso8601Kst(article.modified_at.value_or(article.registered_at))),
      tag("property", "article:section", article.section.name)};
  const nlohmann::json lead = LeadImage(article, OriginOf(url));
  const std::string image = lead.is_null() ? "" : lead["url"].get<std::string>();
  nlohmann::json names = {
      tag("name", "twitter:card", image.empty() ? "summary" : "summary_large_image"),
      tag("name", "twitter:title", article.headline),
      tag("name", "twitter:description", description)};
  if (!image.empty()) {
    const bool social = social_image && article.photo;
    const std::string shown =
        social ? std::string(OriginOf(url)) + render::SocialImageUrl(article.photo->name) : image;
    const int width = social ? render::kSocialImageWidth : lead["width"].get<int>();
    const int height = social ? render::kSocialImageHeight : lead["height"].get<int>();
    properties.push_back(tag("property", "og:image", shown));
    properties.push_back(tag("property", "og:image:width", std::to_string(width)));
    properties.push_back(tag("property", "og:image:height", std::to_string(height)));
    if (!article.photo->caption.empty()) {
      properties.push_back(tag("property", "og:image:alt", article.photo->caption));
    }
    names.push_back(tag("name", "twitter:image", shown));
  }
  return {{"properties", std::move(properties)}, {"names", std::move(names)}};
}

std::string ScriptSafeJson(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::size_t first = text.find_first_of("<>&");
  if (first == std::string::npos) return text;  // most documents: nothing to replace
  std::string out;
  out.reserve(text.size() + 16);
  // The runs between the characters replaced are appended whole.
  std::size_t run = 0;
  for (std::size_t at = first; at != std::string::npos; at = text.find_first_of("<>&", at + 1)) {
    out.append(text, run, at - run);
    out += text[at] == '<' ? "\\u003c" : text[at] == '>' ? "\\u003e" : "\\u0026";
    run = at + 1;
  }
  out.append(text, run);
  return out;
}

}  // namespace sinmun::site
