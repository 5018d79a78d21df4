#pragma once
// The paper's configuration: DIR/sinmun.toml, written with commented defaults on first start,
// read with toml++; command-line flags override what it says.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sinmun {

// The newspaper's legal details that Korean law asks every online paper to show in its footer.
struct PaperInfo {
  std::string name = "한밭일보";
  std::string registration_number = "대전 아00000";  // 등록번호
  std::string registered_on = "2017-08-01";          // 등록일
  std::string publisher = "홍길동";                  // 발행인
  std::string editor = "홍길동";                     // 편집인
  std::string published_on = "2017-08-01";           // 발행일 (신문법 제21조)
  std::string youth_protection_officer = "김영희";   // 청소년보호책임자
  std::string address = "대전광역시 서구 둔산로 100";
  std::string phone = "042-000-0000";
  std::string email = "webmaster@example.com";
};

// [newsroom]: the back office's sessions (issue #3).
struct NewsroomConfig {
  // Set the Secure flag on the session cookie. It is on anyway unless the paper is served
  // over plain http on loopback (PlainHttpOnLoopback).
  bool secure_cookies = false;
  int session_idle_minutes = 720;  // a session unused this long ends (sliding)
  int session_max_days = 7;        // a session this old ends however busy (issue #17)
  // Saving a published article whose headline and body changed by more than this share (in
  // percent of its characters) asks for a confirmation first: the portals penalise papers
  // that rewrite a sent article wholesale (issue #18).
  int change_warning_percent = 30;
};

struct Config {
  PaperInfo paper;
  NewsroomConfig newsroom;
  std::string language = "ko";            // "ko" or "en": which messages file labels come from
  std::string listen = "127.0.0.1:8080";  // address:port
  std::string base_url;                   // e.g. "https://news.example.com"; empty: from Host
  int threads = 0;                        // I/O threads; 0 means one per core
  int page_cache_seconds = 60;            // how long a rendered page may be served unchanged
  int page_cache_mb = 64;                 // memory for rendered pages (bodies + gzip forms)
  // Load balancers / reverse proxies whose X-Forwarded-For names the reader (addresses or
  // networks, comma-separated); "" trusts none and the peer is the reader.
  std::string trusted_proxies;
  // [server] store: where the paper's articles live; "" is the SQLite file in the data folder,
  // "postgres://user@host:port/db" a PostgreSQL shared by several nodes (issue #8).
  std::string store_url;

  // ---- Readers: views, recommends, e-mail, sharing (issue #4) ----
  int views_flush_seconds = 5;  // [counters] flush_seconds: views are written in batches
  bool count_views = true;      // [counters] count_views: false turns view counting off
  std::string smtp_url = "smtp://127.0.0.1:25";   // [mail] smtp_url (smtp:// or smtps://)
  std::string mail_from = "noreply@example.com";  // [mail] from: envelope and From address
  int mail_retry_seconds = 60;       // [mail] retry_seconds: first retry; doubles up to an hour
  int mail_per_client_per_hour = 5;  // [mail] per_client_per_hour: forms one reader may send
  int mail_per_sender_per_day = 20;  // [mail] per_sender_per_day: forms one sender address may send
  int mail_per_article_per_hour = 30;  // [mail] per_article_per_hour: forms about one article
  int mail_site_per_hour = 300;        // [mail] site_per_hour: forms of all readers together
  int mail_min_fill_seconds = 3;       // [mail] min_fill_seconds: a form sent sooner is refused
  std::string kakao_app_key;           // [share] kakao_app_key: loads the Kakao JS SDK when set

  // ---- Search engines (issue #18) ----
  // [indexnow] endpoints: IndexNow endpoints told of every publication, update and
  // unpublication, comma-separated ("https://searchadvisor.naver.com/indexnow, …"); "": none.
  // Nothing is sent without base_url. [indexnow] key: the key served at /{key}.txt; "": made
  // on first start and kept in the site settings.
  std::string indexnow_endpoints;
  std::string indexnow_key;
  // [site] naver_site_verification, google_site_verification: the content of the
  // verification meta tags of Naver Search Advisor and Google Search Console; "": no tag.
  std::string naver_site_verification;
  std::string google_site_verification;

