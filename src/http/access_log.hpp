#pragma once
// The access log: one JSON object a line for every response, e.g.
//   {"time":"2026-12-05T09:00:14.123Z","id":"3f9a0c1d2b7e4a55-1f","remote":"203.0.113.7",
//    "method":"GET","target":"/article/12","status":200,"bytes":5120,"ms":0.21,
//    "referer":"https://m.search.naver.com/","ua":"Mozilla/5.0 …"}
// Request threads append their line to a buffer of their own (a mutex per buffer, taken only
// by that thread and the writer), and a writer thread writes the buffers out every 200 ms, so
// a request never waits for the disk. Reopen() (SIGHUP, after logrotate has moved the file)
// makes the writer open the path anew. A line is dropped, and counted, when the writer is far
// behind (over 8 MB waiting): the log must not eat the memory of a server under a flood.
// Thread safety: OnResponse and Reopen from any thread.

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "http/request_observer.hpp"

namespace sinmun::http {

class AccessLog final : public RequestObserver {
 public:
  // Opens `path` for appending (created with mode 0640); "-" is standard output.
  // kUnavailable when it cannot be opened.
  static Result<std::unique_ptr<AccessLog>> Open(std::string path);
  // Writes what is buffered, then closes.
  ~AccessLog() override;
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void OnResponse(const Request& request, const ResponseSummary& response) override;
  // The file is reopened by the writer thread before its next write.
  void Reopen();
  // Writes every buffered line now (tests, shutdown).
  void Flush();
  std::uint64_t dropped_lines() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  AccessLog(std::string path, int fd);
  void WriterLoop();
  void WriteOut();  // with write_mutex_ held

  struct alignas(64) Buffer {
    std::mutex mutex;
    std::string lines;
  };
  static constexpr std::size_t kBuffers = 8;
  static constexpr std::size_t kMaxBufferedBytes = (8 << 20) / kBuffers;

  const std::string path_;
  std::array<Buffer, kBuffers> buffers_;
  std::atomic<bool> reopen_{false};
  std::atomic<std::uint64_t> dropped_{0};

  std::mutex write_mutex_;  // one writer at a time; guards fd_ and spare_
  int fd_ = -1;
  std::string spare_;

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // guarded by stop_mutex_
  std::thread writer_;
};

}  // namespace sinmun::http
