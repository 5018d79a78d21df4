#include "site/pages.hpp"
#include "site/readers.hpp"

namespace sinmun::site {
namespace {

// Where the view came from: the Referer's class (this paper's own pages are 직접) and whether
// the reader sees the mobile pages (chosen, or a phone's user agent on automatic).
counters::TrafficSource SourceOf(const SiteContext& site, const http::Request& request) {
  const ViewMode mode = ViewModeOf(request);
  const std::string origin = RequestOrigin(site.deps.config.base_url, request);
  return counters::TrafficSource{
      .referrer = counters::ClassifyReferrer(request.Header("referer"), counters::HostOf(origin)),
      .mobile = mode == ViewMode::kMobile ||
                (mode == ViewMode::kAuto && counters::IsMobileAgent(request.Header("user-agent")))};
}

}  // namespace

bool IsBotRequest(const SiteContext& site, const http::Request& request) {
  return site.deps.counters == nullptr ||
         site.deps.counters->bots().IsBot(request.Header("user-agent"));
}

counters::Visitor IdentifyVisitor(const SiteContext& site, const http::Request& request) {
  return site.deps.counters->visitors().Identify(
      request.Cookie(counters::kVisitorCookie), request.remote_address,
      request.Header("user-agent"), site.deps.clock->Now());
}

void RememberVisitor(const counters::Visitor& visitor, http::Response& response) {
  if (visitor.new_cookie.empty()) return;
  response.headers.emplace_back("Set-Cookie",
                                counters::VisitorIdentifier::SetCookieHeader(visitor.new_cookie));
}

bool IsSameOrigin(const SiteContext& site, const http::Request& request) {
  // The scheme is left out: behind a TLS proxy without base_url the site sees http while
  // the browser sends https.
  const std::string origin = RequestOrigin(site.deps.config.base_url, request);
  const std::string_view expected = counters::HostOf(origin);
  std::string_view claimed = request.Header("origin");
  if (claimed.empty() || claimed == "null") claimed = request.Header("referer");
  return !expected.empty() && counters::HostOf(claimed) == expected;
}

http::Handler CountingViews(const SiteContext* site, http::Handler page) {
  return [site, page = std::move(page)](const http::Request& request) {
    counters::Counters* counters = site->deps.counters;
    const Result<std::int64_t> id = ParseId(request.PathParam("id"));
    if (counters == nullptr || !counters->counting_views() || !id ||
        request.method != http::Method::kGet) {
      return page(request);
    }
    // The visitor first, so the dedup slot loads while the page is found or rendered.
    const counters::Visitor visitor = IdentifyVisitor(*site, request);
    counters->PrepareView(*id, visitor);
    http::Response response = page(request);
    if (response.status != 200 || IsBotRequest(*site, request)) return response;
    counters->CountView(*id, visitor, SourceOf(*site, request));
    RememberVisitor(visitor, response);
    return response;
  };
}

}  // namespace sinmun::site
