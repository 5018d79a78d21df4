#include "http/server.hpp"

// <utility> before Asio: Boost 1.74's Asio uses std::exchange without including it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <csignal>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/encoding.hpp"
#include "http/request_parser.hpp"
#include "http/work_pool.hpp"

namespace sinmun::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// Bodies at least this large with a compressible type are gzipped on the fly when asked.
constexpr size_t kMinOnTheFlyGzipBytes = 1024;
constexpr int kOnTheFlyGzipLevel = 6;
constexpr size_t kReadChunk = 8192;
// After an error response, unread input is drained this long (or this much) before closing,
// so that the client reads our status instead of a TCP reset. Enough for a browser to finish
// sending a photo just over the newsroom's 20 MB limit (it then shows our 413 page; with
// 4 MB it saw a broken connection).
constexpr std::chrono::seconds kLingerTime{2};
constexpr size_t kLingerMaxBytes = 64 << 20;
// Capacity a connection keeps for the next request's body; a larger one is released.
constexpr size_t kKeptBodyCapacity = 64 << 10;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

void AppendNumber(std::string& out, std::uint64_t number) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  out.append(digits, result.ptr);
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

// Two memchr calls over the value: find_first_of("\r\n") calls memchr on its two characters
// once per byte of the value, and that was 5 % of a cached page's CPU (issue #14).
bool IsSafeHeaderValue(std::string_view text) {
  return text.empty() || (std::memchr(text.data(), '\r', text.size()) == nullptr &&
                          std::memchr(text.data(), '\n', text.size()) == nullptr);
}

bool HasHeader(const std::vector<std::pair<std::string, std::string>>& headers,
               std::string_view name) {
  for (const auto& header : headers) {
    if (EqualsIgnoreCase(header.first, name)) return true;
  }
  return false;
}

// A request id a proxy may hand on: short, and only characters safe in a header and a log.
bool IsUsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class Connection;

// One I/O thread: its io_context and everything its connections share without locks.
struct Worker {
  // Declared before the io_context: connections unlink themselves from this list when the
  // io_context destroys their pending handlers.
  Connection* connections = nullptr;
  asio::io_context io{1};
  asio::steady_timer sweep_timer{io};
  GzipCompressor gzip{kOnTheFlyGzipLevel};
  std::time_t date_second = -1;
  std::string date;
  bool stopping = false;
  Clock::time_point grace_deadline;
  // Request ids: this worker's random prefix and a count, "3f9a0c1d2b7e4a55-1f".
  std::string id_prefix;
  std::uint64_t next_id = 0;

  void NextRequestId(std::string& out) {
    if (id_prefix.empty()) {
      std::random_device random;
      id_prefix = fmt::format("{:08x}{:08x}-", random(), random());
    }
    out.assign(id_prefix);
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, ++next_id, 16);
    out.append(digits, result.ptr);
  }

  const std::string& Date() {
    const std::time_t now = std::time(nullptr);
    if (now != date_second) {
      date_second = now;
      date = HttpDate(now);
    }
    return date;
  }
};

class BeastServer;

