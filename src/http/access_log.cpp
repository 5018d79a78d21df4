#include "http/access_log.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include "core/json_string.hpp"
#include "core/striped_counter.hpp"

namespace sinmun::http {
namespace {

constexpr auto kWriteInterval = std::chrono::milliseconds(200);

// "2026-12-05T09:00:14.123Z"; the text up to the seconds is made once a second per thread.
void AppendTime(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  const std::time_t second = static_cast<std::time_t>(ms.count() / 1000);
  thread_local std::time_t cached_second = -1;
  thread_local char cached[24];
  if (second != cached_second) {
    std::tm utc{};
    gmtime_r(&second, &utc);
    std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &utc);
    cached_second = second;
  }
  out.append(cached);
  fmt::format_to(std::back_inserter(out), ".{:03}Z", ms.count() % 1000);
}

int OpenFile(const std::string& path) {
  if (path == "-") return STDOUT_FILENO;
  return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::Open(std::string path) {
  const int fd = OpenFile(path);
  if (fd < 0) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot open the access log {}: {}", path, std::strerror(errno)));
  }
  return std::unique_ptr<AccessLog>(new AccessLog(std::move(path), fd));
}

AccessLog::AccessLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {
  writer_ = std::thread([this] { WriterLoop(); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  writer_.join();
  Flush();
  if (fd_ > STDERR_FILENO) ::close(fd_);
}

void AccessLog::OnResponse(const Request& request, const ResponseSummary& response) {
  thread_local std::string line;
  line.clear();
  line.append("{\"time\":\"");
  AppendTime(line);
  line.append("\",\"id\":");
  AppendJsonString(line, request.id);
  line.append(",\"remote\":");
  AppendJsonString(line, request.remote_address);
  line.append(",\"method\":\"");
  line.append(response.complete ? MethodName(request.method) : "");
  line.append("\",\"target\":");
  AppendJsonString(line, request.target);
  fmt::format_to(std::back_inserter(line), ",\"status\":{},\"bytes\":{},\"ms\":{:.3f}",
                 response.status, response.body_bytes,
                 std::chrono::duration<double, std::milli>(response.duration).count());
  if (response.complete) {
    line.append(",\"referer\":");
    AppendJsonString(line, request.Header("referer"));
    line.append(",\"ua\":");
    AppendJsonString(line, request.Header("user-agent"));
  }
  line.append("}\n");

  Buffer& buffer = buffers_[ThreadStripe() % kBuffers];
  std::lock_guard lock(buffer.mutex);
  if (buffer.lines.size() + line.size() > kMaxBufferedBytes) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  buffer.lines.append(line);
}

void AccessLog::Reopen() { reopen_.store(true, std::memory_order_relaxed); }

void AccessLog::Flush() {
  std::lock_guard lock(write_mutex_);
  WriteOut();
}

void AccessLog::WriteOut() {
  if (reopen_.exchange(false) && path_ != "-") {
    const int fd = OpenFile(path_);
    if (fd < 0) {
      // Keep writing to the old file rather than losing lines; say so once per attempt.
      spdlog::error("access log: cannot reopen {}: {}", path_, std::strerror(errno));
    } else {
      ::close(fd_);
      fd_ = fd;
    }
  }
  for (Buffer& buffer : buffers_) {
    {
      std::lock_guard lock(buffer.mutex);
      if (buffer.lines.empty()) continue;
      spare_.clear();
      spare_.swap(buffer.lines);
    }
    std::string_view rest = spare_;
    while (!rest.empty()) {
      const ssize_t written = ::write(fd_, rest.data(), rest.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        spdlog::error("access log: write to {} failed: {}", path_, std::strerror(errno));
        break;
      }
      rest.remove_prefix(static_cast<size_t>(written));
    }
  }
}

void AccessLog::WriterLoop() {
  std::unique_lock lock(stop_mutex_);
  for (;;) {
    const bool stop = stop_signal_.wait_for(lock, kWriteInterval, [this] { return stopping_; });
    lock.unlock();
    Flush();
    lock.lock();
    if (stop) return;
  }
}

}  // namespace sinmun::http
