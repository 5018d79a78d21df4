#pragma once
// Set-Cookie header values. Reading cookies is Request::Cookie.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sinmun::http {

struct CookieOptions {
  std::string path = "/";
  bool http_only = true;                        // out of reach of page scripts
  bool secure = false;                          // sent over HTTPS only
  std::string same_site = "Lax";                // "Lax", "Strict" or "None"
  std::optional<std::int64_t> max_age_seconds;  // none: a browser-session cookie
};

// `name=value; Path=/; Max-Age=N; HttpOnly; Secure; SameSite=Lax` for a Set-Cookie header.
// REQUIRES: name and value are cookie-safe (tokens: letters, digits, '-', '_').
std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

// A Set-Cookie value that makes the browser forget `name` (empty value, Max-Age=0).
std::string ExpireCookie(std::string_view name, const CookieOptions& options);

}  // namespace sinmun::http