class Connection final : public std::enable_shared_from_this<Connection>, public HeadListener {
 public:
  Connection(BeastServer& server, Worker& worker, tcp::socket socket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Start();
  // The headers are parsed, the body not read: fills path, query and client address, and
  // asks the route's admission. The body limit that applies, or nullopt when the request is
  // answered now (a malformed target: 400; refused by the route: its response).
  std::optional<std::uint64_t> OnHead() override;
  // Closes the connection when its deadline has passed.
  void Sweep(Clock::time_point now);
  // The server is stopping: close when idle, else after the response in progress.
  void OnShutdown();
  void Close();

  Connection* next = nullptr;
  Connection* prev = nullptr;

 private:
  // kWorking: the handler runs on the server's work pool; the I/O thread leaves the
  // connection (its request included) alone until the response is posted back.
  enum class State { kIdle, kReading, kWorking, kWriting, kLingering, kClosed };

  void Refuse();
  void Read();
  void OnRead(const error_code& ec, size_t bytes);
  void Parse();
  bool ParseTarget();
  void HandleRequest();
  void HandleOnWorkPool(bool head);
  void FailRequest(int status);
  void RefuseRequest();
  void Send(Response&& response, bool head, bool negotiate);
  void OnWritten(const error_code& ec);
  void Linger();

  BeastServer& server_;
  Worker& worker_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  Request request_;
  std::string peer_address_;  // the TCP peer; request_.remote_address may be the client behind it
  std::optional<RequestParser> parser_;
  std::optional<Response> refusal_;  // the route's answer to a request it refused by its head
  Response response_;                // keeps the shared body alive while it is written
  std::string head_;
  std::string gzip_;
  std::string identity_;  // a gzip-only body, decompressed for one response
  State state_ = State::kIdle;
  Clock::time_point deadline_;
  Clock::time_point started_;  // when the request being answered was complete
  bool body_phase_ = false;
  bool keep_alive_ = true;
  bool linger_ = false;        // drain unread input before closing: the request was refused early
  bool admitted_ = false;      // counted in the server's connection caps
  bool on_work_pool_ = false;  // the route's handler runs on the work pool
  size_t lingered_ = 0;
};

class BeastServer final : public Server {
 public:
  BeastServer(ServerOptions options, Router router, size_t threads)
      : options_(std::move(options)), router_(std::move(router)) {
    for (size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
    acceptor_.emplace(workers_[0]->io);
    const auto shortest =
        std::min({options_.header_timeout, options_.idle_timeout, options_.body_timeout});
    sweep_interval_ =
        std::clamp<Clock::duration>(std::chrono::duration_cast<Clock::duration>(shortest) / 4,
                                    std::chrono::milliseconds(50), std::chrono::seconds(1));
  }

  ~BeastServer() override {
    // Sockets and timers must go before the io_contexts that own their state.
    acceptor_.reset();
    signals_.reset();
  }

  Result<> StartWorkPool() {
    Result<std::unique_ptr<WorkPool>> pool =
        WorkPool::Open(std::max<size_t>(1, options_.work_threads), options_.work_queue);
    if (!pool) return tl::unexpected(pool.error());
    pool_ = std::move(*pool);
    return {};
  }
  // False when the pool's queue is full. REQUIRES: StartWorkPool() succeeded.
  bool SubmitWork(std::function<void()> job) { return pool_->TrySubmit(std::move(job)); }

  Result<> Listen() {
    error_code ec;
    const asio::ip::address address = asio::ip::make_address(options_.host, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("listen host '{}' is not an IP address", options_.host));
    }
    const std::string where = address.is_v6() ? fmt::format("[{}]:{}", options_.host, options_.port)
                                              : fmt::format("{}:{}", options_.host, options_.port);
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (ec == asio::error::address_in_use) {
      return Fail(ErrorCode::kUnavailable, fmt::format("address {} is already in use", where));
    }
    if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) port_ = acceptor_->local_endpoint(ec).port();
    if (ec) {
      return Fail(ErrorCode::kUnavailable,
                  fmt::format("cannot listen on {}: {}", where, ec.message()));
    }
    // Catch SIGINT/SIGTERM from the moment the port is open: a supervisor that sees the port
    // and stops us before Run() still gets a graceful stop, not the default death.
    signals_.emplace(workers_[0]->io);
    signals_->add(SIGINT, ec);
    signals_->add(SIGTERM, ec);
    if (options_.on_hangup) signals_->add(SIGHUP, ec);
    WaitForSignal();
    return {};
  }

  void WaitForSignal() {
    signals_->async_wait([this](const error_code& error, int signal) {
      if (error) return;
      if (signal == SIGHUP) {
        spdlog::info("http: SIGHUP received, reopening logs");
        options_.on_hangup();
        WaitForSignal();
        return;
      }
      spdlog::info("http: signal {} received, stopping", signal);
      Stop();
    });
  }

