#include "site/pages.hpp"

namespace sinmun::site {
namespace {

constexpr std::string_view kCookieAttributes = "; Path=/; Max-Age=31536000; SameSite=Lax";

}  // namespace

http::Response ViewModeSwitch(const SiteContext& site, const http::Request& request) {
  const std::optional<std::string> mode = request.Query("m");
  if (mode != "mobile" && mode != "pc") {
    return ErrorResponse(site, Error{ErrorCode::kInvalidInput, "bad view mode"},
                         ViewModeOf(request));
  }
  // Only a path on this site: anything else ("//evil.example", "https://…") goes home.
  const std::string location = SafeReturnPath(request.Query("return").value_or("/")).value_or("/");
  http::Response response = http::Redirect(location, 303);
  response.headers.emplace_back("Set-Cookie", "view=" + *mode + std::string(kCookieAttributes));
  response.cache_control = "no-store";
  return response;
}

}  // namespace sinmun::site
