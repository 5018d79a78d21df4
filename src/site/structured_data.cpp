#include "site/structured_data.hpp"

#include "core/json_string.hpp"
#include "core/time.hpp"
#include "render/article_view.hpp"
#include "render/html_escape.hpp"
#include "render/picture.hpp"
#include "render/video_link.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

// JSON written as text: objects, arrays, strings and integers, with the commas between members
// and elements placed by the writer. Every string, names included, goes through
// AppendJsonString, which makes it safe inside the script element too.
class JsonLdWriter {
 public:
  JsonLdWriter() { out_.reserve(2048); }

  void BeginObject() {
    BeforeValue();
    out_ += '{';
    first_.push_back(true);
  }
  void EndObject() {
    out_ += '}';
    first_.pop_back();
  }
  void BeginArray() {
    BeforeValue();
    out_ += '[';
    first_.push_back(true);
  }
  void EndArray() {
    out_ += ']';
    first_.pop_back();
  }
  // The name of the object member whose value is written next.
  void Key(std::string_view key) {
    BeforeValue();
    AppendJsonString(out_, key);
    out_ += ':';
    keyed_ = true;
  }
  void String(std::string_view value) {
    BeforeValue();
    AppendJsonString(out_, value);
  }
  void Integer(long long value) {
    BeforeValue();
    out_ += std::to_string(value);
  }
  void Member(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Member(std::string_view key, long long value) {
    Key(key);
    Integer(value);
  }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue() {
    if (keyed_) {
      keyed_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }

  std::string out_;
  std::vector<bool> first_;  // per open object or array: nothing written in it yet
  bool keyed_ = false;       // a member's name was written: its value takes no comma
};

// The lead photo as search engines and link previews are shown it: its largest variant.
struct LeadImage {
  std::string url;  // absolute
  int width = 0;
  int height = 0;
};

std::optional<LeadImage> LeadImageOf(const store::Article& article, std::string_view origin) {
  if (!article.photo || article.photo->widths.empty()) return std::nullopt;
  const store::LeadPhoto& photo = *article.photo;
  return LeadImage{
      .url = std::string(origin) + render::PhotoUrl(photo.name, photo.format, photo.widths.back()),
      .width = photo.width,
      .height = photo.height};
}

// The lead photo as an ImageObject, with its size, caption and credit.
void WriteImageObject(JsonLdWriter& json, const LeadImage& image, const store::LeadPhoto& photo) {
  json.BeginObject();
  json.Member("@type", "ImageObject");
  if (!photo.caption.empty()) json.Member("caption", photo.caption);
  if (!photo.credit.empty()) json.Member("creditText", photo.credit);
  json.Member("height", image.height);
  json.Member("url", image.url);
  json.Member("width", image.width);
  json.EndObject();
}

// The article's video as a VideoObject: its own page and player addresses, with the lead
// photo (or the paper's logo) as the thumbnail, since the page never fetches the host's one.
void WriteVideoObject(JsonLdWriter& json, const store::Article& article,
                      const render::VideoLink& video, std::string_view description,
                      std::string_view thumbnail) {
  json.BeginObject();
  json.Member("@type", "VideoObject");
  json.Member("description", description);
  json.Member("embedUrl", render::PlayerAddress(video, false));
  json.Member("name", article.headline);
  json.Member("thumbnailUrl", thumbnail);
  json.Member("uploadDate", FormatIso8601Kst(article.registered_at));
  json.Member("url", render::WatchAddress(video));
  json.EndObject();
}

std::string_view OriginOf(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  return path == std::string_view::npos ? url : url.substr(0, path);
}

}  // namespace

std::string NewsArticleJsonLd(const store::Article& article, std::string_view description,
                              const Config& config, const PageOrigin& where,
                              const std::optional<SeriesPlace>& series,
                              const std::vector<CorrectionNote>& corrections) {
  const std::string url = where.origin + ArticlePath(article.id);
  const std::optional<LeadImage> image = LeadImageOf(article, where.origin);
  const std::optional<render::VideoLink> video = render::ParseStoredVideo(article.video);
  JsonLdWriter json;
  json.BeginObject();
  json.Member("@context", "https://schema.org");
  json.Member("@type", store::IsPaid(article.kind) ? "AdvertiserContentArticle" : "NewsArticle");
  json.Member("articleSection", article.section.name);
  json.Key("author");
  json.BeginArray();
  for (const store::Byline& byline : article.bylines) {
    json.BeginObject();
    json.Member("@type", "Person");
    json.Member("name", byline.name);
    json.Member("url", where.origin + ReporterPath(byline.id));
    json.EndObject();
  }
  json.EndArray();
  if (!corrections.empty()) {
    json.Key("correction");
    json.BeginArray();
    for (const CorrectionNote& correction : corrections) {
      json.BeginObject();
      json.Member("@type", "CorrectionComment");
      json.Member("datePublished", correction.published_iso);
      json.Member("text", correction.text);
      json.Member("url", correction.url);
      json.EndObject();
    }
    json.EndArray();
  }
  json.Member("dateModified",
              FormatIso8601Kst(article.modified_at.value_or(article.registered_at)));
  json.Member("datePublished", FormatIso8601Kst(article.registered_at));
  json.Member("description", description);
  json.Member("headline", article.headline);
  if (image) {
    json.Key("image");
    json.BeginArray();
    WriteImageObject(json, *image, *article.photo);
    json.EndArray();
  }
  json.Member("inLanguage", config.language);
  if (series) {
    json.Key("isPartOf");
    json.BeginObject();
    json.Member("@type", "CreativeWorkSeries");
    json.Member("name", series->name);
    json.Member("url", series->url);
    json.EndObject();
  }
  json.Key("mainEntityOfPage");
  json.BeginObject();
  json.Member("@id", url);
  json.Member("@type", "WebPage");
  json.EndObject();
  if (series) json.Member("position", series->episode);
  json.Key("publisher");
  json.BeginObject();
  json.Member("@type", "Organization");
  json.Key("logo");
  json.BeginObject();
  json.Member("@type", "ImageObject");
  json.Member("url", where.logo_url);
  json.EndObject();
  json.Member("name", config.paper.name);
  json.Member("url", where.origin + "/");
  json.EndObject();
  json.Member("url", url);
  if (video) {
    json.Key("video");
    WriteVideoObject(json, article, *video, description, image ? image->url : where.logo_url);
  }
  json.EndObject();
  return json.Take();
}

std::string ListPageJsonLd(std::string_view type, std::string_view name, std::string_view url,
                           const std::vector<const store::ArticleSummary*>& items,
                           std::string_view origin) {
  JsonLdWriter json;
  json.BeginObject();
  json.Member("@context", "https://schema.org");
  json.Member("@type", type);
  json.Key("mainEntity");
  json.BeginObject();
  json.Member("@type", "ItemList");
  json.Key("itemListElement");
  json.BeginArray();
  for (size_t i = 0; i < items.size(); ++i) {
    json.BeginObject();
    json.Member("@type", "ListItem");
    json.Member("name", items[i]->headline);
    json.Member("position", static_cast<long long>(i + 1));
    json.Member("url", std::string(origin) + ArticlePath(items[i]->id));
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  json.Member("name", name);
  json.Member("url", url);
  json.EndObject();
  return json.Take();
}

std::string ArticlePreviewTagsHtml(const store::Article& article, std::string_view description,
                                   const Config& config, std::string_view url, bool social_image) {
  std::string html;
  html.reserve(2048);
  const auto tag = [&html](std::string_view key, std::string_view name, std::string_view content) {
    if (!html.empty()) html += '\n';
    html += "<meta ";
    html += key;
    html += "=\"";
    html += name;
    html += "\" content=\"";
    render::AppendHtmlEscaped(html, content);
    html += "\">";
  };
  tag("property", "og:type", "article");
  tag("property", "og:title", article.headline);
  tag("property", "og:description", description);
  tag("property", "og:url", url);
  tag("property", "og:site_name", config.paper.name);
  tag("property", "og:locale", config.language == "ko" ? "ko_KR" : "en_US");
  tag("property", "article:published_time", FormatIso8601Kst(article.registered_at));
  tag("property", "article:modified_time",
      FormatIso8601Kst(article.modified_at.value_or(article.registered_at)));
  tag("property", "article:section", article.section.name);
  const std::optional<LeadImage> lead = LeadImageOf(article, OriginOf(url));
  std::string shown;
  if (lead) {
    const bool social = social_image && article.photo;
    shown = social ? std::string(OriginOf(url)) + render::SocialImageUrl(article.photo->name)
                   : lead->url;
    const int width = social ? render::kSocialImageWidth : lead->width;
    const int height = social ? render::kSocialImageHeight : lead->height;
    tag("property", "og:image", shown);
    tag("property", "og:image:width", std::to_string(width));
    tag("property", "og:image:height", std::to_string(height));
    if (!article.photo->caption.empty()) tag("property", "og:image:alt", article.photo->caption);
  }
  tag("name", "twitter:card", lead ? "summary_large_image" : "summary");
  tag("name", "twitter:title", article.headline);
  tag("name", "twitter:description", description);
  if (lead) tag("name", "twitter:image", shown);
  return html;
}

}  // namespace sinmun::site