  std::uint16_t port() const override { return port_; }

  std::uint64_t handler_failures() const override {
    return handler_failures_.load(std::memory_order_relaxed);
  }

  std::int64_t open_connections() const override {
    return open_sockets_.load(std::memory_order_relaxed);
  }
  std::size_t pending_work() const override { return pool_ ? pool_->pending() : 0; }
  void ConnectionOpened() { open_sockets_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { open_sockets_.fetch_sub(1, std::memory_order_relaxed); }

  void Run() override {
    if (ran_.exchange(true)) {
      spdlog::error("http: Server::Run called twice");
      return;
    }
    Worker& first = *workers_[0];
    StartAccept();
    for (auto& worker : workers_) ArmSweep(*worker);

    std::vector<std::thread> threads;
    for (size_t i = 1; i < workers_.size(); ++i) {
      Worker* worker = workers_[i].get();
      try {
        threads.emplace_back([worker] { RunWorker(*worker); });
      } catch (const std::system_error& e) {
        spdlog::error("http: cannot start I/O thread: {}", e.what());
        // Its io_context still holds connections handed to it: run it here after the rest.
        Stop();
      }
    }
    RunWorker(first);
    for (std::thread& thread : threads) thread.join();
    for (size_t i = 1 + threads.size(); i < workers_.size(); ++i) RunWorker(*workers_[i]);
  }

  void Stop() override {
    if (stop_requested_.exchange(true)) return;
    for (auto& worker : workers_) {
      Worker* w = worker.get();
      asio::post(w->io, [this, w] { BeginShutdown(*w); });
    }
  }

  // Renders a status the server produces itself, through options.error_page when set.
  Response ErrorResponse(int status) {
    if (options_.error_page) {
      try {
        Response response = options_.error_page(status);
        response.status = status;
        return response;
      } catch (const std::exception& e) {
        CountFailure(fmt::format("error page for {}", status), e.what());
      } catch (...) {
        CountFailure(fmt::format("error page for {}", status), "unknown exception");
      }
    }
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    return Text(fmt::format("{} {}\n", status, std::string_view(reason.data(), reason.size())),
                status);
  }

  Response Dispatch(Request& request) {
    try {
      return router_.Dispatch(request);
    } catch (const std::exception& e) {
      CountFailure(fmt::format("{} {}", MethodName(request.method), request.target), e.what());
    } catch (...) {
      CountFailure(fmt::format("{} {}", MethodName(request.method), request.target),
                   "unknown exception");
    }
    return ErrorResponse(500);
  }

  // The route's admission for a request whose body is not read yet. A refusal's response,
  // or nullopt; an exception from the predicate is a bug, answered 500.
  std::optional<Response> Admit(const Admission& admission, const Request& request) {
    if (!admission.admit) return std::nullopt;
    try {
      return admission.admit(request);
    } catch (const std::exception& e) {
      CountFailure(fmt::format("admit {}", request.target), e.what());
    } catch (...) {
      CountFailure(fmt::format("admit {}", request.target), "unknown exception");
    }
    return ErrorResponse(500);
  }

  const ServerOptions& options() const { return options_; }
  const Router& router() const { return router_; }
  std::uint64_t largest_body_limit() const {
    return std::max<std::uint64_t>(options_.max_body_bytes, router_.LargestBodyLimit());
  }

  const ServerOptions::HeaderRule* HeaderRuleFor(std::string_view path) const {
    for (const ServerOptions::HeaderRule& rule : options_.response_headers) {
      if (path.substr(0, rule.path_prefix.size()) == rule.path_prefix) return &rule;
    }
    return nullptr;
  }

  // Counts a new connection from `address` unless it would pass a cap. Thread safe.
  bool Admit(const std::string& address) {
    const bool capped_address = !options_.trusted_proxies.Contains(address);
    std::lock_guard lock(admission_mutex_);
    if (open_connections_ >= options_.max_connections) return false;
    if (capped_address) {
      size_t& from_address = connections_by_address_[address];
      if (from_address >= options_.max_connections_per_address) return false;
      ++from_address;
    }
    ++open_connections_;
    return true;
  }

  // REQUIRES: Admit(address) returned true for this connection. Thread safe.
  void Release(const std::string& address) {
    std::lock_guard lock(admission_mutex_);
    --open_connections_;
    const auto it = connections_by_address_.find(address);
    if (it != connections_by_address_.end() && --it->second == 0) {
      connections_by_address_.erase(it);
    }
  }

 private:
  static void RunWorker(Worker& worker) {
    // Handlers do not throw (they catch at their edge), but a bug must not take the process
    // down silently: log and keep serving.
    while (true) {
      try {
        worker.io.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("http: exception escaped an I/O handler: {}", e.what());
      }
    }
  }

  void CountFailure(const std::string& what, const char* message) {
    handler_failures_.fetch_add(1, std::memory_order_relaxed);
    spdlog::error("http: {} threw: {} (answered 500)", what, message);
  }

  void StartAccept() {
    if (!acceptor_->is_open()) return;
    Worker& target = *workers_[next_worker_];
    next_worker_ = (next_worker_ + 1) % workers_.size();
    acceptor_->async_accept(target.io, [this, &target](const error_code& ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
      if (ec) {
        // Out of file descriptors and the like: pause instead of spinning.
        spdlog::warn("http: accept failed: {}", ec.message());
        auto timer = std::make_shared<asio::steady_timer>(workers_[0]->io);
        timer->expires_after(std::chrono::milliseconds(100));
        timer->async_wait([this, timer](const error_code&) { StartAccept(); });
        return;
      }
      asio::post(target.io, [this, &target, socket = std::move(socket)]() mutable {
        if (target.stopping) return;
        std::make_shared<Connection>(*this, target, std::move(socket))->Start();
      });
      StartAccept();
    });
  }

  void ArmSweep(Worker& worker) {
    worker.sweep_timer.expires_after(worker.stopping ? std::chrono::milliseconds(50)
                                                     : sweep_interval_);
    worker.sweep_timer.async_wait([this, &worker](const error_code& ec) {
      if (ec) return;
      const Clock::time_point now = Clock::now();
      const bool past_grace = worker.stopping && now >= worker.grace_deadline;
      for (Connection* c = worker.connections; c != nullptr;) {
        Connection* next = c->next;
        if (past_grace) {
          c->Close();
        } else {
          c->Sweep(now);
        }
        c = next;
      }
      // Once stopping, the timer only runs while connections remain, so run() can return.
      if (!worker.stopping || worker.connections != nullptr) ArmSweep(worker);
    });
  }

  void BeginShutdown(Worker& worker) {
    worker.stopping = true;
    worker.grace_deadline = Clock::now() + options_.shutdown_grace;
    if (&worker == workers_[0].get()) {
      error_code ec;
      acceptor_->close(ec);
      if (signals_) signals_->cancel(ec);
    }
    for (Connection* c = worker.connections; c != nullptr;) {
      Connection* next = c->next;
      c->OnShutdown();
      c = next;
    }
    worker.sweep_timer.cancel();
    ArmSweep(worker);
  }

  ServerOptions options_;
  Router router_;
  // Before workers_: the connections their io_contexts destroy release themselves here.
  std::mutex admission_mutex_;
  size_t open_connections_ = 0;
  std::unordered_map<std::string, size_t> connections_by_address_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::signal_set> signals_;
  size_t next_worker_ = 0;
  Clock::duration sweep_interval_{};
  std::uint16_t port_ = 0;
  std::atomic<bool> ran_{false};
  std::atomic<bool> stop_requested_{false};
  std::atomic<std::uint64_t> handler_failures_{0};
  std::atomic<std::int64_t> open_sockets_{0};  // every accepted socket, refused ones too
  // After workers_, so destroyed before them: a job still queued posts to its io_context.
  // (Run() cannot return while a job is pending: each holds a work guard on its io_context.)
  std::unique_ptr<WorkPool> pool_;
};

Connection::Connection(BeastServer& server, Worker& worker, tcp::socket socket)
    : server_(server), worker_(worker), socket_(std::move(socket)) {
  server_.ConnectionOpened();
  next = worker_.connections;
  if (next != nullptr) next->prev = this;
  worker_.connections = this;
}

Connection::~Connection() {
  if (admitted_) server_.Release(peer_address_);
  server_.ConnectionClosed();
  if (prev != nullptr) {
    prev->next = next;
  } else {
    worker_.connections = next;
  }
  if (next != nullptr) next->prev = prev;
}

void Connection::Start() {
  error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  const tcp::endpoint remote = socket_.remote_endpoint(ec);
  if (ec) {
    Close();
    return;
  }
  peer_address_ = remote.address().to_string();
  request_.remote_address = peer_address_;
  if (!server_.Admit(peer_address_)) {
    Refuse();
    return;
  }
  admitted_ = true;
  const ServerOptions& options = server_.options();
  parser_.emplace(request_, static_cast<std::uint32_t>(options.max_header_bytes),
                  server_.largest_body_limit(), *this);
  // The header timeout runs from the connection, not from its first byte.
  state_ = State::kReading;
  deadline_ = Clock::now() + options.header_timeout;
  Read();
}

// Over a connection cap: a short fixed answer (no page render, nothing read), then close.
void Connection::Refuse() {
  keep_alive_ = false;
  linger_ = true;
  Response response = Text("503 Service Unavailable: too many connections, try again soon\n", 503);
  response.headers.emplace_back("Retry-After", "5");
  Send(std::move(response), false, false);
}

void Connection::Sweep(Clock::time_point now) {
  if (state_ != State::kClosed && now >= deadline_) Close();
}

void Connection::OnShutdown() {
  keep_alive_ = false;
  if (state_ == State::kIdle) Close();
}

void Connection::Close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  error_code ec;
  socket_.close(ec);
}

