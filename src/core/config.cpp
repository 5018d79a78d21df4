#include "core/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace sinmun {
namespace {

// Copies a string value when present; a value of another type is an error, not a silent default.
Result<> ReadString(const toml::table& table, std::string_view key, std::string* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  const auto* value = node->as_string();
  if (value == nullptr)
    return Fail(ErrorCode::kInvalidInput, fmt::format("{} must be a string", key));
  *out = value->get();
  return {};
}

Result<> ReadInt(const toml::table& table, std::string_view key, int min, int max, int* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  const auto* value = node->as_integer();
  if (value == nullptr || value->get() < min || value->get() > max) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("{} must be a whole number from {} to {}", key, min, max));
  }
  *out = static_cast<int>(value->get());
  return {};
}

Result<> ReadBool(const toml::table& table, std::string_view key, bool* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  const auto* value = node->as_boolean();
  if (value == nullptr)
    return Fail(ErrorCode::kInvalidInput, fmt::format("{} must be true or false", key));
  *out = value->get();
  return {};
}

}  // namespace

std::string DefaultConfigText() {
  const Config d;
  return fmt::format(
      R"(# sinmun configuration. Every line shows its default; remove the # to change it.
# Command-line flags (for example --listen) override what this file says.

[server]
# listen = "{listen}"        # address:port the site is served on
# threads = 0                      # I/O threads; 0 = one per CPU core
# base_url = ""                    # public address, e.g. "https://news.example.com"
# trusted_proxies = ""             # load balancers sending X-Forwarded-For, e.g. "10.0.0.0/8, ::1"
# page_cache_seconds = {cache}          # a cached page is re-rendered at least this often
# page_cache_mb = {cache_mb}               # memory for rendered pages; the least used make room
# store = ""                       # "" = sinmun.db here; "postgres://user@host:5432/paper" for
                                   # several nodes on one PostgreSQL (search index and uploads
                                   # stay in each node's data folder)

[site]
# language = "{language}"                 # labels: "ko" (한국어) or "en" (English)
# naver_site_verification = ""     # Naver Search Advisor's meta tag content (settings page too)
# google_site_verification = ""    # Google Search Console's meta tag content (settings page too)

[paper]
# Shown in every page's footer, as Korean law asks of an online newspaper.
# name = "{name}"
# registration_number = "{reg}"     # 등록번호
# registered_on = "{reg_on}"          # 등록일
# publisher = "{publisher}"                  # 발행인
# editor = "{editor}"                     # 편집인
# published_on = "{published_on}"           # 발행일
# youth_protection_officer = "{youth}"   # 청소년보호책임자
# address = "{address}"   # 발행소
# phone = "{phone}"
# email = "{email}"

[counters]
# flush_seconds = {flush}                # views are counted in memory and written this often
# count_views = true                # false turns view counting off (for benchmarks)

[mail]
# smtp_url = "{smtp}"   # where "e-mail this article" sends (smtp:// or smtps://)
# from = "{mail_from}"   # envelope sender and From address
# retry_seconds = {retry}               # first retry after a failed delivery; doubles up to an hour
# per_client_per_hour = {per_client}           # forms one reader may send an hour
# per_sender_per_day = {per_sender}           # forms one sender address may send a day
# per_article_per_hour = {per_article}         # forms about one article an hour, all readers
# site_per_hour = {site_hour}               # forms of all readers together an hour
# min_fill_seconds = {min_fill}              # a form sent sooner after it was shown is refused
# Nothing is sent unless [server] base_url is set: links and Message-IDs come from it.

[comments]
# enabled = true                    # reader comments (댓글) under every article
# hide_after_reports = {hide_after}           # a comment this many readers report waits for a moderator
# min_interval_seconds = {comment_interval}        # one comment per visitor this often at most (0: no limit)
# per_hour = {comment_hour}                    # comments one visitor may post an hour (0: no limit)
# close_after_days = {comment_close}             # articles take comments this many days (0: always); an article may choose otherwise
# best_count = {best_count}                   # BEST comments pinned above the list (0: none)
# best_min_score = {best_score}              # recommends + replies a comment needs to be BEST
# best_after_minutes = {best_after}          # no BEST on articles published less than this long ago
# show_partial_address = false      # show a guest's address start beside the nickname (211.234.*.*)

[indexnow]
# Search engines hear of every publication, update and unpublication (IndexNow), once
# [server] base_url is set. Comma-separated, e.g.
# "https://searchadvisor.naver.com/indexnow, https://www.bing.com/indexnow".
# endpoints = ""
# key = ""                         # "": made on first start; served at /KEY.txt

[share]
# kakao_app_key = ""                # set to load the Kakao JavaScript SDK for KakaoTalk sharing
[newsroom]
# secure_cookies = false           # Secure session cookie (on anyway unless served over plain
                                   # http on loopback: a listen and base_url on 127.0.0.1)
# session_idle_minutes = {idle}       # a newsroom login ends after this long unused
# session_max_days = {max_days}               # and after this long in any case
# change_warning_percent = {change_warning}        # confirm before a published article changes this much

[redis]
# Several `sinmun serve` nodes of one paper share their view rankings through one Redis
# (see docs/SCALING.md). Empty: this node alone.
# url = ""                         # e.g. "redis://127.0.0.1:6379/0"

[search]
# Every node keeps its own search index, caught up from the store. Relative to this folder.
# dir = ""                         # empty: search/ in this folder

[log]
# level = "{log_level}"                  # the server's log on stderr: trace, debug, info, warn, error, off
# access_log = ""                  # JSON lines, one a response: a file here (e.g. "access.log",
                                   # reopened on SIGHUP), "-" for stdout, "" for none

[backup]
# `serve` writes a backup (as `sinmun backup` does) this often, SQLite store only, and keeps
# the newest ones. Copy them off the machine too (docs/DEPLOY.md).
# every = ""                       # "", "hourly" or "daily"
# keep = {backup_keep}
# folder = "{backup_folder}"              # relative to this folder

[metrics]
# GET /metrics (Prometheus) answers these addresses or networks, and anyone with the token
# (Authorization: Bearer TOKEN). Behind a proxy, list it in trusted_proxies (see docs/DEPLOY.md).
# allow = "{metrics_allow}"
# token = ""
)",
      fmt::arg("listen", d.listen), fmt::arg("cache", d.page_cache_seconds),
      fmt::arg("cache_mb", d.page_cache_mb), fmt::arg("language", d.language),
      fmt::arg("name", d.paper.name), fmt::arg("reg", d.paper.registration_number),
      fmt::arg("reg_on", d.paper.registered_on), fmt::arg("publisher", d.paper.publisher),
      fmt::arg("editor", d.paper.editor), fmt::arg("published_on", d.paper.published_on),
      fmt::arg("youth", d.paper.youth_protection_officer), fmt::arg("address", d.paper.address),
      fmt::arg("phone", d.paper.phone), fmt::arg("email", d.paper.email),
      fmt::arg("flush", d.views_flush_seconds), fmt::arg("smtp", d.smtp_url),
      fmt::arg("mail_from", d.mail_from), fmt::arg("retry", d.mail_retry_seconds),
      fmt::arg("per_client", d.mail_per_client_per_hour),
      fmt::arg("per_sender", d.mail_per_sender_per_day),
      fmt::arg("per_article", d.mail_per_article_per_hour),
      fmt::arg("site_hour", d.mail_site_per_hour), fmt::arg("min_fill", d.mail_min_fill_seconds),
      fmt::arg("hide_after", d.comment_hide_after_reports),
      fmt::arg("comment_interval", d.comment_min_interval_seconds),
      fmt::arg("comment_hour", d.comment_per_hour),
      fmt::arg("comment_close", d.comment_close_after_days),
      fmt::arg("best_count", d.comment_best_count),
      fmt::arg("best_score", d.comment_best_min_score),
      fmt::arg("best_after", d.comment_best_after_minutes),
      fmt::arg("idle", d.newsroom.session_idle_minutes),
      fmt::arg("max_days", d.newsroom.session_max_days),
      fmt::arg("change_warning", d.newsroom.change_warning_percent),
      fmt::arg("log_level", d.log_level), fmt::arg("metrics_allow", d.metrics_allow),
      fmt::arg("backup_keep", d.backup_keep), fmt::arg("backup_folder", d.backup_folder));
}

