#pragma once
// Private to newsroom/: what every newsroom handler shares.

#include "newsroom/newsroom.hpp"

namespace sinmun::newsroom {

struct NewsroomContext {
  NewsroomDeps deps;
  // config.newsroom.secure_cookies, or the paper is not plain http on loopback.
  bool secure_cookies = false;
  // "__Host-sinmun_session" under https (the browser then keeps it to our host, Secure and
  // Path=/, so a sibling subdomain cannot plant one), else "sinmun_session".
  std::string session_cookie = "sinmun_session";
  Timestamp session_idle_seconds = 12 * 3600;  // config.newsroom.session_idle_minutes * 60
  Timestamp session_max_seconds = 7 * 86400;   // config.newsroom.session_max_days * 86400
};

}  // namespace sinmun::newsroom
