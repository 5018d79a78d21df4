#include "render/article_view.hpp"

#include <nlohmann/json.hpp>

#include "render/markdown.hpp"

namespace sinmun::render {
namespace {

std::string_view Extension(const std::string& format) {
  if (format == "png") return "png";
  if (format == "webp") return "webp";
  return "jpg";
}

nlohmann::json PhotoView(const ArticleContentData::Photo& photo) {
  if (photo.widths.empty()) return nullptr;
  std::string srcset;
  for (const int width : photo.widths) {
    if (!srcset.empty()) srcset += ", ";
    srcset += PhotoUrl(photo.name, photo.format, width) + " " + std::to_string(width) + "w";
  }
  // The middle width is what a phone or a narrow column asks for by default.
  const int fallback = photo.widths[photo.widths.size() / 2];
  return {{"src", PhotoUrl(photo.name, photo.format, fallback)},
          {"srcset", std::move(srcset)},
          {"width", photo.width},
          {"height", photo.height},
          {"caption", photo.caption},
          {"credit", photo.credit},
          {"alt", photo.caption}};
}

}  // namespace

nlohmann::json TimeView(Timestamp utc) {
  return {{"text", FormatKst(utc)}, {"iso", FormatIso8601Kst(utc)}};
}

std::string PhotoUrl(const std::string& name, const std::string& format, int width) {
  return "/uploads/" + name + "-" + std::to_string(width) + "." + std::string(Extension(format));
}

nlohmann::json KindView(std::string_view kind) {
  nlohmann::json view = {{"name", kind}, {"paid", kind == "advertisement" || kind == "sponsored"}};
  for (const char* each :
       {"own", "press_release", "contribution", "wire", "advertisement", "sponsored"}) {
    view[each] = kind == each;
  }
  return view;
}

nlohmann::json ArticleContentView(const ArticleContentData& article) {
  nlohmann::json bylines = nlohmann::json::array();
  for (const ArticleContentData::Byline& byline : article.bylines) {
    bylines.push_back(
        {{"id", byline.id}, {"name", byline.name}, {"email", byline.email}, {"url", byline.url}});
  }
  return {{"id", article.id},
          {"url", article.url},
          {"section",
           {{"name", article.section.name},
            {"slug", article.section_slug},
            {"url", article.section.url},
            {"current", false}}},
          {"headline", article.headline},
          {"subheadlines", article.subheadlines},
          {"has_subheadlines", !article.subheadlines.empty()},
          {"bylines", std::move(bylines)},
          {"registered", TimeView(article.registered_at)},
          {"modified", article.modified_at ? TimeView(*article.modified_at) : nullptr},
          {"body_html", MarkdownToHtml(article.body_markdown)},
          {"tags", article.tags},
          {"has_tags", !article.tags.empty()},
          {"correction", article.correction.empty() ? nlohmann::json(nullptr)
                                                    : nlohmann::json(article.correction)},
          {"photo", article.photo ? PhotoView(*article.photo) : nullptr},
          {"kind", KindView(article.kind)}};
}

}  // namespace sinmun::render