Result<Config> LoadConfig(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return Fail(ErrorCode::kNotFound, path + " does not exist");
  std::ifstream file(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad() || !file.is_open()) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  return ParseConfig(text, path);
}

Result<Config> ParseConfig(std::string_view text, const std::string& path) {
  // Debian's toml++ is built with exceptions: a parse error stops here, as a value.
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& err) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("{}:{}: {}", path, err.source().begin.line, err.description()));
  }
  Config config;
  const toml::table empty;
  auto section = [&](std::string_view name) -> const toml::table& {
    const toml::table* t = root[name].as_table();
    return t != nullptr ? *t : empty;
  };
  const toml::table& server = section("server");
  const toml::table& site = section("site");
  const toml::table& paper = section("paper");
  const toml::table& counters = section("counters");
  const toml::table& mail = section("mail");
  const toml::table& share = section("share");
  const toml::table& indexnow = section("indexnow");
  const toml::table& comments = section("comments");
  const toml::table& newsroom = section("newsroom");
  const toml::table& redis = section("redis");
  const toml::table& search = section("search");
  const toml::table& log = section("log");
  const toml::table& metrics = section("metrics");
  const toml::table& backup = section("backup");
  for (const Result<>& r : {
           ReadString(server, "listen", &config.listen),
           ReadInt(server, "threads", 0, 256, &config.threads),
           ReadString(server, "base_url", &config.base_url),
           ReadString(server, "trusted_proxies", &config.trusted_proxies),
           ReadInt(server, "page_cache_seconds", 0, 86400, &config.page_cache_seconds),
           ReadInt(server, "page_cache_mb", 1, 65536, &config.page_cache_mb),
           ReadString(server, "store", &config.store_url),
           ReadString(site, "language", &config.language),
           ReadString(paper, "name", &config.paper.name),
           ReadString(paper, "registration_number", &config.paper.registration_number),
           ReadString(paper, "registered_on", &config.paper.registered_on),
           ReadString(paper, "publisher", &config.paper.publisher),
           ReadString(paper, "editor", &config.paper.editor),
           ReadString(paper, "published_on", &config.paper.published_on),
           ReadString(paper, "youth_protection_officer", &config.paper.youth_protection_officer),
           ReadString(paper, "address", &config.paper.address),
           ReadString(paper, "phone", &config.paper.phone),
           ReadString(paper, "email", &config.paper.email),
           ReadInt(counters, "flush_seconds", 1, 3600, &config.views_flush_seconds),
           ReadBool(counters, "count_views", &config.count_views),
           ReadString(mail, "smtp_url", &config.smtp_url),
           ReadString(mail, "from", &config.mail_from),
           ReadInt(mail, "retry_seconds", 1, 86400, &config.mail_retry_seconds),
           ReadInt(mail, "per_client_per_hour", 1, 10000, &config.mail_per_client_per_hour),
           ReadInt(mail, "per_sender_per_day", 1, 10000, &config.mail_per_sender_per_day),
           ReadInt(mail, "per_article_per_hour", 1, 100000, &config.mail_per_article_per_hour),
           ReadInt(mail, "site_per_hour", 1, 1000000, &config.mail_site_per_hour),
           ReadInt(mail, "min_fill_seconds", 0, 3600, &config.mail_min_fill_seconds),
           ReadString(share, "kakao_app_key", &config.kakao_app_key),
           ReadString(indexnow, "endpoints", &config.indexnow_endpoints),
           ReadString(indexnow, "key", &config.indexnow_key),
           ReadString(site, "naver_site_verification", &config.naver_site_verification),
           ReadString(site, "google_site_verification", &config.google_site_verification),
           ReadBool(comments, "enabled", &config.comments_enabled),
           ReadInt(comments, "hide_after_reports", 1, 1000, &config.comment_hide_after_reports),
           ReadInt(comments, "min_interval_seconds", 0, 3600, &config.comment_min_interval_seconds),
           ReadInt(comments, "per_hour", 0, 100000, &config.comment_per_hour),
           ReadInt(comments, "close_after_days", 0, 36500, &config.comment_close_after_days),
           ReadInt(comments, "best_count", 0, 20, &config.comment_best_count),
           ReadInt(comments, "best_min_score", 1, 1000000, &config.comment_best_min_score),
           ReadInt(comments, "best_after_minutes", 0, 525600, &config.comment_best_after_minutes),
           ReadBool(comments, "show_partial_address", &config.comment_show_partial_address),
           ReadBool(newsroom, "secure_cookies", &config.newsroom.secure_cookies),
           ReadInt(newsroom, "session_idle_minutes", 1, 525600,
                   &config.newsroom.session_idle_minutes),
           ReadInt(newsroom, "session_max_days", 1, 365, &config.newsroom.session_max_days),
           ReadInt(newsroom, "change_warning_percent", 1, 100,
                   &config.newsroom.change_warning_percent),
           ReadString(redis, "url", &config.redis_url),
           ReadString(search, "dir", &config.search_dir),
           ReadString(log, "level", &config.log_level),
           ReadString(log, "access_log", &config.access_log),
           ReadString(metrics, "allow", &config.metrics_allow),
           ReadString(metrics, "token", &config.metrics_token),
           ReadString(backup, "every", &config.backup_every),
           ReadInt(backup, "keep", 1, 10000, &config.backup_keep),
           ReadString(backup, "folder", &config.backup_folder),
       }) {
    if (!r) return Fail(r.error().code, path + ": " + r.error().detail);
  }
  if (config.language != "ko" && config.language != "en") {
    return Fail(ErrorCode::kInvalidInput, path + ": language must be \"ko\" or \"en\"");
  }
  static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), config.log_level) == std::end(kLevels)) {
    return Fail(ErrorCode::kInvalidInput,
                path + ": [log] level must be trace, debug, info, warn, error or off");
  }
  if (config.backup_every != "" && config.backup_every != "hourly" &&
      config.backup_every != "daily") {
    return Fail(ErrorCode::kInvalidInput,
                path + ": [backup] every must be \"\", \"hourly\" or \"daily\"");
  }
  if (config.backup_folder.empty()) {
    return Fail(ErrorCode::kInvalidInput, path + ": [backup] folder must not be empty");
  }
  if (auto listen = ParseListen(config.listen); !listen) {
    return Fail(ErrorCode::kInvalidInput, path + ": " + listen.error().detail);
  }
  return config;
}

namespace {

bool IsLoopbackHost(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

bool ServedOverHttps(const Config& config) { return config.base_url.rfind("https://", 0) == 0; }

bool PlainHttpOnLoopback(const Config& config) {
  const Result<ListenAddress> listen = ParseListen(config.listen);
  if (!listen || !IsLoopbackHost(listen->host)) return false;
  if (config.base_url.empty()) return true;
  constexpr std::string_view kHttp = "http://";
  if (config.base_url.rfind(kHttp, 0) != 0) return false;
  std::string_view authority = std::string_view(config.base_url).substr(kHttp.size());
  authority = authority.substr(0, authority.find('/'));
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    authority = authority.substr(0, colon);
  }
  return IsLoopbackHost(authority);
}

Result<ListenAddress> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("listen address '{}' must be host:port, like 127.0.0.1:8080", listen));
  }
  ListenAddress out;
  out.host = listen.substr(0, colon);
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  const auto [ptr, ec] = std::from_chars(first, last, port);
  if (ec != std::errc() || ptr != last || port > 65535) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("port in listen address '{}' must be a number 0-65535", listen));
  }
  out.port = static_cast<unsigned short>(port);
  return out;
}

}  // namespace sinmun
