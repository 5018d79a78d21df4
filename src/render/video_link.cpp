#include "render/video_link.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace sinmun::render {
namespace {

constexpr std::string_view kYoutubePrefix = "youtube:";
constexpr std::string_view kNaverTvPrefix = "navertv:";
constexpr size_t kYoutubeIdLength = 11;
constexpr size_t kMaxNaverTvIdLength = 12;

bool IsYoutubeId(std::string_view id) {
  return id.size() == kYoutubeIdLength && std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
         });
}

bool IsNaverTvId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxNaverTvIdLength &&
         std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool StripVideoPrefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// The path segment after `prefix` up to the next '/', '?', '#' or '&'.
std::optional<std::string_view> VideoPathSegmentAfter(std::string_view path,
                                                      std::string_view prefix) {
  if (!StripVideoPrefix(path, prefix)) return std::nullopt;
  return path.substr(0, path.find_first_of("/?#&"));
}

// The value of `name` in a query string ("a=1&v=ID").
std::optional<std::string_view> VideoQueryValue(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    if (StripVideoPrefix(pair, name) && StripVideoPrefix(pair, "=")) return pair;
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::optional<VideoLink> YoutubeLink(std::optional<std::string_view> id) {
  if (!id || !IsYoutubeId(*id)) return std::nullopt;
  return VideoLink{.host = VideoHost::kYoutube, .id = std::string(*id)};
}

std::optional<VideoLink> NaverTvLink(std::optional<std::string_view> id) {
  if (!id || !IsNaverTvId(*id)) return std::nullopt;
  return VideoLink{.host = VideoHost::kNaverTv, .id = std::string(*id)};
}

}  // namespace

std::optional<VideoLink> ParseVideoAddress(std::string_view address) {
  const std::string trimmed = TrimSpace(address);
  std::string_view rest = trimmed;
  // Scheme and host are case-blind; the path (where the id is) is not.
  const size_t scheme = rest.find("://");
  const size_t slash = rest.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (slash == std::string_view::npos) return std::nullopt;
  std::string host(rest.substr(0, slash));
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view host_only = host;
  if (!StripVideoPrefix(host_only, "https://")) StripVideoPrefix(host_only, "http://");
  host = std::string(host_only);
  const std::string_view path = rest.substr(slash);  // from the '/'
  if (host == "youtu.be") return YoutubeLink(VideoPathSegmentAfter(path, "/"));
  if (host == "youtube.com" || host == "www.youtube.com" || host == "m.youtube.com" ||
      host == "music.youtube.com") {
    if (path.starts_with("/watch?")) {
      std::string_view query = path.substr(std::string_view("/watch?").size());
      query = query.substr(0, query.find('#'));
      return YoutubeLink(VideoQueryValue(query, "v"));
    }
    for (const std::string_view kind : {"/shorts/", "/embed/", "/live/"}) {
      if (path.starts_with(kind)) return YoutubeLink(VideoPathSegmentAfter(path, kind));
    }
    return std::nullopt;
  }
  if (host == "tv.naver.com" || host == "m.tv.naver.com") {
    for (const std::string_view kind : {"/v/", "/embed/"}) {
      if (path.starts_with(kind)) return NaverTvLink(VideoPathSegmentAfter(path, kind));
    }
  }
  return std::nullopt;
}

std::string StoredVideo(const VideoLink& video) {
  return std::string(video.host == VideoHost::kYoutube ? kYoutubePrefix : kNaverTvPrefix) +
         video.id;
}

std::optional<VideoLink> ParseStoredVideo(std::string_view stored) {
  if (StripVideoPrefix(stored, kYoutubePrefix)) return YoutubeLink(stored);
  if (StripVideoPrefix(stored, kNaverTvPrefix)) return NaverTvLink(stored);
  return std::nullopt;
}

std::string WatchAddress(const VideoLink& video) {
  return video.host == VideoHost::kYoutube ? "https://www.youtube.com/watch?v=" + video.id
                                           : "https://tv.naver.com/v/" + video.id;
}

std::string PlayerAddress(const VideoLink& video, bool autoplay) {
  if (video.host == VideoHost::kYoutube) {
    return "https://www.youtube-nocookie.com/embed/" + video.id + (autoplay ? "?autoplay=1" : "");
  }
  return "https://tv.naver.com/embed/" + video.id + (autoplay ? "?autoPlay=true" : "");
}

}  // namespace sinmun::render
