#pragma once
// Private to newsroom/: what every newsroom handler shares.

#include "newsroom/newsroom.hpp"

namespace sinmun::newsroom {

struct NewsroomContext {
  NewsroomDeps deps;
  bool secure_cookies = false;  // config.newsroom.secure_cookies or an https base_url
  Timestamp session_idle_seconds = 12 * 3600;  // config.newsroom.session_idle_minutes * 60
};

}  // namespace sinmun::newsroom
