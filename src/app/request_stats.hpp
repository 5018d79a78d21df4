#pragma once
// Requests by route kind and status, and their latency, for /metrics: the server's observer.
// The route kind comes from the path's first segment (the public pages' shapes are few and
// fixed), so counting costs a short compare and a few relaxed atomic increments in this
// thread's own stripe of counters, no lock and no shared cache line.
// Thread safety: OnResponse from any thread; Write from any thread (a sum of relaxed reads).

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/prometheus_text.hpp"
#include "core/striped_counter.hpp"
#include "http/request_observer.hpp"

namespace sinmun::app {

enum class RouteKind {
  kFront,       // /
  kArticle,     // /article/… (page, print, e-mail, recommend) and the legacy /news/… links
  kSection,     // /section/…
  kReporter,    // /reporter/…
  kMostViewed,  // /most-viewed
  kSearch,      // /search
  kApi,         // /api/…
  kFeed,        // RSS, sitemaps, robots.txt
  kStatic,      // /static/…, /uploads/…, favicon
  kAd,          // /ad/… (banner clicks)
  kNewsroom,    // /newsroom/…
  kOps,         // /metrics, /healthz, /readyz
  kOther,       // anything else (404s, /view-mode, refused requests)
};
inline constexpr std::size_t kRouteKinds = static_cast<std::size_t>(RouteKind::kOther) + 1;

// The label value of a kind: "front", "article", … "other".
std::string_view RouteKindName(RouteKind kind);
RouteKind ClassifyPath(std::string_view path);

class RequestStats final : public http::RequestObserver {
 public:
  RequestStats();
  void OnResponse(const http::Request& request, const http::ResponseSummary& response) override;
  // sinmun_http_requests_total{route,status} and sinmun_http_request_duration_seconds{route}.
  void Write(PrometheusText& out) const;

  // Latency bucket bounds, in seconds.
  static constexpr std::array<double, 14> kBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

 private:
  static constexpr int kFirstStatus = 100;
  static constexpr int kStatuses = 500;  // 100..599
  struct alignas(64) Stripe {
    std::array<std::array<std::atomic<std::uint64_t>, kStatuses>, kRouteKinds> statuses{};
    // kBounds.size() buckets and one past the last bound.
    std::array<std::array<std::atomic<std::uint64_t>, kBounds.size() + 1>, kRouteKinds> buckets{};
    std::array<std::atomic<std::uint64_t>, kRouteKinds> nanoseconds{};
  };
  std::unique_ptr<std::array<Stripe, kCounterStripes>> stripes_;
};

}  // namespace sinmun::app
