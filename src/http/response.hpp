#pragma once
// What a handler returns. Bodies are shared and immutable so that a cache can hand the same
// bytes to many connections without copying.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace sinmun::http {

// Bytes prepared once for serving many times: the body, its gzip form (when worth it) and
// a strong ETag. Caches keep these.
// `bytes` may be null when `gzip` is set (see GzipOnly): the server then decompresses the
// gzip form for the rare client that does not accept it.
// The brotli form of a prepared body (issue #14), made the first time a client that takes br
// asks for the body and kept with it from then on: a page cache entry keeps it beside the gzip
// form. Made on demand rather than in Prepare so that a page miss of a gzip-only client costs
// no more than before, and only the pages br clients ask for pay for it, once each.
// Thread safety: Of from any thread; concurrent first callers wait for one compression.
class BrotliForm {
 public:
  // The brotli form of `bytes` (the body it was made for: the same bytes on every call); null
  // when brotli does not make them smaller.
  const std::string* Of(std::string_view bytes) const;
  // The same for a body kept in its gzip form only (GzipOnly, a cached page cut at its holes):
  // `gzip` is inflated once, on the first call, and not kept. REQUIRES: the same gzip form (or
  // one of the same bytes) on every call, and `gzip` is a valid gzip member.
  const std::string* OfGzip(std::string_view gzip) const;
  // Bytes held: 0 until made.
  std::size_t size() const { return size_.load(std::memory_order_acquire); }

 private:
  // Compresses `bytes`, unless they could not be read (`readable` false: no form).
  void Make(std::string_view bytes, bool readable) const;

  mutable std::once_flag made_;
  mutable std::string brotli_;
  mutable bool useful_ = false;
  mutable std::atomic<std::size_t> size_{0};
};

struct PreparedBody {
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzip;  // null when not compressible or not worth it
  std::string etag;                         // quoted, e.g. "\"5f2b...\""
  // Set beside `gzip`: brotli for clients that take it, made from `bytes` or, for a body
  // without them, from the bytes `gzip` holds.
  std::shared_ptr<const BrotliForm> brotli;
};

// Computes the ETag and, for text types over a few hundred bytes, the gzip form.
PreparedBody Prepare(std::string bytes, bool compressible);
// `body` without its uncompressed bytes when it has a gzip form: for keeping large, rarely
// fetched documents (a 50,000-URL sitemap is 4.5 MB, 0.6 MB gzipped) in a memory cache.
PreparedBody GzipOnly(PreparedBody body);

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  PreparedBody body;          // etag/gzip filled by the server if left empty
  std::string cache_control;  // empty: "no-cache" for 200s (revalidate with ETag)
  std::vector<std::pair<std::string, std::string>> headers;  // Location, Set-Cookie, Vary…
};

Response Html(std::string html, int status = 200);
Response Json(std::string json, int status = 200);
Response Text(std::string text, int status = 200);
// A redirect with an empty body; 301 unless told.
Response Redirect(std::string location, int status = 301);
// Serves a prepared body as-is (status 200).
Response Prepared(const PreparedBody& body, std::string content_type);

// The one place where error codes become HTTP statuses.
int StatusFor(ErrorCode code);

}  // namespace sinmun::http
