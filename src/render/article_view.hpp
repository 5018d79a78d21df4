#pragma once
// The view model of an article's head and body (templates/partials/article_head), shared by
// the public article and print pages (site/) and the newsroom's preview (newsroom/), so that a
// preview shows the article exactly as readers will see it. Plain input, no store records:
// render/ depends on core only, so callers fill ArticleContentData from what they have.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace sinmun::render {

struct ArticleContentData {
  struct Link {
    std::string name;
    std::string url;
  };
  struct Byline {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::string url;
  };
  struct Photo {
    std::string name;         // file stem under /uploads/
    std::string format;       // "jpeg", "png" or "webp"
    std::vector<int> widths;  // ascending
    int width = 0;            // of the largest variant
    int height = 0;
    bool webp = false;  // WebP files in the same widths beside those in `format`
    std::string caption;
    std::string credit;
  };
  std::int64_t id = 0;
  std::string url;  // the article's own path
  Link section;     // name and url of its section
  std::string section_slug;
  std::string headline;
  std::vector<std::string> subheadlines;
  std::vector<Byline> bylines;
  Timestamp registered_at = 0;
  std::optional<Timestamp> modified_at;
  std::string body_markdown;
  std::vector<std::string> tags;
  std::string correction;
  std::optional<Photo> photo;
  std::string kind = "own";   // store::ArticleKindName: the label templates show (issue #18)
  std::string video;          // the stored form of render/video_link.hpp; "" for none
  std::vector<Photo> photos;  // the further photos after the lead (사진 2, 3, …), in order
  bool gallery = false;       // 포토뉴스: the lead photo and `photos` shown as a gallery
};

// {"name": kind, "paid": bool, "own" … "sponsored": whether it is that kind} for an article
// kind's name ("own", "advertisement" …): templates label {{#kind.paid}} articles.
nlohmann::json KindView(std::string_view kind);

// {"text": "2017-08-01 13:13", "iso": "2017-08-01T13:13:00+09:00"} (KST).
nlohmann::json TimeView(Timestamp utc);

// "/uploads/<name>-<width>.<ext>" for one variant of an uploaded photo.
std::string PhotoUrl(const std::string& name, const std::string& format, int width);

// How a photo is fetched where it appears: below the fold it waits until it is near the
// viewport; the page's main image is asked for first.
enum class PhotoLoading { kEager, kLazy, kPriority };

// The `sizes` of a photo as wide as the article column: the whole screen below 760 px.
inline constexpr std::string_view kColumnSizes = "(max-width: 760px) 100vw, 760px";

// A photo as templates/partials/picture shows it (a <picture> with a WebP srcset when there
// is one, and the fallback's srcset on the <img>): {"src", "srcset", "has_webp",
// "webp_srcset", "sizes", "width", "height", "alt", "caption", "credit", "has_credit", "lazy",
// "priority"}; null when the photo has no widths. `sizes` is the `sizes` attribute: how wide
// the layout shows it.
nlohmann::json PictureView(const ArticleContentData::Photo& photo, std::string_view sizes,
                           PhotoLoading loading);

// {"id", "url", "section": {"name", "slug", "url", "current"}, "headline", "subheadlines",
//  "has_subheadlines", "bylines": [{"id", "name", "email", "url"}], "registered", "modified"
//  (or null), "body_parts" (BodyPartsView), "tags": [..], "has_tags", "correction" (or null),
//  "photo": PictureView at the column's width, fetched first, or null,
//  "kind": {"name", "<name>": true, "paid": 광고 or 협찬},
//  "video": VideoView or null, "gallery": GalleryView or null (then no separate lead photo)}
nlohmann::json ArticleContentView(const ArticleContentData& article);

// The body as rendered, in pieces: [{"html": sanitized HTML, "figure": null} or {"html": "",
// "figure": PictureView}]. A line "[사진 N]" alone (the lead photo is 사진 1, the further
// photos 사진 2, 3, …) places that photo there as a figure with its caption and credit; the
// Markdown around it is rendered piece by piece. A marker for a photo the article does not
// have, or inside a fenced code block, stays text: never an error.
nlohmann::json BodyPartsView(const ArticleContentData& article);

// A 포토뉴스 gallery (templates/partials/gallery): the lead photo, when there is one, then the
// further photos: {"count", "photos": [PictureView + {"number" (1-based), "total", "anchor"
// ("photo-<number>")}]}, the first fetched first and the others lazily; null when the article
// is not a gallery or has no photo to show.
nlohmann::json GalleryView(const ArticleContentData& article);

// The video placeholder of an article (templates/partials/video): {"watch_url", "player_url",
// "youtube" / "navertv": the host, "poster": the lead photo's PictureView or null (then the
// page draws its own poster: no picture is fetched from the video's host)}; null when `video`
// is not a stored video.
nlohmann::json VideoView(std::string_view video, const nlohmann::json& poster);

}  // namespace sinmun::render
