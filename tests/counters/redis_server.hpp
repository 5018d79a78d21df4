#pragma once
// A real, private Redis for tests: Debian's `redis-server` started with a generated config in
// a temporary folder, listening on 127.0.0.1 on a free port, keeping nothing on disk
// (save "", no append-only file). Stopped (or killed) and started again on the same port, as
// a restarted production Redis would come back: empty.
// A machine without redis-server gives running() == false and error() saying so: the tests
// that need Redis fail on it, they never skip.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sinmun::testing {

class RedisServer {
 public:
  RedisServer();
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  std::uint16_t port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }

  // Starts again on the same port; waits until it accepts connections.
  bool Start();
  // SIGTERM and wait.
  void Stop();
  // SIGKILL, as a crash.
  void Kill();
  // Runs `redis-cli -p PORT args...` and returns its output without the final newline.
  std::string Cli(const std::vector<std::string>& args) const;

 private:
  std::filesystem::path folder_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace sinmun::testing
