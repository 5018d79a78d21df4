#include "newsroom/session.hpp"

#include "http/cookies.hpp"
#include "newsroom/crypto.hpp"

namespace sinmun::newsroom {
namespace {

http::CookieOptions SessionCookieOptions(const NewsroomContext& context) {
  http::CookieOptions options;
  options.path = "/";  // the site's pages show a 기사수정 link to logged-in staff
  options.http_only = true;
  options.secure = context.secure_cookies;
  options.same_site = "Lax";
  return options;
}

}  // namespace

bool IsWellFormedToken(std::string_view token) {
  if (token.size() != 43) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

NewSession MakeSession(store::UserId user_id, Timestamp now) {
  NewSession session;
  session.token = RandomToken();
  session.record = store::Session{.token_hash = TokenHash(session.token),
                                  .user_id = user_id,
                                  .csrf_token = RandomToken(),
                                  .created_at = now,
                                  .last_seen_at = now};
  return session;
}

std::string SessionCookie(const NewsroomContext& context, std::string_view token) {
  // No Max-Age: the browser keeps it until it closes; the server ends it after the idle limit
  // (sliding), which a fixed Max-Age could not follow.
  return http::SetCookie(context.session_cookie, token, SessionCookieOptions(context));
}

std::string ExpiredSessionCookie(const NewsroomContext& context) {
  return http::ExpireCookie(context.session_cookie, SessionCookieOptions(context));
}

}  // namespace sinmun::newsroom