void Connection::Read() {
  socket_.async_read_some(
      buffer_.prepare(kReadChunk),
      [self = shared_from_this()](const error_code& ec, size_t bytes) { self->OnRead(ec, bytes); });
}

void Connection::OnRead(const error_code& ec, size_t bytes) {
  if (state_ == State::kClosed) return;
  if (ec) {
    Close();
    return;
  }
  buffer_.commit(bytes);
  if (state_ == State::kLingering) {
    lingered_ += bytes;
    buffer_.clear();
    if (lingered_ > kLingerMaxBytes) {
      Close();
    } else {
      Read();
    }
    return;
  }
  if (state_ == State::kIdle) {
    state_ = State::kReading;
    deadline_ = Clock::now() + server_.options().header_timeout;
  }
  Parse();
}

void Connection::Parse() {
  while (true) {
    error_code ec;
    const size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (refusal_) {
      RefuseRequest();
      return;
    }
    if (ec && ec != bhttp::error::need_more) {
      FailRequest(StatusForParseError(ec));
      return;
    }
    if (parser_->is_done()) {
      HandleRequest();
      return;
    }
    if (parser_->is_header_done() && !body_phase_) {
      body_phase_ = true;
      deadline_ = Clock::now() + server_.options().body_timeout;
      if (parser_->expects_continue()) {
        state_ = State::kWriting;
        asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                          [self = shared_from_this()](const error_code& error, size_t) {
                            if (self->state_ == State::kClosed) return;
                            if (error) {
                              self->Close();
                              return;
                            }
                            self->state_ = State::kReading;
                            self->Parse();
                          });
        return;
      }
    }
    if (ec == bhttp::error::need_more || used == 0) {
      Read();
      return;
    }
  }
}

