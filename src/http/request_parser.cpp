#include "http/request_parser.hpp"

#include <string_view>

#include "http/encoding.hpp"
#include "http/server.hpp"

namespace sinmun::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

// RFC 9112 3.2 / RFC 3986 3.2.2: a host (reg-name, IPv4 or bracketed IP literal) and an
// optional port. Empty is allowed: a client sends it when the target has no authority.
bool IsValidHost(std::string_view host) {
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("-._~%!$&'()*+,;=:[]").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// The head's part of a request parsed without a connection: the target decoded, the
// server's body limit.
class TargetDecoder final : public HeadListener {
 public:
  TargetDecoder(Request& request, std::uint64_t body_limit)
      : request_(request), body_limit_(body_limit) {}
  std::optional<std::uint64_t> OnHead() override {
    if (!DecodeTarget(request_)) return std::nullopt;
    return body_limit_;
  }

 private:
  Request& request_;
  std::uint64_t body_limit_;
};

}  // namespace

void RequestParser::on_field_impl(bhttp::field field, beast::string_view name,
                                  beast::string_view value, error_code&) {
  auto& headers = request_.headers;
  if (count_ == headers.size()) headers.emplace_back();
  std::string& lower = headers[count_].first;
  lower.assign(name.data(), name.size());
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  headers[count_].second.assign(value.data(), value.size());
  ++count_;
  if (field == bhttp::field::host) {
    ++hosts_;
    if (!IsValidHost(std::string_view(value.data(), value.size()))) bad_host_ = true;
  } else if (field == bhttp::field::transfer_encoding) {
    // Several fields form one list; only the last coding decides how the body is framed.
    const std::string_view codings(value.data(), value.size());
    const size_t comma = codings.rfind(',');
    const std::string_view last =
        TrimSpaces(comma == std::string_view::npos ? codings : codings.substr(comma + 1));
    if (!last.empty()) last_coding_chunked_ = EqualsIgnoreCase(last, "chunked");
    transfer_encoding_ = true;
  }
  if (field == bhttp::field::expect &&
      EqualsIgnoreCase(TrimSpaces(std::string_view(value.data(), value.size())), "100-continue")) {
    expects_continue_ = true;
  }
}

void RequestParser::on_header_impl(error_code& ec) {
  request_.headers.resize(count_);
  // RFC 9112 3.2: a 1.1 request has exactly one Host, and no request has two or a bad one.
  if (bad_host_ || hosts_ > 1 || (version_ == 11 && hosts_ == 0)) {
    ec = bhttp::error::bad_value;
    return;
  }
  // RFC 9112 6.3: a request body whose last coding is not chunked has no knowable end;
  // reading on would let the body pass for the next request (request smuggling).
  if (transfer_encoding_ && !last_coding_chunked_) {
    ec = bhttp::error::bad_transfer_encoding;
    return;
  }
  const std::optional<std::uint64_t> limit = listener_.OnHead();
  if (!limit) {
    ec = bhttp::error::bad_target;  // Parse answers: the refusal, or 400
    return;
  }
  if (content_length() && *content_length() > *limit) {
    ec = bhttp::error::body_limit;
    return;
  }
  this->body_limit(*limit);  // bounds a chunked body as it arrives
}

int StatusForParseError(const error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  return 400;
}

bool DecodeTarget(Request& request) {
  const std::string_view target = request.target;
  if (target.empty() || target.front() != '/') return false;
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  if (raw_path.find('%') == std::string_view::npos) {
    request.path.assign(raw_path);
  } else {
    std::optional<std::string> path = PercentDecode(raw_path, false);
    if (!path || path->find('\0') != std::string::npos) return false;
    request.path = std::move(*path);
  }
  if (question == std::string_view::npos) {
    request.query.clear();
  } else {
    request.query = ParseQuery(target.substr(question + 1));
  }
  return true;
}

int ParseRequest(std::string_view bytes, const ServerOptions& options, Request* request) {
  TargetDecoder decoder(*request, options.max_body_bytes);
  RequestParser parser(*request, static_cast<std::uint32_t>(options.max_header_bytes),
                       options.max_body_bytes, decoder);
  while (!parser.is_done()) {
    error_code ec;
    const size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec == bhttp::error::need_more || (!ec && used == 0)) return -1;
    if (ec == bhttp::error::bad_target) return 400;
    if (ec) return StatusForParseError(ec);
  }
  return 0;
}

}  // namespace sinmun::http
