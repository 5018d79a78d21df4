#pragma once
// 영상뉴스 (issue #19): the one video an article may carry. An editor pastes a YouTube or
// Naver TV address; the store keeps it as "youtube:<id>" or "navertv:<number>", so a page
// builds its own addresses (the watch link shown without JavaScript, the player framed only
// after a click) from an id that was checked once and cannot carry markup or another host.
// Thread safety: plain functions.

#include <optional>
#include <string>
#include <string_view>

namespace sinmun::render {

enum class VideoHost { kYoutube, kNaverTv };

struct VideoLink {
  VideoHost host = VideoHost::kYoutube;
  std::string id;  // YouTube: 11 of [A-Za-z0-9_-]; Naver TV: digits

  bool operator==(const VideoLink&) const = default;
};

// A pasted address: youtube.com/watch?v=ID (www., m., music.), youtube.com/shorts/ID,
// /embed/ID and /live/ID, youtu.be/ID, tv.naver.com/v/N (m. too) and tv.naver.com/embed/N,
// with or without http(s)://, spaces around it ignored. nullopt for any other host or shape.
std::optional<VideoLink> ParseVideoAddress(std::string_view address);

// The stored form and back; ParseStoredVideo is nullopt for "" and for anything malformed.
std::string StoredVideo(const VideoLink& video);
std::optional<VideoLink> ParseStoredVideo(std::string_view stored);

// The video's own page (the link a reader without JavaScript follows, and what the editor
// sees in the form) and the player's address for an iframe (YouTube's no-cookie domain);
// `autoplay` when the page frames it after the reader pressed play, so one click plays.
std::string WatchAddress(const VideoLink& video);
std::string PlayerAddress(const VideoLink& video, bool autoplay);

}  // namespace sinmun::render