std::optional<std::uint64_t> Connection::OnHead() {
  worker_.NextRequestId(request_.id);
  if (!ParseTarget()) return std::nullopt;
  const Admission& admission = server_.router().AdmissionFor(request_);
  on_work_pool_ = admission.on_work_pool;
  refusal_ = server_.Admit(admission, request_);
  if (refusal_) return std::nullopt;
  return admission.max_body_bytes > 0 ? admission.max_body_bytes : server_.options().max_body_bytes;
}

// Path, query and client address, from the request line and headers.
bool Connection::ParseTarget() {
  if (!DecodeTarget(request_)) return false;
  if (const TrustedProxies& proxies = server_.options().trusted_proxies; !proxies.empty()) {
    // Per request: one load balancer connection carries many readers' requests.
    std::string forwarded_for;
    for (const auto& [name, value] : request_.headers) {
      if (name != "x-forwarded-for") continue;
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += value;
    }
    request_.remote_address = proxies.ClientAddress(peer_address_, forwarded_for);
    // Behind a proxy that names its requests (nginx: proxy_set_header X-Request-Id
    // $request_id), both logs share the id.
    if (proxies.Contains(peer_address_)) {
      const std::string_view given = request_.Header("x-request-id");
      if (IsUsableRequestId(given)) request_.id.assign(given);
    }
  }
  return true;
}

