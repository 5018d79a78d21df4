#pragma once
// The HTTP/1.1 server: Boost.Beast over Asio, one io_context per thread. Knows nothing of news.
// Parses requests with limits, dispatches to a Router, writes responses with Date, ETag/304,
// gzip when asked, keep-alive, HEAD without body; styled errors via ServerOptions::error_page.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "http/client_address.hpp"
#include "http/request_observer.hpp"
#include "http/router.hpp"

namespace sinmun::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (tests); see Server::port()
  int threads = 0;         // 0: one per core
  // Larger bodies: 413. A route may allow more, and refuse a request before its body is read
  // (http::Admission, asked once the headers are parsed).
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;         // larger request line + headers: 431
  std::chrono::seconds header_timeout{10};         // a client must send its headers within this
  std::chrono::seconds idle_timeout{60};           // keep-alive connections idle longer are closed
  std::chrono::seconds body_timeout{30};           // a client must send its body within this
  std::chrono::milliseconds shutdown_grace{3000};  // in-flight responses get this long to finish
  // Renders the page for a status the server itself produces (400, 404, 405, 413, 431, 500).
  // Unset: a plain-text body.
  std::function<Response(int status)> error_page;
  // Load balancers whose X-Forwarded-For names the client (Request::remote_address).
  TrustedProxies trusted_proxies;
  // Headers every response gets, the security policy among them (CSP, HSTS, nosniff), error
  // responses of the server's own included: the first rule whose path_prefix starts the
  // request's decoded path counts. A header the handler set itself wins over the rule's.
  struct HeaderRule {
    std::string path_prefix;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  std::vector<HeaderRule> response_headers;
  // Open connections allowed in total and from one TCP peer address (trusted proxies are
  // exempt from the second: their connections carry many readers). Beyond either, a new
  // connection is answered 503 with Retry-After and closed, without reading its request.
  std::size_t max_connections = 20000;
  std::size_t max_connections_per_address = 128;
  // Threads for the routes marked Admission::on_work_pool, and how many of their requests
  // may wait for one; a request beyond is answered 503 with Retry-After (the error page's
  // 503). Each password hash holds 64 MB while it runs: threads bound that memory too.
  std::size_t work_threads = 2;
  std::size_t work_queue = 64;
  // Told about every response (metrics, access log). REQUIRES: they outlive the server.
  std::vector<RequestObserver*> observers;
  // Called on SIGHUP (reopen log files for logrotate); unset: SIGHUP keeps its default.
  std::function<void()> on_hangup;
};

// Thread safety: port(), Stop() and the counters from any thread; Run()
// once. REQUIRES: Run() has returned (or was never called) before the Server is destroyed.
class Server {
 public:
  // Binds and listens. kUnavailable with a clear detail when the address is in use or cannot
  // be bound; kInvalidInput for a malformed host (an IP address is required, not a name).
  // Sets router's error page from options.error_page unless the router has one.
  static Result<std::unique_ptr<Server>> Open(ServerOptions options, Router router);
  virtual ~Server() = default;

  // The bound port (useful with port 0).
  virtual std::uint16_t port() const = 0;
  // Serves until Stop() or SIGINT/SIGTERM; returns after in-flight responses are written.
  virtual void Run() = 0;
  // Thread safe; Run() returns soon after.
  virtual void Stop() = 0;
  // How many requests ended in an exception from a handler (answered 500). A bug alarm:
  // nothing a client sends may raise it.
  virtual std::uint64_t handler_failures() const = 0;
  // Client connections open now.
  virtual std::int64_t open_connections() const = 0;
  // Requests of work-pool routes being handled or waiting for a thread.
  virtual std::size_t pending_work() const = 0;
};

// Parses `bytes` as a connection's first request is parsed (limits, Host and
// Transfer-Encoding checks, target decoding), without a socket: 0 when the request is whole
// and would reach the router (*request filled: method, target, path, query, headers, body),
// -1 when more bytes are needed, else the status the server answers (400, 413, 431).
// For fuzzing (tests/fuzz) and tests.
int ParseRequest(std::string_view bytes, const ServerOptions& options, Request* request);

}  // namespace sinmun::http
