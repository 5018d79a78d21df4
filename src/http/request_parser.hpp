#pragma once
// How the server reads a request: Beast's parser filling a Request in place, the checks on its
// head (RFC 9112's Host and Transfer-Encoding rules, the limits) and the target's decoding.
// Apart from server.cpp so that the fuzz targets (tests/fuzz) build it without the server's
// sockets. Internal to http/: it brings Beast's parser headers.

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <optional>

#include "http/request.hpp"

namespace sinmun::http {

// Told by the parser when a request's head is complete, before any of its body is read.
class HeadListener {
 public:
  // The body limit that applies, or nullopt when the request is answered now.
  virtual std::optional<std::uint64_t> OnHead() = 0;

 protected:
  ~HeadListener() = default;
};

// Fills a Request straight from Beast's parser callbacks, reusing the strings of the previous
// request on the connection: no beast::http::fields, no allocation in the steady state.
class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  // `largest_body_limit` holds until the route is known: Beast checks a Content-Length
  // against it before on_header_impl, which then applies the route's own limit.
  RequestParser(Request& request, std::uint32_t header_limit, std::uint64_t largest_body_limit,
                HeadListener& listener)
      : request_(request), listener_(listener) {
    this->header_limit(header_limit);
    this->body_limit(largest_body_limit);
    eager(true);
    request_.body.clear();
    // A request refused before its request line is read must not be logged as the previous one.
    request_.method = Method::kOther;
    request_.target.clear();
  }

  int version() const { return version_; }
  bool expects_continue() const { return expects_continue_; }

 private:
  void on_request_impl(boost::beast::http::verb verb, boost::beast::string_view,
                       boost::beast::string_view target, int version,
                       boost::system::error_code& ec) override {
    if (version != 10 && version != 11) {
      ec = boost::beast::http::error::bad_version;
      return;
    }
    switch (verb) {
      case boost::beast::http::verb::get:
        request_.method = Method::kGet;
        break;
      case boost::beast::http::verb::head:
        request_.method = Method::kHead;
        break;
      case boost::beast::http::verb::post:
        request_.method = Method::kPost;
        break;
      default:
        request_.method = Method::kOther;
    }
    request_.target.assign(target.data(), target.size());
    version_ = version;
  }

  void on_response_impl(int, boost::beast::string_view, int,
                        boost::system::error_code& ec) override {
    ec = boost::beast::http::error::bad_method;
  }

  void on_field_impl(boost::beast::http::field field, boost::beast::string_view name,
                     boost::beast::string_view value, boost::system::error_code&) override;

  // Asks the listener about the route before any of the body is read.
  void on_header_impl(boost::system::error_code& ec) override;

  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         boost::system::error_code&) override {
    // Beast has already checked the length against body_limit.
    if (length) request_.body.reserve(static_cast<size_t>(*length));
  }

  size_t on_body_impl(boost::beast::string_view body, boost::system::error_code&) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view,
                            boost::system::error_code&) override {}

  size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body,
                            boost::system::error_code&) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_finish_impl(boost::system::error_code&) override {}

  Request& request_;
  HeadListener& listener_;
  size_t count_ = 0;
  int version_ = 11;
  bool expects_continue_ = false;
  int hosts_ = 0;
  bool bad_host_ = false;
  bool transfer_encoding_ = false;
  bool last_coding_chunked_ = false;
};

// The status a request the parser refused is answered with (400, 413, 431).
int StatusForParseError(const boost::system::error_code& ec);

// Fills request.path and request.query from request.target; false for a target the server
// answers 400 (not origin-form, bad percent-encoding, a NUL in the path).
bool DecodeTarget(Request& request);

}  // namespace sinmun::http
