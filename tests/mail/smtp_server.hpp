#pragma once
// A real SMTP server for tests: Debian's aiosmtpd (`/usr/bin/python3 -m aiosmtpd`) with the
// handler in tests/mail/smtp_sink.py, listening on 127.0.0.1:port and writing every message
// it accepts to a folder. Recipients starting with "reject" get a 550.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sinmun::testing {

class SmtpServer {
 public:
  // Starts on `port` (0: a free one) and waits until it accepts connections.
  SmtpServer(std::string folder, std::uint16_t port = 0);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  bool running() const { return pid_ > 0; }
  std::uint16_t port() const { return port_; }
  void Stop();
  // Starts again on the same port.
  bool Start();

  // The messages received so far, each as "X-Rcpt-To: …" lines followed by the message.
  std::vector<std::string> Messages() const;
  // Waits up to `seconds` for at least `count` messages.
  std::vector<std::string> WaitForMessages(size_t count, int seconds) const;

 private:
  std::string folder_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

// A port that was free a moment ago.
std::uint16_t FreePort();

// Stops the child `*pid` with SIGTERM, or SIGKILL when it is still there after 5 s, waits
// for it and sets *pid to -1. Nothing when *pid <= 0.
void StopChild(pid_t* pid);

// Runs `command` with /bin/sh and returns its stdout and stderr.
std::string CommandOutput(const std::string& command);

// Runs /usr/bin/python3 with `script` reading `input` on stdin; returns stdout.
std::string RunPython(const std::string& script, const std::string& input);

}  // namespace sinmun::testing