void Connection::HandleRequest() {
  started_ = Clock::now();
  keep_alive_ = keep_alive_ && parser_->keep_alive() && !worker_.stopping;
  const bool head = request_.method == Method::kHead;
  if (on_work_pool_) {
    HandleOnWorkPool(head);
    return;
  }
  Send(server_.Dispatch(request_), head, true);
}

// The handler runs on a pool thread while this I/O thread serves its other connections; the
// response comes back to this thread to be written. The work guard keeps Run() from
// returning before it has.
void Connection::HandleOnWorkPool(bool head) {
  state_ = State::kWorking;
  deadline_ = Clock::time_point::max();  // the queue is bounded; the job ends
  auto job = [self = shared_from_this(), guard = asio::make_work_guard(worker_.io), head] {
    Response response = self->server_.Dispatch(self->request_);
    asio::post(self->worker_.io, [self, head, response = std::move(response)]() mutable {
      if (self->state_ == State::kClosed) return;  // closed at the end of a shutdown's grace
      self->Send(std::move(response), head, true);
    });
  };
  if (server_.SubmitWork(std::move(job))) return;
  // The queue is full. The body is read, so the connection can go on.
  Response busy = server_.ErrorResponse(503);
  busy.headers.emplace_back("Retry-After", "1");
  Send(std::move(busy), head, true);
}

void Connection::FailRequest(int status) {
  started_ = Clock::now();
  worker_.NextRequestId(request_.id);
  keep_alive_ = false;
  linger_ = true;
  Send(server_.ErrorResponse(status), false, false);
}

// The route refused the request by its head: answer, drop the body unread, close.
void Connection::RefuseRequest() {
  started_ = Clock::now();
  keep_alive_ = false;
  linger_ = true;
  Response refusal = std::move(*refusal_);
  refusal_.reset();
  Send(std::move(refusal), request_.method == Method::kHead, false);
}

