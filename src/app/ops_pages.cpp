#include "app/ops_pages.hpp"

#include <fmt/format.h>

#include "http/client_address.hpp"

namespace sinmun::app {
namespace {

// Compares without stopping at the first difference, so the time taken tells nothing about
// how much of a guessed token was right.
bool SameToken(std::string_view given, std::string_view token) {
  if (given.size() != token.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    difference |= static_cast<unsigned char>(given[i] ^ token[i]);
  }
  return difference == 0;
}

http::Response NoStore(http::Response response) {
  response.cache_control = "no-store";
  return response;
}

}  // namespace

Result<> AddOpsRoutes(http::Router& router, const OpsSources* sources, const Config& config) {
  Result<http::TrustedProxies> allowed = http::TrustedProxies::Parse(config.metrics_allow);
  if (!allowed) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("[metrics] allow: {}", allowed.error().detail));
  }
  router.Get("/metrics", [sources, allowed = std::move(*allowed),
                          token = config.metrics_token](const http::Request& request) {
    // The reader's address: behind a proxy listed in trusted_proxies, the client it names,
    // so the proxy's own address does not open /metrics to the world.
    bool may = allowed.Contains(request.remote_address);
    if (!may && !token.empty()) {
      const std::string_view authorization = request.Header("authorization");
      constexpr std::string_view kBearer = "Bearer ";
      may = authorization.starts_with(kBearer) &&
            SameToken(authorization.substr(kBearer.size()), token);
    }
    if (!may) return NoStore(http::Text("403 forbidden: /metrics is for the operators\n", 403));
    http::Response response = NoStore(http::Text(MetricsText(*sources)));
    response.content_type = std::string(kPrometheusContentType);
    return response;
  });
  router.Get("/healthz", [](const http::Request&) { return NoStore(http::Text("ok\n")); });
  router.Get("/readyz", [sources](const http::Request&) {
    // Ready: the store answers. Its migrations ran when it was opened (a store whose schema
    // is newer than this binary's refuses to open). TODO(#20): ask the store for its schema
    // version once the store's role interfaces have landed, for a node left behind by a
    // newer one that migrated later.
    const Result<std::int64_t> sequence = sources->store->ChangeSequence();
    search::IndexStatus search = sources->searcher->Status();
    // The store's sequence as read now, not as the follower last saw it: right after start
    // the follower may not have asked yet, and catch-up is measured against the store.
    if (sequence) search.store_sequence = *sequence;
    // The view rankings load after the server starts listening (minutes on a large paper):
    // reported, not blocking, like search.
    const std::string_view rankings = sources->counters == nullptr           ? "off"
                                      : sources->counters->rankings_loaded() ? "loaded"
                                                                             : "loading";
    const std::string body = fmt::format(
        R"({{"ready":{},"store":{},"migrations":"applied at open","search":{{"caught_up":{},"indexed_sequence":{},"store_sequence":{}}},"rankings":"{}"}})"
        "\n",
        sequence.has_value(), sequence ? "\"ok\"" : "\"unreachable\"", search.caught_up(),
        search.indexed_sequence, search.store_sequence, rankings);
    return NoStore(http::Json(body, sequence ? 200 : 503));
  });
  return {};
}

}  // namespace sinmun::app
