#include "support/http_client.hpp"

#include "http/encoding.hpp"

// <utility> before Asio: Boost 1.74's Asio uses std::exchange without including it.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <utility>

namespace sinmun::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Runs the io_context until the started operation completes, then readies it for the next.
void RunOnce(asio::io_context& io) {
  io.run();
  io.restart();
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  const std::string lower = Lower(name);
  for (const auto& [key, value] : headers) {
    if (key == lower) return value;
  }
  return "";
}

bool HttpResponse::HasHeader(std::string_view name) const {
  const std::string lower = Lower(name);
  for (const auto& header : headers) {
    if (header.first == lower) return true;
  }
  return false;
}

struct HttpConnection::State {
  std::uint16_t port = 0;
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool connected = false;
  std::string error;
};

HttpConnection::HttpConnection(std::uint16_t port) : state_(std::make_unique<State>()) {
  state_->port = port;
  error_code result;
  state_->stream.expires_after(kDefaultHttpTimeout);
  state_->stream.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port),
                               [&result](const error_code& ec) { result = ec; });
  RunOnce(state_->io);
  state_->connected = !result;
  if (result) state_->error = "connect: " + result.message();
}

HttpConnection::~HttpConnection() = default;

bool HttpConnection::connected() const { return state_->connected; }

HttpResponse HttpConnection::Request(const std::string& method, const std::string& target,
                                     const HttpHeaders& headers, const std::string& body) {
  HttpResponse response;
  if (!state_->connected) {
    response.error = state_->error.empty() ? "not connected" : state_->error;
    return response;
  }
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(state_->port));
  for (const auto& [name, value] : headers) request.insert(name, value);
  if (!body.empty() || method == "POST") {
    request.body() = body;
    request.prepare_payload();
  }

  error_code result;
  state_->stream.expires_after(kDefaultHttpTimeout);
  bhttp::async_write(state_->stream, request,
                     [&result](const error_code& ec, size_t) { result = ec; });
  RunOnce(state_->io);
  // A server that answers early (413) may reset the rest of the write; its answer still counts.
  const std::string write_error = result ? "write: " + result.message() : "";

  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  state_->stream.expires_after(kDefaultHttpTimeout);
  bhttp::async_read(state_->stream, state_->buffer, parser,
                    [&result](const error_code& ec, size_t) { result = ec; });
  RunOnce(state_->io);
  if (result) {
    state_->connected = false;
    response.error = write_error.empty() ? "read: " + result.message() : write_error;
    return response;
  }
  const auto& message = parser.get();
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(
        Lower(std::string_view(field.name_string().data(), field.name_string().size())),
        std::string(field.value()));
  }
  response.body = message.body();
  if (!message.keep_alive()) state_->connected = false;
  return response;
}

bool HttpConnection::WaitForClose(std::chrono::milliseconds timeout) {
  error_code result;
  char byte;
  state_->stream.expires_after(timeout);
  state_->stream.async_read_some(asio::buffer(&byte, 1),
                                 [&result](const error_code& ec, size_t) { result = ec; });
  RunOnce(state_->io);
  state_->connected = false;
  return result && result != beast::error::timeout;
}

HttpResponse HttpGet(std::uint16_t port, const std::string& target, const HttpHeaders& headers) {
  return HttpRequest(port, "GET", target, headers);
}

HttpResponse HttpRequest(std::uint16_t port, const std::string& method, const std::string& target,
                         const HttpHeaders& headers, const std::string& body) {
  HttpConnection connection(port);
  return connection.Request(method, target, headers, body);
}

std::string SendRaw(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout,
                    bool* closed) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  error_code result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  stream.expires_at(deadline);
  stream.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port),
                       [&result](const error_code& ec) { result = ec; });
  RunOnce(io);
  if (closed != nullptr) *closed = false;
  if (result) return "";
  asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()),
                    [&result](const error_code& ec, size_t) { result = ec; });
  RunOnce(io);
  std::string received;
  char chunk[4096];
  while (true) {
    size_t got = 0;
    stream.async_read_some(asio::buffer(chunk), [&](const error_code& ec, size_t n) {
      result = ec;
      got = n;
    });
    RunOnce(io);
    received.append(chunk, got);
    if (result) break;
  }
  if (closed != nullptr) *closed = result != beast::error::timeout;
  return received;
}

std::string Gunzip(const std::string& gzip) {
  std::string out;
  return http::Gunzip(gzip, out) ? out : "<corrupt gzip>";
}

std::string Unbrotli(const std::string& brotli) {
  std::string out;
  return http::BrotliDecompress(brotli, out) ? out : "<corrupt brotli>";
}

}  // namespace sinmun::testing