  // ---- Reader comments (issue #16) ----
  bool comments_enabled = true;           // [comments] enabled: false hides and refuses them
  int comment_hide_after_reports = 3;     // [comments] hide_after_reports: 신고 that hide one
  int comment_min_interval_seconds = 15;  // [comments] min_interval_seconds: 0 for no limit
  int comment_per_hour = 30;  // [comments] per_hour: comments one visitor may post (0: any number)
  // [comments] close_after_days: the site's default for articles without a setting of their
  // own: no new comments from this many days after publication; 0 never closes.
  int comment_close_after_days = 0;
  // BEST (베스트 댓글): the top comments by recommends plus replies, pinned above the list.
  int comment_best_count = 3;       // [comments] best_count: how many at most; 0: none
  int comment_best_min_score = 10;  // [comments] best_min_score: recommends + replies needed
  // [comments] best_after_minutes: none for articles published less than this long ago, so
  // that the first few comments of a fresh article are not pinned over the ones that follow.
  int comment_best_after_minutes = 60;
  // [comments] show_partial_address: a guest's nickname shows the start of the address they
  // posted from (211.234.*.*, IPv6 its first two groups), as Korean boards do. Only that
  // start is stored, whatever this says.
  bool comment_show_partial_address = false;
  // The banned-word filter, set on the newsroom's settings page only (site_settings.hpp):
  // one word a line, and what a comment holding one gets: "hold" (kept for a moderator) or
  // "refuse" (the writer is told to change it).
  std::string comment_banned_words;
  std::string comment_banned_word_action = "hold";

  // ---- Several nodes (issue #8) ----
  std::string redis_url;   // [redis] url: "redis://host:port/db" shares the rankings; "": one node
  std::string search_dir;  // [search] dir: this node's search index; "": DIR/search

  // ---- Operations (issue #20) ----
  // [log] level: "trace", "debug", "info", "warn", "error" or "off" (the server's own log on
  // stderr). [log] access_log: a file (relative to DIR) for JSON lines, "-" for stdout, "": none.
  std::string log_level = "info";
  std::string access_log;
  // [metrics] allow: addresses or networks that may read /metrics (as trusted_proxies);
  // [metrics] token: a bearer token that may read it from anywhere ("": none).
  std::string metrics_allow = "127.0.0.1, ::1";
  std::string metrics_token;

  // ---- Scheduled backups (issue #15) ----
  // [backup] every: "" (none), "hourly" or "daily": `serve` writes a `sinmun backup` file
  // into [backup] folder (relative to DIR) that often, keeping the newest [backup] keep.
  std::string backup_every;
  int backup_keep = 14;
  std::string backup_folder = "backups";
};

// Text of a sinmun.toml with every default written out and commented.
std::string DefaultConfigText();

// Reads `path`. kNotFound if it is missing; kInvalidInput with the line if it does not parse
// or holds a value of the wrong type or range.
Result<Config> LoadConfig(const std::string& path);
// The same reading of a file's text; `path` names it in error messages. Never kNotFound.
Result<Config> ParseConfig(std::string_view text, const std::string& path);

// Splits "host:port" (port 0..65535). kInvalidInput when malformed.
struct ListenAddress {
  std::string host;
  unsigned short port = 0;
};
Result<ListenAddress> ParseListen(const std::string& listen);

// base_url starts with https://: browsers reach the paper over TLS (HSTS, __Host- cookies).
bool ServedOverHttps(const Config& config);
// The paper listens on a loopback address and base_url is empty or names a loopback host
// over http: a developer's machine, where a Secure cookie would never come back. Anything
// else faces a network and gets Secure cookies.
bool PlainHttpOnLoopback(const Config& config);

}  // namespace sinmun
