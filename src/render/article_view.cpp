#include "render/article_view.hpp"

#include <nlohmann/json.hpp>

#include "render/markdown.hpp"
#include "render/video_link.hpp"

namespace sinmun::render {
namespace {

std::string_view Extension(const std::string& format) {
  if (format == "png") return "png";
  if (format == "webp") return "webp";
  return "jpg";
}

// "<url> 400w, <url> 800w, …" of the variants in `format`.
std::string SrcsetOf(const ArticleContentData::Photo& photo, const std::string& format) {
  std::string srcset;
  for (const int width : photo.widths) {
    if (!srcset.empty()) srcset += ", ";
    srcset += PhotoUrl(photo.name, format, width) + " " + std::to_string(width) + "w";
  }
  return srcset;
}

}  // namespace

nlohmann::json TimeView(Timestamp utc) {
  return {{"text", FormatKst(utc)}, {"iso", FormatIso8601Kst(utc)}};
}

std::string PhotoUrl(const std::string& name, const std::string& format, int width) {
  return "/uploads/" + name + "-" + std::to_string(width) + "." + std::string(Extension(format));
}

nlohmann::json PictureView(const ArticleContentData::Photo& photo, std::string_view sizes,
                           PhotoLoading loading) {
  if (photo.widths.empty()) return nullptr;
  // The middle width is what a browser without srcset gets.
  const int fallback = photo.widths[photo.widths.size() / 2];
  return {{"src", PhotoUrl(photo.name, photo.format, fallback)},
          {"srcset", SrcsetOf(photo, photo.format)},
          {"has_webp", photo.webp && photo.format != "webp"},
          {"webp_srcset", photo.webp ? SrcsetOf(photo, "webp") : ""},
          {"sizes", sizes},
          {"width", photo.width},
          {"height", photo.height},
          {"alt", photo.caption},
          {"caption", photo.caption},
          {"credit", photo.credit},
          {"has_credit", !photo.credit.empty()},
          {"lazy", loading == PhotoLoading::kLazy},
          {"priority", loading == PhotoLoading::kPriority}};
}

nlohmann::json KindView(std::string_view kind) {
  nlohmann::json view = {{"name", kind}, {"paid", kind == "advertisement" || kind == "sponsored"}};
  for (const char* each :
       {"own", "press_release", "contribution", "wire", "advertisement", "sponsored"}) {
    view[each] = kind == each;
  }
  return view;
}

nlohmann::json VideoView(std::string_view video, const nlohmann::json& poster) {
  const std::optional<VideoLink> link = ParseStoredVideo(video);
  if (!link) return nullptr;
  return {{"watch_url", WatchAddress(*link)},
          {"player_url", PlayerAddress(*link, true)},
          {"youtube", link->host == VideoHost::kYoutube},
          {"navertv", link->host == VideoHost::kNaverTv},
          {"poster", poster}};
}

nlohmann::json ArticleContentView(const ArticleContentData& article) {
  nlohmann::json bylines = nlohmann::json::array();
  for (const ArticleContentData::Byline& byline : article.bylines) {
    bylines.push_back(
        {{"id", byline.id}, {"name", byline.name}, {"email", byline.email}, {"url", byline.url}});
  }
  nlohmann::json photo =
      article.photo ? PictureView(*article.photo, kColumnSizes, PhotoLoading::kPriority) : nullptr;
  nlohmann::json video = VideoView(article.video, photo);
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
          {"photo", std::move(photo)},
          {"kind", KindView(article.kind)},
          {"video", std::move(video)}};
}

}  // namespace sinmun::render
