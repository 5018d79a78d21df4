// The /metrics exposition: every module's figures, read at scrape time.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/ops_pages.hpp"
#include "site/page_cache.hpp"

namespace sinmun::app {
namespace {

void WriteProcess(PrometheusText& out) {
  // statm: sizes in pages; virtual first, resident second.
  std::ifstream statm("/proc/self/statm");
  std::uint64_t virtual_pages = 0, resident_pages = 0;
  if (statm >> virtual_pages >> resident_pages) {
    const auto page = static_cast<double>(::sysconf(_SC_PAGESIZE));
    out.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    out.Sample("process_resident_memory_bytes", static_cast<double>(resident_pages) * page);
    out.Family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
    out.Sample("process_virtual_memory_bytes", static_cast<double>(virtual_pages) * page);
  }
  std::error_code ec;
  std::size_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    out.Family("process_open_fds", "gauge", "Open file descriptors (sockets included).");
    out.Sample("process_open_fds", static_cast<double>(fds));
  }
}

// Returns the store's change sequence, as read for this scrape.
Result<std::int64_t> WriteStore(PrometheusText& out, const store::ChangeFeed& store) {
  // One round trip to the store: whether it answers and how long it takes.
  const auto started = std::chrono::steady_clock::now();
  const Result<std::int64_t> sequence = store.ChangeSequence();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.Family("sinmun_store_up", "gauge", "1 when the store answered this scrape's query.");
  out.Sample("sinmun_store_up", sequence ? 1 : 0);
  out.Family("sinmun_store_probe_seconds", "gauge",
             "How long this scrape's change-sequence query took.");
  out.Sample("sinmun_store_probe_seconds", seconds);
  if (sequence) {
    out.Family("sinmun_store_change_sequence", "gauge", "The store's last change number.");
    out.Sample("sinmun_store_change_sequence", static_cast<double>(*sequence));
  }
  return sequence;
}

void WritePageCache(PrometheusText& out, const site::PageCache::Stats& cache) {
  out.Family("sinmun_page_cache_hits_total", "counter", "Page cache lookups that found a page.");
  out.Sample("sinmun_page_cache_hits_total", static_cast<double>(cache.hits));
  out.Family("sinmun_page_cache_misses_total", "counter",
             "Page cache lookups that found none (the page was rendered).");
  out.Sample("sinmun_page_cache_misses_total", static_cast<double>(cache.misses));
  out.Family("sinmun_page_cache_evictions_total", "counter",
             "Pages dropped from the cache to make room.");
  out.Sample("sinmun_page_cache_evictions_total", static_cast<double>(cache.evictions));
  out.Family("sinmun_page_cache_drops_total", "counter",
             "Times the whole cache was dropped because the paper changed.");
  out.Sample("sinmun_page_cache_drops_total", static_cast<double>(cache.drops));
  out.Family("sinmun_page_cache_rejections_total", "counter",
             "New pages served but not kept: the page they would push out is asked for as often.");
  out.Sample("sinmun_page_cache_rejections_total", static_cast<double>(cache.rejections));
  out.Family("sinmun_page_cache_bytes", "gauge", "Bytes of pages kept (bodies and gzip forms).");
  out.Sample("sinmun_page_cache_bytes", static_cast<double>(cache.bytes));
  out.Family("sinmun_page_cache_entries", "gauge", "Pages kept.");
  out.Sample("sinmun_page_cache_entries", static_cast<double>(cache.entries));
}

// `store_sequence`: the store's as read for this scrape, like /readyz: until the follower's
// first poll its own figure is 0 and the lag would read 0 on a paper still being indexed.
// Without it (the store did not answer) the follower's figure is what is known.
void WriteSearch(PrometheusText& out, search::IndexStatus status,
                 const Result<std::int64_t>& store_sequence) {
  if (store_sequence) status.store_sequence = std::max(status.store_sequence, *store_sequence);
  out.Family("sinmun_search_follower_lag_changes", "gauge",
             "Changes the search index has still to apply (store sequence - indexed sequence).");
  out.Sample("sinmun_search_follower_lag_changes",
             static_cast<double>(
                 std::max<std::int64_t>(0, status.store_sequence - status.indexed_sequence)));
  out.Family("sinmun_search_indexed_sequence", "gauge",
             "The last change number the search index has applied.");
  out.Sample("sinmun_search_indexed_sequence", static_cast<double>(status.indexed_sequence));
}

void WriteMail(PrometheusText& out, const mail::OutboxSenderStats& sent,
               const Result<std::int64_t>& depth) {
  if (depth) {
    out.Family("sinmun_mail_outbox_depth", "gauge",
               "E-mails waiting to be sent, due or waiting for a retry (counted up to 1000).");
    out.Sample("sinmun_mail_outbox_depth", static_cast<double>(*depth));
  }
  out.Family("sinmun_mail_sent_total", "counter", "E-mails the SMTP server accepted.");
  out.Sample("sinmun_mail_sent_total", static_cast<double>(sent.sent));
  out.Family("sinmun_mail_send_failures_total", "counter",
             "Failed deliveries: temporary (retried later) or rejected (never retried).");
  out.Sample("sinmun_mail_send_failures_total", {{"kind", "temporary"}},
             static_cast<double>(sent.temporary_failures));
  out.Sample("sinmun_mail_send_failures_total", {{"kind", "rejected"}},
             static_cast<double>(sent.rejected));
}

// The IndexNow queue (issue #18) and each endpoint's pings, labelled by the endpoint's URL.
void WriteIndexNow(PrometheusText& out, const IndexNowStats& stats,
                   const Result<std::int64_t>& depth) {
  if (depth) {
    out.Family("sinmun_indexnow_queue_depth", "gauge",
               "IndexNow pings waiting to be sent, due or waiting for a retry.");
    out.Sample("sinmun_indexnow_queue_depth", static_cast<double>(*depth));
  }
  if (stats.endpoints.empty()) return;  // none configured yet: families without samples
  out.Family("sinmun_indexnow_pings_sent_total", "counter",
             "IndexNow pings (one article to one endpoint) the endpoint accepted.");
  for (const auto& [endpoint, counts] : stats.endpoints) {
    out.Sample("sinmun_indexnow_pings_sent_total", {{"endpoint", endpoint}},
               static_cast<double>(counts.sent));
  }
  out.Family("sinmun_indexnow_ping_failures_total", "counter",
             "IndexNow pings that failed: temporary (retried later) or rejected (400, 422: "
             "never retried).");
  for (const auto& [endpoint, counts] : stats.endpoints) {
    out.Sample("sinmun_indexnow_ping_failures_total",
               {{"endpoint", endpoint}, {"kind", "temporary"}},
               static_cast<double>(counts.temporary_failures));
    out.Sample("sinmun_indexnow_ping_failures_total",
               {{"endpoint", endpoint}, {"kind", "rejected"}},
               static_cast<double>(counts.rejected));
  }
}

void WriteCounters(PrometheusText& out, const counters::CountersStats& stats) {
  out.Family("sinmun_views_counted_total", "counter",
             "Article views counted (once per reader per article per 30 minutes).");
  out.Sample("sinmun_views_counted_total", static_cast<double>(stats.views_counted));
  out.Family("sinmun_views_pending", "gauge", "Views counted in memory, not yet written.");
  out.Sample("sinmun_views_pending", static_cast<double>(stats.views_pending));
  out.Family("sinmun_view_dedup_entries", "gauge",
             "(Reader, article) pairs remembered so that a view counts once in 30 minutes.");
  out.Sample("sinmun_view_dedup_entries", static_cast<double>(stats.dedup_entries));
  out.Family("sinmun_counters_flushes_total", "counter", "Batches of views written, by outcome.");
  out.Sample("sinmun_counters_flushes_total", {{"outcome", "ok"}},
             static_cast<double>(stats.flushes));
  out.Sample("sinmun_counters_flushes_total", {{"outcome", "failed"}},
             static_cast<double>(stats.flush_failures));
  out.Family("sinmun_counters_flush_seconds_total", "counter", "Time spent flushing views.");
  out.Sample("sinmun_counters_flush_seconds_total", stats.flush_seconds_sum);
  out.Family("sinmun_counters_last_flush_seconds", "gauge", "How long the last flush took.");
  out.Sample("sinmun_counters_last_flush_seconds", stats.last_flush_seconds);
  if (stats.redis) {
    out.Family("sinmun_redis_exchange_up", "gauge",
               "1 while the last exchange of views with Redis succeeded.");
    out.Sample("sinmun_redis_exchange_up", stats.exchanging ? 1 : 0);
    if (stats.seconds_since_exchange >= 0) {
      out.Family("sinmun_redis_exchange_lag_seconds", "gauge",
                 "Seconds since the last successful exchange of views with Redis.");
      out.Sample("sinmun_redis_exchange_lag_seconds", stats.seconds_since_exchange);
    }
  }
}

}  // namespace

