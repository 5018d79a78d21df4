#pragma once
// The security headers every response carries, as the server's header rules: the newsroom's
// strict policy first, then the public site's.

#include <vector>

#include "core/config.hpp"
#include "http/server.hpp"

namespace sinmun::app {

// Public pages: a Content-Security-Policy without 'unsafe-inline' (scripts and styles are
// files of ours; the Kakao SDK's origin only when a Kakao app key is set), frame-ancestors
// 'self', nosniff and a Referrer-Policy. The newsroom: nothing from elsewhere, no framing at
// all and no Referer leaving it. Both get HSTS when base_url is https.
std::vector<http::ServerOptions::HeaderRule> SecurityHeaderRules(const Config& config);

}  // namespace sinmun::app
