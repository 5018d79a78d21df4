#pragma once
// A small synchronous HTTP/1.1 client for tests (Boost.Beast underneath, kept out of this
// header). Every call has a timeout, so a hung server fails a test instead of hanging it.
// Note: this declares namespace sinmun::testing; inside namespace sinmun, name GoogleTest's
// namespace as ::testing.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinmun::testing {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;       // 0 when no response came; see error
  HttpHeaders headers;  // names lower-cased, in the order received
  std::string body;     // as sent (still gzipped if Content-Encoding says so)
  std::string error;    // why status is 0

  // The first header with this (case-insensitive) name, or "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

constexpr std::chrono::milliseconds kDefaultHttpTimeout{5000};

// A desktop Chrome's User-Agent: a reader the site counts (not a bot) and shows the PC view.
inline constexpr char kDesktopChrome[] =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
    "Safari/537.36";

// The bytes inside a gzip body; "<corrupt gzip>" when it does not decode to its end.
std::string Gunzip(const std::string& gzip);
// The bytes inside a brotli body; "<corrupt brotli>" when it does not decode to its end.
std::string Unbrotli(const std::string& brotli);

// One request on a fresh connection to 127.0.0.1:port.
HttpResponse HttpGet(std::uint16_t port, const std::string& target,
                     const HttpHeaders& headers = {});
HttpResponse HttpRequest(std::uint16_t port, const std::string& method, const std::string& target,
                         const HttpHeaders& headers = {}, const std::string& body = "");

// Writes `bytes` as they are, then reads until the server closes or `timeout` passes; returns
// what was read. `closed`, when given, tells whether the server closed (EOF or reset) in time.
std::string SendRaw(std::uint16_t port, std::string_view bytes,
                    std::chrono::milliseconds timeout = kDefaultHttpTimeout,
                    bool* closed = nullptr);

// A keep-alive connection for several requests in a row.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const;
  HttpResponse Request(const std::string& method, const std::string& target,
                       const HttpHeaders& headers = {}, const std::string& body = "");
  // Waits up to `timeout` for the server to close the connection; true when it did.
  bool WaitForClose(std::chrono::milliseconds timeout = kDefaultHttpTimeout);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sinmun::testing
