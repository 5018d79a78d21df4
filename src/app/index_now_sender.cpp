#include "app/index_now_sender.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "core/site_settings.hpp"
#include "core/text.hpp"

namespace sinmun::app {
namespace {

// Changes read into the queue per round, and pings sent per pass: a pass stays short, and a
// backlog drains over the next passes.
constexpr int kIndexNowChangesPerRound = 500;
constexpr int kIndexNowRounds = 20;
constexpr int kIndexNowPingsPerPass = 500;
// How long claimed pings are this sender's: far longer than one POST with its timeouts.
constexpr Timestamp kIndexNowLease = 600;

struct IndexNowAnswer {
  long status = 0;  // HTTP status; 0 when no answer came
  std::string detail;
};

size_t DiscardIndexNowBody(char* /*data*/, size_t size, size_t count, void* /*user*/) {
  return size * count;
}

IndexNowAnswer PostIndexNow(const std::string& endpoint, const std::string& body) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {0, "curl_easy_init failed"};
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, endpoint.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, DiscardIndexNowBody);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "sinmun");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return {0, fmt::format("{}: {}", curl_easy_strerror(rc), error[0] != '\0' ? error : "")};
  }
  return {status, fmt::format("HTTP {}", status)};
}

// "https://news.example.com:8443/" -> "news.example.com"; "" when base_url names no host.
std::string HostOf(std::string_view base_url) {
  const size_t scheme = base_url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = base_url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

std::vector<std::string> SplitIndexNowEndpoints(std::string_view list) {
  std::vector<std::string> endpoints;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string endpoint = TrimSpace(list.substr(0, comma));
    if (!endpoint.empty() &&
        std::find(endpoints.begin(), endpoints.end(), endpoint) == endpoints.end()) {
      endpoints.push_back(endpoint);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return endpoints;
}

}  // namespace

IndexNowSender::IndexNowSender(store::Store* store, const Clock* clock, Config config,
                               IndexNowOptions options)
    : store_(store), clock_(clock), config_(std::move(config)), options_(options) {}

IndexNowSender::~IndexNowSender() { Stop(); }

Result<int> IndexNowSender::SendDue() {
  Config config = config_;
  Result<store::Settings> stored = store_->SiteSettings();
  if (!stored) return tl::unexpected(stored.error());
  ApplySettings(*stored, &config);
  std::string base(config.base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string host = HostOf(base);
  std::vector<std::string> endpoints = SplitIndexNowEndpoints(config.indexnow_endpoints);
  if (host.empty() && !endpoints.empty()) {
    if (!said_no_base_url_) {
      spdlog::warn("indexnow: [server] base_url is not set: no search engine is told of changes");
      said_no_base_url_ = true;
    }
    endpoints.clear();  // the changes are passed over, not kept for later
  }
  if (config.indexnow_key.empty() && !endpoints.empty()) {
    // First use: the key is made once and kept, so that every node serves and sends it.
    Result<std::string> key = EnsureIndexNowKey(*store_, config);
    if (!key) return tl::unexpected(key.error());
    config.indexnow_key = std::move(*key);
  }

  const Timestamp now = clock_->Now();
  // The queue's position moves in a write transaction: skipped while nothing has changed
  // since this sender last followed, so that an idle paper takes no write lock every pass.
  const Result<std::int64_t> sequence = store_->ChangeSequence();
  if (!sequence) return tl::unexpected(sequence.error());
  if (*sequence != followed_sequence_) {
    for (int round = 0; round < kIndexNowRounds; ++round) {
      Result<int> read = store_->QueueIndexNowChanges(endpoints, kIndexNowChangesPerRound, now);
      if (!read) return tl::unexpected(read.error());
      if (*read < kIndexNowChangesPerRound) {
        followed_sequence_ = *sequence;
        break;
      }
    }
  }
  if (endpoints.empty()) return 0;
  {
    // Every endpoint in the settings has its series from the first pass on, at 0 until used.
    std::lock_guard lock(stats_mutex_);
    for (const std::string& endpoint : endpoints) stats_.endpoints.try_emplace(endpoint);
  }

  Result<std::vector<store::IndexNowPing>> due =
      store_->ClaimDueIndexNow(now, kIndexNowPingsPerPass, now + kIndexNowLease);
  if (!due) return tl::unexpected(due.error());
  std::map<std::string, std::vector<const store::IndexNowPing*>> by_endpoint;
  for (const store::IndexNowPing& ping : *due) by_endpoint[ping.endpoint].push_back(&ping);

  int sent = 0;
  for (const auto& [endpoint, pings] : by_endpoint) {
    nlohmann::json urls = nlohmann::json::array();
    std::vector<std::int64_t> ids;
    std::vector<store::ArticleId> articles;
    int attempts = pings.front()->attempts;
    for (const store::IndexNowPing* ping : pings) {
      ids.push_back(ping->id);
      attempts = std::min(attempts, ping->attempts);
      // An article changed twice before the pass is one URL.
      if (std::find(articles.begin(), articles.end(), ping->article_id) != articles.end()) continue;
      articles.push_back(ping->article_id);
      urls.push_back(fmt::format("{}/article/{}", base, ping->article_id));
    }
    const nlohmann::json body = {{"host", host},
                                 {"key", config.indexnow_key},
                                 {"keyLocation", base + "/" + config.indexnow_key + ".txt"},
                                 {"urlList", std::move(urls)}};
    const IndexNowAnswer answer = PostIndexNow(endpoint, body.dump());
    Result<> recorded;
    std::uint64_t IndexNowCounts::*outcome = nullptr;
    if (answer.status == 200 || answer.status == 202) {
      recorded = store_->MarkIndexNowSent(ids, clock_->Now());
      sent += static_cast<int>(ids.size());
      outcome = &IndexNowCounts::sent;
    } else if (answer.status == 400 || answer.status == 422) {
      spdlog::warn("indexnow: {} refused {} URLs: {}", endpoint, articles.size(), answer.detail);
      recorded = store_->MarkIndexNowRejected(ids, answer.detail);
      outcome = &IndexNowCounts::rejected;
    } else {
      const auto wait = std::min<std::int64_t>(
          options_.max_retry.count(), options_.first_retry.count() << std::min(attempts, 20));
      spdlog::info("indexnow: {} again in {} s: {}", endpoint, wait, answer.detail);
      recorded = store_->MarkIndexNowRetry(ids, clock_->Now() + wait, answer.detail);
      outcome = &IndexNowCounts::temporary_failures;
    }
    {
      std::lock_guard lock(stats_mutex_);
      stats_.*outcome += ids.size();
      stats_.endpoints[endpoint].*outcome += ids.size();
    }
    if (!recorded) return tl::unexpected(recorded.error());
  }
  return sent;
}

IndexNowStats IndexNowSender::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

void IndexNowSender::Start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { Loop(); });
}

void IndexNowSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void IndexNowSender::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // This thread is the one that handles a failure: log it and try again next round.
    if (Result<int> sent = SendDue(); !sent) {
      spdlog::error("indexnow: pass failed: {}", sent.error().detail);
    }
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
  }
}

Result<std::string> EnsureIndexNowKey(store::Store& store, const Config& config) {
  Result<store::Settings> stored = store.SiteSettings();
  if (!stored) return tl::unexpected(stored.error());
  Config current = config;
  ApplySettings(*stored, &current);
  if (!current.indexnow_key.empty()) return current.indexnow_key;
  std::random_device random;
  std::string key;
  for (int i = 0; i < 4; ++i) key += fmt::format("{:08x}", random());
  // Two nodes starting at once on an empty store both get here: the first key stored is the
  // one both use, so that every node pings with the key the site serves.
  return store.PutSiteSettingIfUnset("indexnow.key", key);
}

}  // namespace sinmun::app
