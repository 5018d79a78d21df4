#pragma once
// Small HTTP helpers shared by the server, Prepare() and static files: hashing for ETags,
// gzip and brotli, header-value parsing. No Beast types; exposed so they can be tested on their
// own.

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>

namespace sinmun::http {

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

// A fast 64-bit non-cryptographic hash (stable across runs and builds: ETags survive restarts).
std::uint64_t Hash64(std::string_view bytes);
// A strong ETag: the hash as 16 hex digits in quotes.
std::string StrongEtag(std::string_view bytes);

// True when an Accept-Encoding value allows gzip ("gzip", "x-gzip" or "*", with q > 0).
bool AcceptsGzip(std::string_view accept_encoding);
// True when an Accept-Encoding value lists "br" with q > 0 ("*" alone is not taken to mean
// brotli: a client that names no coding gets gzip at most).
bool AcceptsBrotli(std::string_view accept_encoding);
// True when an If-None-Match value ("*", a list, W/ prefixes) matches `etag` (weak comparison).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);
// text/*, and types naming json, xml or javascript: worth compressing.
bool IsCompressibleType(std::string_view content_type);

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 7231 IMF-fixdate), 29 characters.
std::string HttpDate(std::time_t time);

// Replaces `out` with the bytes that the gzip form `gzip` holds; false when it is corrupt.
bool Gunzip(std::string_view gzip, std::string& out);

// Replaces `out` with the brotli (RFC 7932) form of `bytes` at `quality` (0-11), text mode;
// false on a failure.
bool BrotliCompress(std::string_view bytes, int quality, std::string& out);
// Replaces `out` with the bytes that the brotli form `brotli` holds; false when it is corrupt.
bool BrotliDecompress(std::string_view brotli, std::string& out);

// A reusable gzip (RFC 1952) deflater. Not thread safe: one a thread.
class GzipCompressor {
 public:
  explicit GzipCompressor(int level);
  ~GzipCompressor();
  GzipCompressor(const GzipCompressor&) = delete;
  GzipCompressor& operator=(const GzipCompressor&) = delete;

  // Replaces `out` with the gzip form of `bytes` (level 1: ISA-L's igzip, others: libdeflate);
  // false on a failure.
  bool Compress(std::string_view bytes, std::string& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sinmun::http