std::string MetricsText(const OpsSources& sources) {
  PrometheusText out;
  if (sources.requests != nullptr) sources.requests->Write(out);
  if (sources.server != nullptr) {
    out.Family("sinmun_http_open_connections", "gauge", "Client connections open now.");
    out.Sample("sinmun_http_open_connections",
               static_cast<double>(sources.server->open_connections()));
    out.Family("sinmun_http_work_pending", "gauge",
               "Password requests (login, password change, guest comments) being handled or "
               "waiting on the work pool.");
    out.Sample("sinmun_http_work_pending", static_cast<double>(sources.server->pending_work()));
    out.Family("sinmun_http_handler_failures_total", "counter",
               "Requests whose handler threw (answered 500): a bug alarm.");
    out.Sample("sinmun_http_handler_failures_total",
               static_cast<double>(sources.server->handler_failures()));
  }
  if (sources.access_log != nullptr) {
    out.Family("sinmun_access_log_dropped_lines_total", "counter",
               "Access log lines dropped because the writer was far behind.");
    out.Sample("sinmun_access_log_dropped_lines_total",
               static_cast<double>(sources.access_log->dropped_lines()));
  }
  if (sources.site != nullptr) WritePageCache(out, sources.site->page_cache().stats());
  Result<std::int64_t> store_sequence = Fail(ErrorCode::kUnavailable, "no store");
  if (sources.store != nullptr) store_sequence = WriteStore(out, *sources.store);
  if (sources.searcher != nullptr) WriteSearch(out, sources.searcher->Status(), store_sequence);
  if (sources.mail_sender != nullptr && sources.outbox != nullptr) {
    WriteMail(out, sources.mail_sender->stats(), sources.outbox->Depth());
  }
  if (sources.index_now != nullptr) {
    WriteIndexNow(out, sources.index_now->stats(), sources.index_now->QueueDepth());
  }
  if (sources.counters != nullptr) WriteCounters(out, sources.counters->Stats());
  WriteProcess(out);
  return out.text();
}

}  // namespace sinmun::app
