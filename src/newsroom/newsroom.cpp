#include "newsroom/newsroom.hpp"

#include <string>
#include <utility>

#include "core/check.hpp"
#include "newsroom/context.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/routes.hpp"
#include "newsroom/session.hpp"

namespace sinmun::newsroom {

Newsroom::Newsroom(NewsroomDeps deps) {
  SINMUN_CHECK(deps.store.catalog != nullptr && deps.store.accounts != nullptr &&
               deps.store.desk != nullptr && deps.store.masthead != nullptr &&
               deps.store.audit != nullptr && deps.store.ads != nullptr && deps.clock != nullptr &&
               deps.renderer != nullptr && deps.static_files != nullptr);
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

// Registers the route table (routes.cpp) and nothing else.
void Newsroom::AddRoutes(http::Router& router) {
  const NewsroomContext* context = context_.get();
  for (const Route& route : RouteTable()) {
    http::Handler handler;
    http::Admission admission{.max_body_bytes = route.max_body_bytes,
                              .on_work_pool = route.work == Work::kPassword};
    if (!route.permission) {
      SINMUN_CHECK(route.public_handler != nullptr && route.max_body_bytes <= kFormBodyBytes);
      handler = [context, public_handler = route.public_handler](const http::Request& request) {
        http::Response response = public_handler(*context, request);
        response.cache_control = "no-store";
        return response;
      };
    } else {
      SINMUN_CHECK(route.staff_handler != nullptr);
      handler = route.method == http::Method::kGet
                    ? StaffPage(context, *route.permission, route.staff_handler)
                    : StaffAction(context, *route.permission, route.staff_handler);
      // An upload is refused by its head when the session or role would refuse it, so that
      // a stranger cannot make the server take in 20 MB first.
      if (route.max_body_bytes > kFormBodyBytes) {
        admission.admit = StaffAdmission(context, *route.permission);
      }
    }
    if (route.method == http::Method::kGet) {
      router.Get(std::string(route.pattern), std::move(handler), std::move(admission));
    } else {
      SINMUN_CHECK(route.method == http::Method::kPost);
      router.Post(std::string(route.pattern), std::move(handler), std::move(admission));
    }
  }
}

std::optional<store::User> Newsroom::StaffFor(const http::Request& request) const {
  if (!request.Cookie(context_->session_cookie)) return std::nullopt;
  const Result<std::optional<Staff>> staff = CurrentStaff(*context_, request);
  if (!staff || !*staff) return std::nullopt;
  return store::User{.id = (*staff)->user_id,
                     .email = (*staff)->email,
                     .name = (*staff)->name,
                     .role = (*staff)->role,
                     .reporter_id = (*staff)->reporter_id};
}

std::optional<std::string> Newsroom::EditUrlFor(const http::Request& request,
                                                store::ArticleId id) const {
  return StaffEditUrl(*context_, request, id);
}

}  // namespace sinmun::newsroom
