#include "render/article_view.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/photo_marker.hpp"
#include "render/markdown.hpp"
#include "render/video_link.hpp"
#include "render/view_object.hpp"

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
  return ViewObject({{"text", FormatKst(utc)}, {"iso", FormatIso8601Kst(utc)}});
}

std::string PhotoUrl(const std::string& name, const std::string& format, int width) {
  return "/uploads/" + name + "-" + std::to_string(width) + "." + std::string(Extension(format));
}

nlohmann::json PictureView(const ArticleContentData::Photo& photo, std::string_view sizes,
                           PhotoLoading loading) {
  if (photo.widths.empty()) return nullptr;
  // The middle width is what a browser without srcset gets.
  const int fallback = photo.widths[photo.widths.size() / 2];
  return ViewObject({{"src", PhotoUrl(photo.name, photo.format, fallback)},
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
                     {"priority", loading == PhotoLoading::kPriority}});
}

nlohmann::json KindView(std::string_view kind) {
  nlohmann::json view =
      ViewObject({{"name", kind}, {"paid", kind == "advertisement" || kind == "sponsored"}});
  for (const char* each :
       {"own", "press_release", "contribution", "wire", "advertisement", "sponsored"}) {
    view[each] = kind == each;
  }
  return view;
}

nlohmann::json VideoView(std::string_view video, const nlohmann::json& poster) {
  const std::optional<VideoLink> link = ParseStoredVideo(video);
  if (!link) return nullptr;
  return ViewObject({{"watch_url", WatchAddress(*link)},
                     {"player_url", PlayerAddress(*link, true)},
                     {"youtube", link->host == VideoHost::kYoutube},
                     {"navertv", link->host == VideoHost::kNaverTv},
                     {"poster", poster}});
}

namespace {

// The photo a body's line places, when the line is a marker for one (core/photo_marker.hpp);
// nullptr for any other line and for a number with no photo.
const ArticleContentData::Photo* BodyMarkerPhoto(const ArticleContentData& article,
                                                 std::string_view line) {
  const std::optional<int> n = PhotoMarkerNumber(line);
  if (!n) return nullptr;
  if (*n == 1) return article.photo ? &*article.photo : nullptr;
  const auto further = static_cast<size_t>(*n);
  if (further >= 2 && further - 2 < article.photos.size()) return &article.photos[further - 2];
  return nullptr;
}

}  // namespace

nlohmann::json BodyPartsView(const ArticleContentData& article) {
  nlohmann::json parts = nlohmann::json::array();
  const std::string_view body = article.body_markdown;
  size_t piece = 0;  // where the Markdown not yet rendered starts
  size_t at = 0;
  bool in_code = false;
  const auto flush = [&](size_t end) {
    if (end > piece) {
      parts.push_back(ViewObject(
          {{"html", MarkdownToHtml(body.substr(piece, end - piece))}, {"figure", nullptr}}));
    }
  };
  while (at < body.size()) {
    const size_t newline = body.find('\n', at);
    const size_t end = newline == std::string_view::npos ? body.size() : newline;
    const std::string_view line = body.substr(at, end - at);
    const size_t next = newline == std::string_view::npos ? body.size() : newline + 1;
    if (IsCodeFence(line)) in_code = !in_code;
    const ArticleContentData::Photo* photo = in_code ? nullptr : BodyMarkerPhoto(article, line);
    nlohmann::json figure =
        photo == nullptr ? nullptr : PictureView(*photo, kColumnSizes, PhotoLoading::kLazy);
    if (!figure.is_null()) {
      flush(at);
      parts.push_back(ViewObject({{"html", ""}, {"figure", std::move(figure)}}));
      piece = next;
    }
    at = next;
  }
  flush(body.size());
  return parts;
}

nlohmann::json GalleryView(const ArticleContentData& article) {
  if (!article.gallery) return nullptr;
  std::vector<const ArticleContentData::Photo*> shown;
  if (article.photo) shown.push_back(&*article.photo);
  for (const ArticleContentData::Photo& photo : article.photos) shown.push_back(&photo);
  nlohmann::json photos = nlohmann::json::array();
  for (const ArticleContentData::Photo* photo : shown) {
    const PhotoLoading loading = photos.empty() ? PhotoLoading::kPriority : PhotoLoading::kLazy;
    nlohmann::json picture = PictureView(*photo, kColumnSizes, loading);
    if (picture.is_null()) continue;
    const size_t number = photos.size() + 1;
    picture["number"] = number;
    picture["anchor"] = "photo-" + std::to_string(number);
    photos.push_back(std::move(picture));
  }
  if (photos.empty()) return nullptr;
  for (nlohmann::json& photo : photos) photo["total"] = photos.size();
  const size_t count = photos.size();
  return ViewObject({{"count", count}, {"photos", std::move(photos)}});
}

nlohmann::json ArticleContentView(const ArticleContentData& article) {
  nlohmann::json bylines = nlohmann::json::array();
  for (const ArticleContentData::Byline& byline : article.bylines) {
    bylines.push_back(ViewObject(
        {{"id", byline.id}, {"name", byline.name}, {"email", byline.email}, {"url", byline.url}}));
  }
  nlohmann::json photo =
      article.photo ? PictureView(*article.photo, kColumnSizes, PhotoLoading::kPriority) : nullptr;
  nlohmann::json video = VideoView(article.video, photo);
  nlohmann::json gallery = GalleryView(article);
  return ViewObject(
      {{"id", article.id},
       {"url", article.url},
       {"section", ViewObject({{"name", article.section.name},
                               {"slug", article.section_slug},
                               {"url", article.section.url},
                               {"current", false}})},
       {"headline", article.headline},
       {"subheadlines", article.subheadlines},
       {"has_subheadlines", !article.subheadlines.empty()},
       {"bylines", std::move(bylines)},
       {"registered", TimeView(article.registered_at)},
       {"modified", article.modified_at ? TimeView(*article.modified_at) : nullptr},
       {"body_parts", BodyPartsView(article)},
       {"tags", article.tags},
       {"has_tags", !article.tags.empty()},
       {"correction",
        article.correction.empty() ? nlohmann::json(nullptr) : nlohmann::json(article.correction)},
       {"photo", std::move(photo)},
       {"kind", KindView(article.kind)},
       {"video", std::move(video)},
       {"gallery", std::move(gallery)}});
}

}  // namespace sinmun::render
