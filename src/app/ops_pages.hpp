#pragma once
// The operators' pages: GET /metrics (Prometheus text, for configured addresses or a bearer
// token), GET /healthz (the process answers) and GET /readyz (the store answers; how far the
// search index is behind is reported, not waited for). Never cached.

#include <string>

#include "app/index_now_sender.hpp"
#include "app/request_stats.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "counters/counters.hpp"
#include "http/access_log.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "mail/outbox_sender.hpp"
#include "search/searcher.hpp"
#include "site/site.hpp"
#include "store/change_feed.hpp"

namespace sinmun::app {

// What the pages read. REQUIRES: everything set outlives the router; `server` may be set after
// the routes are added (the server is made from the router), before it serves.
struct OpsSources {
  const store::ChangeFeed* store = nullptr;  // readiness and the store probe
  const http::Server* server = nullptr;
  const site::Site* site = nullptr;
  const search::Searcher* searcher = nullptr;
  counters::Counters* counters = nullptr;
  const mail::OutboxSender* mail_sender = nullptr;
  mail::Outbox* outbox = nullptr;
  const RequestStats* requests = nullptr;
  const http::AccessLog* access_log = nullptr;  // null without an access log
  const IndexNowSender* index_now = nullptr;
};

// Adds /metrics, /healthz and /readyz. kInvalidInput for a malformed [metrics] allow.
Result<> AddOpsRoutes(http::Router& router, const OpsSources* sources, const Config& config);

// The /metrics text (for the route and for tests).
std::string MetricsText(const OpsSources& sources);

}  // namespace sinmun::app
