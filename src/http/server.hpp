#pragma once
// The HTTP/1.1 server: Boost.Beast over Asio, one io_context per thread. Knows nothing of news.
// Parses requests with limits, dispatches to a Router, writes responses with Date, ETag/304,
// gzip when asked, keep-alive, HEAD without body; styled errors via ServerOptions::error_page.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/client_address.hpp"
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
};

// Thread safety: port(), Stop() and handler_failures() from any thread; Run() once.
// REQUIRES: Run() has returned (or was never called) before the Server is destroyed.
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
};

}  // namespace sinmun::http
