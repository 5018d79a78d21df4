#pragma once
// What the server tells about every response it writes, for metrics and the access log. The
// server calls each observer on the I/O thread that served the request, after the response
// head is built and before it is written: an observer must be quick (count, or copy a line
// into a buffer) and must not block.
// Thread safety: OnResponse is called from every I/O thread at once.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "http/request.hpp"

namespace sinmun::http {

struct ResponseSummary {
  int status = 0;                // as sent (304 for a matched ETag)
  std::uint64_t body_bytes = 0;  // on the wire, 0 for HEAD and bodyless statuses
  bool gzipped = false;          // any Content-Encoding: gzip or br
  // False for the server's own refusals of a request it could not read (400, 413, 431): the
  // request's method and target may be missing, and its headers are not to be trusted.
  bool complete = true;
  // From a complete request to the response's head being ready; the server's own refusals
  // (400, 413, 431) take 0.
  std::chrono::nanoseconds duration{0};
};

class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  // request.id is set; see ResponseSummary::complete. REQUIRES: no exception; no blocking.
  virtual void OnResponse(const Request& request, const ResponseSummary& response) = 0;
};

}  // namespace sinmun::http