void Connection::Send(Response&& response, bool head, bool negotiate) {
  response_ = std::move(response);
  if (response_.status < 100 || response_.status > 599) {
    spdlog::error("http: handler for {} returned status {}; answering 500", request_.target,
                  response_.status);
    response_ = server_.ErrorResponse(500);
  }
  const int status = response_.status;
  const std::string* body = response_.body.bytes.get();
  const bool bodyless_status = status == 204 || status == 304 || (status >= 100 && status < 200);

  if (status == 200 && response_.body.etag.empty() && body != nullptr) {
    response_.body.etag = StrongEtag(*body);
  }
  bool not_modified = false;
  if (negotiate && status == 200 && !response_.body.etag.empty()) {
    const std::string_view if_none_match = request_.Header("if-none-match");
    not_modified = !if_none_match.empty() && EtagMatches(if_none_match, response_.body.etag);
  }

  const std::string* gzip = response_.body.gzip.get();
  // A gzip-only body (GzipOnly) for a client that does not take gzip: decompress it here.
  // Its ETag names the uncompressed bytes, so the answer is the same as for a full body.
  const std::string_view accept_encoding = request_.Header("accept-encoding");
  const bool accepts_gzip = negotiate && AcceptsGzip(accept_encoding);
  if (body == nullptr && gzip != nullptr && !accepts_gzip && !not_modified) {
    if (!Gunzip(*gzip, identity_)) {
      spdlog::error("http: corrupt gzip-only body for {}; answering 500", request_.target);
      Send(server_.ErrorResponse(500), head, negotiate);
      return;
    }
    body = &identity_;
    gzip = nullptr;
  }
  const std::string* payload = body;
  const bool on_the_fly = gzip == nullptr && body != nullptr && !bodyless_status &&
                          body->size() >= kMinOnTheFlyGzipBytes &&
                          IsCompressibleType(response_.content_type);
  const bool vary = gzip != nullptr || on_the_fly;
  bool gzipped = false;
  bool brotli = false;
  // Brotli for a client that takes it, when the body keeps a brotli form beside its gzip form
  // (made on the first such request, http::BrotliForm, from the body or, for a gzip-only body,
  // from what its gzip form holds); a 304 names it without making it.
  if (vary && response_.body.brotli && (body != nullptr || gzip != nullptr) && negotiate &&
      AcceptsBrotli(accept_encoding)) {
    if (not_modified) {
      brotli = true;
    } else if (const std::string* form = body != nullptr ? response_.body.brotli->Of(*body)
                                                         : response_.body.brotli->OfGzip(*gzip)) {
      payload = form;
      brotli = true;
    }
  }
  if (vary && accepts_gzip && !brotli) {
    if (gzip != nullptr) {
      payload = gzip;
      gzipped = true;
    } else if (!not_modified && worker_.gzip.Compress(*body, gzip_) &&
               gzip_.size() < body->size()) {
      payload = &gzip_;
      gzipped = true;
    }
  }

  const int shown_status = not_modified ? 304 : status;
  std::string& out = head_;
  out.clear();
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<std::uint64_t>(shown_status));
  out.push_back(' ');
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(shown_status));
  out.append(reason.data(), reason.size());
  out.append("\r\nServer: sinmun\r\nDate: ");
  out.append(worker_.Date());
  out.append("\r\n");
  if (!not_modified && !bodyless_status) {
    if (IsSafeHeaderValue(response_.content_type)) {
      AppendHeader(out, "Content-Type", response_.content_type);
    }
    out.append("Content-Length: ");
    AppendNumber(out, payload != nullptr ? payload->size() : 0);
    out.append("\r\n");
  }
  if (!response_.body.etag.empty() && IsSafeHeaderValue(response_.body.etag)) {
    out.append("ETag: ");
    // The gzip form is another representation: its tag is weak, as nginx does.
    if ((gzipped || brotli) && response_.body.etag.front() == '"') out.append("W/");
    out.append(response_.body.etag);
    out.append("\r\n");
  }
  if (!response_.cache_control.empty() && IsSafeHeaderValue(response_.cache_control)) {
    AppendHeader(out, "Cache-Control", response_.cache_control);
  } else if (status == 200) {
    out.append("Cache-Control: no-cache\r\n");
  }
  if (vary) out.append("Vary: Accept-Encoding\r\n");
  if (gzipped && !not_modified) out.append("Content-Encoding: gzip\r\n");
  if (brotli && !not_modified) out.append("Content-Encoding: br\r\n");
  for (const auto& [name, value] : response_.headers) {
    // A handler must never be able to split the response.
    if (IsSafeHeaderValue(name) && IsSafeHeaderValue(value)) AppendHeader(out, name, value);
  }
  // Only a request that reached the router has a decoded path; else the raw target decides.
  const std::string_view policy_path =
      negotiate ? std::string_view(request_.path) : std::string_view(request_.target);
  if (const ServerOptions::HeaderRule* rule = server_.HeaderRuleFor(policy_path)) {
    for (const auto& [name, value] : rule->headers) {
      if (!HasHeader(response_.headers, name)) AppendHeader(out, name, value);
    }
  }
  if (!request_.id.empty()) AppendHeader(out, "X-Request-Id", request_.id);
  if (!keep_alive_) {
    out.append("Connection: close\r\n");
  } else if (parser_->version() == 10) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");

  std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::const_buffer()};
  if (!head && !not_modified && !bodyless_status && payload != nullptr) {
    buffers[1] = asio::buffer(*payload);
  }
  if (const auto& observers = server_.options().observers; !observers.empty()) {
    ResponseSummary summary;
    summary.status = shown_status;
    summary.body_bytes = buffers[1].size();
    summary.gzipped = gzipped || brotli;
    summary.complete = !linger_;
    summary.duration = linger_ ? Clock::duration::zero() : Clock::now() - started_;
    for (RequestObserver* observer : observers) observer->OnResponse(request_, summary);
  }
  state_ = State::kWriting;
  // A reader too slow to take the response is treated like an idle one.
  deadline_ = Clock::now() + server_.options().idle_timeout;
  asio::async_write(socket_, buffers, [self = shared_from_this()](const error_code& ec, size_t) {
    self->OnWritten(ec);
  });
}

