#pragma once
// Private to newsroom/: starting and ending sessions, and the session cookie.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "newsroom/context.hpp"
#include "store/records.hpp"

namespace sinmun::newsroom {

// The session cookie's name over http; under https it gets the __Host- prefix
// (NewsroomContext::session_cookie is the one to use).
inline constexpr std::string_view kSessionCookie = "sinmun_session";

// A cookie value that could be a token of ours (RandomToken's alphabet and length).
bool IsWellFormedToken(std::string_view token);

// A new session for `user_id`: the record to store (with the token's hash) and the token for
// the cookie.
struct NewSession {
  store::Session record;
  std::string token;
};
NewSession MakeSession(store::UserId user_id, Timestamp now);

// Set-Cookie values: the session cookie (HttpOnly, SameSite=Lax, Secure when configured,
// no Max-Age: the server ends idle sessions) and its removal.
std::string SessionCookie(const NewsroomContext& context, std::string_view token);
std::string ExpiredSessionCookie(const NewsroomContext& context);

}  // namespace sinmun::newsroom
