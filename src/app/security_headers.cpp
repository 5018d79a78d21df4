#include "app/security_headers.hpp"

#include <string>

#include "site/site.hpp"

namespace sinmun::app {

std::vector<http::ServerOptions::HeaderRule> SecurityHeaderRules(const Config& config) {
  // Article bodies may show pictures from elsewhere (imported articles, Markdown images):
  // images are the one kind of resource the public policy takes from any https origin.
  // Frames come only from the two video hosts an article may carry (render/video_link.hpp),
  // and only after a reader pressed play.
  std::string site_scripts = "script-src 'self'";
  if (!config.kakao_app_key.empty()) site_scripts += std::string(" ") + site::kKakaoSdkOrigin;
  const std::string site_policy =
      "default-src 'self'; " + site_scripts +
      "; style-src 'self'; img-src 'self' data: https:; "
      "frame-src https://www.youtube-nocookie.com https://tv.naver.com; "
      "object-src 'none'; base-uri 'self'; form-action 'self'; "
      "frame-ancestors 'self'";
  // The newsroom holds drafts and accounts: only its own files, never inside a frame (a
  // clickjacked "publish" button), and no Referer that would name a draft to another site.
  // Its scripts are its own files only; its styles may be inline because the article editor
  // (Toast UI, ProseMirror) sets style attributes on what it draws, and a style cannot run
  // code.
  const std::string newsroom_policy =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      "img-src 'self' data: blob: "
      "https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";

  http::ServerOptions::HeaderRule newsroom{.path_prefix = "/newsroom",
                                           .headers = {{"Content-Security-Policy", newsroom_policy},
                                                       {"X-Content-Type-Options", "nosniff"},
                                                       {"X-Frame-Options", "DENY"},
                                                       {"Referrer-Policy", "same-origin"}}};
  http::ServerOptions::HeaderRule site{
      .path_prefix = "",
      .headers = {{"Content-Security-Policy", site_policy},
                  {"X-Content-Type-Options", "nosniff"},
                  {"Referrer-Policy", "strict-origin-when-cross-origin"}}};
  if (ServedOverHttps(config)) {
    // A year, as browsers' preload lists ask; subdomains are the paper's own business.
    for (auto* rule : {&newsroom, &site}) {
      rule->headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    }
  }
  return {std::move(newsroom), std::move(site)};
}

}  // namespace sinmun::app