void Connection::OnWritten(const error_code& ec) {
  if (state_ == State::kClosed) return;
  if (ec) {
    Close();
    return;
  }
  response_.body.bytes.reset();
  response_.body.gzip.reset();
  response_.body.brotli.reset();
  identity_ = std::string();
  // An upload's body (up to the route's limit, 20 MB) must not stay reserved for the rest of
  // a keep-alive connection's life: ordinary requests reuse a small buffer.
  // (Assigning an empty string would keep the buffer: libstdc++ copies a short string into
  // the storage it has.)
  if (request_.body.capacity() > kKeptBodyCapacity) std::string().swap(request_.body);
  if (buffer_.capacity() > kKeptBodyCapacity && buffer_.size() == 0) buffer_.shrink_to_fit();
  if (!keep_alive_) {
    if (linger_) {
      Linger();
    } else {
      error_code ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      Close();
    }
    return;
  }
  const ServerOptions& options = server_.options();
  parser_.emplace(request_, static_cast<std::uint32_t>(options.max_header_bytes),
                  server_.largest_body_limit(), *this);
  body_phase_ = false;
  if (buffer_.size() > 0) {  // a pipelined request is already here
    state_ = State::kReading;
    deadline_ = Clock::now() + options.header_timeout;
    Parse();
  } else {
    state_ = State::kIdle;
    deadline_ = Clock::now() + options.idle_timeout;
    Read();
  }
}

void Connection::Linger() {
  // Half-close, then read and drop what the client still sends until it closes its side:
  // closing with unread input would reset the connection and lose the response.
  error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    Close();
    return;
  }
  state_ = State::kLingering;
  deadline_ = Clock::now() + kLingerTime;
  buffer_.clear();
  Read();
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Open(ServerOptions options, Router router) {
  if (options.error_page && !router.HasErrorPage()) router.SetErrorPage(options.error_page);
  size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads)
                                       : std::max(1u, std::thread::hardware_concurrency());
  auto server = std::make_unique<BeastServer>(std::move(options), std::move(router), threads);
  if (Result<> pool = server->StartWorkPool(); !pool) return tl::unexpected(pool.error());
  Result<> listening = server->Listen();
  if (!listening) return tl::unexpected(listening.error());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace sinmun::http
