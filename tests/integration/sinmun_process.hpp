#pragma once
// Runs the real `sinmun` binary for end-to-end tests: commands to completion, or `serve` in
// the background on a free port until the test ends.

#include <sys/types.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sinmun::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs `sinmun args...` and waits for it (killed after 120 s).
CommandResult RunSinmun(const std::vector<std::string>& args);

// `sinmun demo --data DATA_DIR demo_args...` for a test that needs a demo paper of its own on
// SQLite. The paper is made once per build of the binary and demo_args, then copied: a demo
// costs seconds (argon2id hashes of the accounts' passwords, photos in every size), a copy of
// its folder milliseconds, and many tests of one binary start from the same paper. The result
// is the demo's own (its exit code and output, with the accounts' one-time passwords).
CommandResult MakeDemoPaper(const std::string& data_dir, const std::vector<std::string>& demo_args);

// Runs the Nu Html Checker (`jar`, npm vnu-jar, with the machine's Java) over every page in
// `folder`, writing its report to `report`. Returns the errors it found, "" when none; when
// it exits with a failure and prints nothing, a line saying so.
std::string NuHtmlCheckerErrors(const std::string& jar, const std::string& folder,
                                const std::string& report);

// The value of the series written exactly as `series` (name and labels) in a /metrics text,
// or -1 when it has none.
double MetricValue(const std::string& metrics, const std::string& series);

// `sinmun serve --data DIR --listen 127.0.0.1:0 extra...`, started in the constructor, stopped
// with SIGTERM in the destructor. port() is 0 if it did not start; output() says why.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& data_dir, std::vector<std::string> extra_args = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string output() const;
  // Sends SIGTERM and returns the exit code (or -1 if it had to be killed).
  int Stop();
  // Sends SIGKILL (a crash, a power cut for the process) and waits until it is gone.
  void Kill();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::string output_;  // guarded by mutex_
  std::thread drain_;   // keeps reading the server's output so it never blocks on a full pipe
};

}  // namespace sinmun::testing
