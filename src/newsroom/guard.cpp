// The one door to every newsroom handler: session, role, CSRF.

#include "newsroom/guard.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include "newsroom/crypto.hpp"
#include "newsroom/page.hpp"
#include "newsroom/session.hpp"

namespace sinmun::newsroom {
namespace {

// A session's last_seen_at is written at most this often: sliding expiry without a store
// write on every click.
constexpr Timestamp kTouchEverySeconds = 60;

http::Response LoginRedirect(const http::Request& request) {
  // The address to come back to after logging in: the page asked for, or for an action (a
  // POST whose session ended) the dashboard.
  const std::string next = request.method == http::Method::kPost ? "/newsroom" : request.target;
  return SeeOther("/newsroom/login?next=" + http::PercentEncode(next));
}

// The session and role checks, which need only the request's head: the staff member when
// they pass, else the answer (login redirect, 403 page, store error page).
std::variant<Staff, http::Response> CheckStaff(const NewsroomContext& context,
                                               Permission permission,
                                               const http::Request& request) {
  Result<std::optional<Staff>> staff = CurrentStaff(context, request);
  if (!staff) return NewsroomErrorFor(context, staff.error());
  if (!staff->has_value()) return LoginRedirect(request);
  if (!Allows((*staff)->role, permission)) {
    // An ad manager's home is the banners page, not the desk's dashboard.
    if ((*staff)->role == store::Role::kAdManager && request.path == "/newsroom") {
      return SeeOther("/newsroom/ads");
    }
    // … and an ombudsman's the correction cases.
    if ((*staff)->role == store::Role::kOmbudsman && request.path == "/newsroom") {
      return SeeOther("/newsroom/corrections");
    }
    return NewsroomError(context, 403);
  }
  return std::move(**staff);
}

// Runs the checks shared by pages and actions; calls `handler` when they pass.
http::Response Guarded(const NewsroomContext& context, Permission permission, bool is_action,
                       StaffHandler handler, const http::Request& request) {
  std::variant<Staff, http::Response> checked = CheckStaff(context, permission, request);
  if (http::Response* refusal = std::get_if<http::Response>(&checked)) {
    refusal->cache_control = "no-store";
    return std::move(*refusal);
  }
  const Staff& staff = std::get<Staff>(checked);
  if (is_action) {
    const std::optional<std::string> sent = request.Form("csrf");
    if (!sent || !ConstantTimeEquals(*sent, staff.csrf_token)) {
      return NewsroomError(context, 403);
    }
  }
  http::Response response = handler(context, request, staff);
  response.cache_control = "no-store";
  return response;
}

}  // namespace

bool Allows(store::Role role, Permission permission) {
  switch (permission) {
    case Permission::kSignedIn:
      return true;
    case Permission::kWrite:
      return role == store::Role::kReporter || role == store::Role::kEditor ||
             role == store::Role::kAdmin;
    case Permission::kDesk:
      return role == store::Role::kEditor || role == store::Role::kAdmin;
    case Permission::kAdmin:
      return role == store::Role::kAdmin;
    case Permission::kAds:
      return role == store::Role::kAdmin || role == store::Role::kAdManager;
    case Permission::kCorrections:
      return role == store::Role::kAdmin || role == store::Role::kEditor ||
             role == store::Role::kOmbudsman;
  }
  return false;
}

http::Handler StaffPage(const NewsroomContext* context, Permission permission,
                        StaffHandler handler) {
  return [context, permission, handler](const http::Request& request) {
    return Guarded(*context, permission, /*is_action=*/false, handler, request);
  };
}

http::Handler StaffAction(const NewsroomContext* context, Permission permission,
                          StaffHandler handler) {
  return [context, permission, handler](const http::Request& request) {
    return Guarded(*context, permission, /*is_action=*/true, handler, request);
  };
}

std::function<std::optional<http::Response>(const http::Request&)> StaffAdmission(
    const NewsroomContext* context, Permission permission) {
  return [context, permission](const http::Request& request) -> std::optional<http::Response> {
    std::variant<Staff, http::Response> checked = CheckStaff(*context, permission, request);
    http::Response* refusal = std::get_if<http::Response>(&checked);
    if (refusal == nullptr) return std::nullopt;
    refusal->cache_control = "no-store";
    return std::move(*refusal);
  };
}

Result<std::optional<Staff>> CurrentStaff(const NewsroomContext& context,
                                          const http::Request& request) {
  const std::optional<std::string> token = request.Cookie(context.session_cookie);
  if (!token || !IsWellFormedToken(*token)) return std::nullopt;
  const std::string hash = TokenHash(*token);
  Result<store::SessionUser> found = context.deps.store.accounts->SessionByTokenHash(hash);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) return std::nullopt;
    return tl::unexpected(found.error());
  }
  const Timestamp now = context.deps.clock->Now();
  const store::Session& session = found->session;
  // Ended for idleness, or for age however busy (a stolen cookie does not live for ever); a
  // failure to delete only leaves a row that can no longer be used.
  if (now - session.last_seen_at >= context.session_idle_seconds ||
      now - session.created_at >= context.session_max_seconds) {
    (void)context.deps.store.accounts->DeleteSession(hash);
    return std::nullopt;
  }
  if (now - session.last_seen_at >= kTouchEverySeconds) {
    if (Result<> touched = context.deps.store.accounts->TouchSession(hash, now); !touched) {
      return tl::unexpected(touched.error());
    }
  }
  const store::User& user = found->user;
  return Staff{.user_id = user.id,
               .name = user.name,
               .email = user.email,
               .role = user.role,
               .reporter_id = user.reporter_id,
               .csrf_token = session.csrf_token};
}

http::Response SeeOther(std::string location) {
  http::Response response = http::Redirect(std::move(location), 303);
  response.cache_control = "no-store";
  return response;
}

}  // namespace sinmun::newsroom
