#include "newsroom/newsroom.hpp"

#include "core/check.hpp"
#include "newsroom/context.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/routes.hpp"

namespace sinmun::newsroom {

Newsroom::Newsroom(NewsroomDeps deps) {
  SINMUN_CHECK(deps.store.catalog != nullptr && deps.store.accounts != nullptr &&
               deps.store.desk != nullptr && deps.store.masthead != nullptr &&
               deps.store.audit != nullptr && deps.store.ads != nullptr && deps.clock != nullptr &&
               deps.renderer != nullptr && deps.static_files != nullptr);
  const bool https = deps.config.base_url.rfind("https://", 0) == 0;
  const bool secure = deps.config.newsroom.secure_cookies || https;
  const Timestamp idle = Timestamp{deps.config.newsroom.session_idle_minutes} * 60;
  context_ = std::make_unique<NewsroomContext>(NewsroomContext{
      .deps = std::move(deps), .secure_cookies = secure, .session_idle_seconds = idle});
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
