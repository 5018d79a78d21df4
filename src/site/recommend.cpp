#include "site/pages.hpp"
#include "site/readers.hpp"
#include "site/views.hpp"

namespace sinmun::site {

// A public counter needs no login, so no CSRF token either; but a cross-site form must not
// be able to inflate it: the request has to come from one of our pages (IsSameOrigin).
http::Response RecommendArticle(const SiteContext& site, const http::Request& request) {
  const ViewMode mode = ViewModeOf(request);
  const bool wants_json = request.Header("accept").find("application/json") != std::string::npos;
  auto fail = [&](const Error& error) {
    return wants_json ? JsonError(site, error) : ErrorResponse(site, error, mode);
  };
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return fail(Error{ErrorCode::kNotFound, "bad article id"});
  if (site.deps.store.activity == nullptr || site.deps.counters == nullptr) {
    return fail(Error{ErrorCode::kUnavailable, "recommends are off"});
  }
  if (!IsSameOrigin(site, request) || IsBotRequest(site, request)) {
    return fail(Error{ErrorCode::kForbidden, "recommend from another site or a bot"});
  }
  const counters::Visitor visitor = IdentifyVisitor(site, request);
  const Result<store::RecommendResult> result =
      site.deps.store.activity->Recommend(*id, visitor.Id(), site.deps.clock->Now());
  if (!result) return fail(result.error());

  if (result->counted) {
    // The article page shows the count: drop its cached forms so the reader sees the new one.
    const std::string origin = RequestOrigin(site.deps.config.base_url, request);
    for (ViewMode cached : {ViewMode::kAuto, ViewMode::kMobile, ViewMode::kPc}) {
      site.cache->Erase(PageCacheKey(ArticlePath(*id), cached, origin));
    }
  }
  http::Response response =
      wants_json ? JsonResponse(nlohmann::ordered_json{{"recommends", result->recommends},
                                                       {"counted", result->counted}})
                 : http::Redirect(ArticlePath(*id) + "#recommend", 303);
  response.cache_control = "no-store";
  RememberVisitor(visitor, response);
  return response;
}

}  // namespace sinmun::site
