#include "newsroom/newsroom.hpp"

#include "core/check.hpp"
#include "newsroom/context.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/routes.hpp"
#include "newsroom/session.hpp"

namespace sinmun::newsroom {

Newsroom::Newsroom(NewsroomDeps deps) {
  SINMUN_CHECK(deps.store != nullptr && deps.clock != nullptr && deps.renderer != nullptr &&
               deps.static_files != nullptr);
  const bool https = ServedOverHttps(deps.config);
  const bool secure =
      deps.config.newsroom.secure_cookies || https || !PlainHttpOnLoopback(deps.config);
  const Timestamp idle = Timestamp{deps.config.newsroom.session_idle_minutes} * 60;
  const Timestamp max_age = Timestamp{deps.config.newsroom.session_max_days} * 86400;
  context_ = std::make_unique<NewsroomContext>(NewsroomContext{
      .deps = std::move(deps),
      .secure_cookies = secure,
      .session_cookie = std::string(https ? "__Host-" : "") + std::string(kSessionCookie),
      .session_idle_seconds = idle,
      .session_max_seconds = max_age});
}

Newsroom::~Newsroom() = default;

void Newsroom::AddRoutes(http::Router& router) {
  AddAccountRoutes(router, context_.get());
  AddAdminRoutes(router, context_.get());
  AddDeskPageRoutes(router, context_.get());
  AddDeskActionRoutes(router, context_.get());
  AddRevisionRoutes(router, context_.get());
  AddAdsRoutes(router, context_.get());
}

std::optional<std::string> Newsroom::EditUrlFor(const http::Request& request,
                                                store::ArticleId id) const {
  return StaffEditUrl(*context_, request, id);
}

}  // namespace sinmun::newsroom
