#include "http/response.hpp"

#include "http/encoding.hpp"

namespace sinmun::http {
namespace {

// Below this a gzip form saves less than the Content-Encoding header costs.
constexpr size_t kMinGzipBytes = 512;
constexpr int kPreparedGzipLevel = 6;
// Brotli's low qualities are the fast ones; 4 is a guess at a miss's worth, not yet measured
// against libdeflate's level 6 here (its output is smaller than the gzip form: server_test).
constexpr int kBrotliQuality = 4;

Response WithBody(std::string bytes, std::string content_type, int status) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body.bytes = std::make_shared<const std::string>(std::move(bytes));
  return response;
}

}  // namespace

PreparedBody Prepare(std::string bytes, bool compressible) {
  PreparedBody prepared;
  prepared.etag = StrongEtag(bytes);
  if (compressible && bytes.size() >= kMinGzipBytes) {
    thread_local GzipCompressor compressor(kPreparedGzipLevel);
    std::string gzip;
    if (compressor.Compress(bytes, gzip) && gzip.size() < bytes.size()) {
      gzip.shrink_to_fit();
      prepared.gzip = std::make_shared<const std::string>(std::move(gzip));
      prepared.brotli = std::make_shared<const BrotliForm>();
    }
  }
  prepared.bytes = std::make_shared<const std::string>(std::move(bytes));
  return prepared;
}

PreparedBody GzipOnly(PreparedBody body) {
  if (body.gzip) {
    body.bytes.reset();
    body.brotli.reset();  // made from `bytes`, which are gone
  }
  return body;
}

void BrotliForm::Make(std::string_view bytes, bool readable) const {
  useful_ =
      readable && BrotliCompress(bytes, kBrotliQuality, brotli_) && brotli_.size() < bytes.size();
  if (!useful_) std::string().swap(brotli_);
  brotli_.shrink_to_fit();
  size_.store(brotli_.capacity(), std::memory_order_release);
}

const std::string* BrotliForm::Of(std::string_view bytes) const {
  std::call_once(made_, [&] { Make(bytes, true); });
  return useful_ ? &brotli_ : nullptr;
}

const std::string* BrotliForm::OfGzip(std::string_view gzip) const {
  std::call_once(made_, [&] {
    std::string bytes;
    const bool readable = Gunzip(gzip, bytes);
    Make(bytes, readable);
  });
  return useful_ ? &brotli_ : nullptr;
}

Response Html(std::string html, int status) {
  return WithBody(std::move(html), "text/html; charset=utf-8", status);
}

Response Json(std::string json, int status) {
  return WithBody(std::move(json), "application/json", status);
}

Response Text(std::string text, int status) {
  return WithBody(std::move(text), "text/plain; charset=utf-8", status);
}

Response Redirect(std::string location, int status) {
  Response response = WithBody(std::string(), "text/plain; charset=utf-8", status);
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

Response Prepared(const PreparedBody& body, std::string content_type) {
  Response response;
  response.content_type = std::move(content_type);
  response.body = body;
  return response;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace sinmun::http
