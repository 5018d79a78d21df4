#include "http/cookies.hpp"

namespace sinmun::http {

std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(options.path);
  if (options.max_age_seconds)
    out.append("; Max-Age=").append(std::to_string(*options.max_age_seconds));
  if (options.http_only) out.append("; HttpOnly");
  if (options.secure) out.append("; Secure");
  if (!options.same_site.empty()) out.append("; SameSite=").append(options.same_site);
  return out;
}

std::string ExpireCookie(std::string_view name, const CookieOptions& options) {
  CookieOptions expired = options;
  expired.max_age_seconds = 0;
  return SetCookie(name, "", expired);
}

}  // namespace sinmun::http
