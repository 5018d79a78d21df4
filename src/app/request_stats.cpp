#include "app/request_stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace sinmun::app {
namespace {

constexpr std::array<std::string_view, kRouteKinds> kKindNames = {
    "front", "article", "section", "reporter", "most_viewed", "search", "api",
    "feed",  "static",  "ad",      "newsroom", "ops",         "other"};

struct Prefix {
  std::string_view segment;
  RouteKind kind;
};
constexpr Prefix kPrefixes[] = {
    {"article", RouteKind::kArticle},
    {"static", RouteKind::kStatic},
    {"section", RouteKind::kSection},
    {"newsroom", RouteKind::kNewsroom},
    {"uploads", RouteKind::kStatic},
    {"api", RouteKind::kApi},
    {"most-viewed", RouteKind::kMostViewed},
    {"search", RouteKind::kSearch},
    {"reporter", RouteKind::kReporter},
    {"rss", RouteKind::kFeed},
    {"sitemap.xml", RouteKind::kFeed},
    {"sitemaps", RouteKind::kFeed},
    {"news-sitemap.xml", RouteKind::kFeed},
    {"robots.txt", RouteKind::kFeed},
    {"ad", RouteKind::kAd},
    {"news", RouteKind::kArticle},
    {"favicon.ico", RouteKind::kStatic},
    {"metrics", RouteKind::kOps},
    {"healthz", RouteKind::kOps},
    {"readyz", RouteKind::kOps},
};

}  // namespace

std::string_view RouteKindName(RouteKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

RouteKind ClassifyPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return RouteKind::kOther;
  path.remove_prefix(1);
  if (path.empty()) return RouteKind::kFront;
  const std::string_view segment = path.substr(0, path.find('/'));
  for (const Prefix& prefix : kPrefixes) {
    if (prefix.segment == segment) return prefix.kind;
  }
  return RouteKind::kOther;
}

RequestStats::RequestStats() : stripes_(std::make_unique<std::array<Stripe, kCounterStripes>>()) {}

void RequestStats::OnResponse(const http::Request& request, const http::ResponseSummary& response) {
  const RouteKind kind = response.complete ? ClassifyPath(request.path) : RouteKind::kOther;
  const auto k = static_cast<size_t>(kind);
  Stripe& stripe = (*stripes_)[ThreadStripe()];
  const int status = response.status - kFirstStatus;
  if (status >= 0 && status < kStatuses) {
    stripe.statuses[k][static_cast<size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  const auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(0, response.duration.count()));
  const double seconds = static_cast<double>(ns) * 1e-9;
  size_t bucket = 0;
  while (bucket < kBounds.size() && seconds > kBounds[bucket]) ++bucket;
  stripe.buckets[k][bucket].fetch_add(1, std::memory_order_relaxed);
  stripe.nanoseconds[k].fetch_add(ns, std::memory_order_relaxed);
}

void RequestStats::Write(PrometheusText& out) const {
  out.Family("sinmun_http_requests_total", "counter",
             "Responses written, by route kind and HTTP status.");
  for (size_t k = 0; k < kRouteKinds; ++k) {
    for (int s = 0; s < kStatuses; ++s) {
      std::uint64_t total = 0;
      for (const Stripe& stripe : *stripes_) {
        total += stripe.statuses[k][static_cast<size_t>(s)].load(std::memory_order_relaxed);
      }
      if (total == 0) continue;
      const std::string status = fmt::format("{}", s + kFirstStatus);
      out.Sample("sinmun_http_requests_total", {{"route", kKindNames[k]}, {"status", status}},
                 static_cast<double>(total));
    }
  }
  out.Family("sinmun_http_request_duration_seconds", "histogram",
             "From a complete request to its response head, by route kind.");
  for (size_t k = 0; k < kRouteKinds; ++k) {
    std::array<std::uint64_t, kBounds.size()> buckets{};
    std::uint64_t count = 0, ns = 0;
    for (const Stripe& stripe : *stripes_) {
      for (size_t b = 0; b <= kBounds.size(); ++b) {
        const std::uint64_t n = stripe.buckets[k][b].load(std::memory_order_relaxed);
        if (b < kBounds.size()) buckets[b] += n;
        count += n;
      }
      ns += stripe.nanoseconds[k].load(std::memory_order_relaxed);
    }
    out.Histogram("sinmun_http_request_duration_seconds", {{"route", kKindNames[k]}}, kBounds,
                  buckets, count, static_cast<double>(ns) * 1e-9);
  }
}

}  // namespace sinmun::app
