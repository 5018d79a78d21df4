#include "counters/redis_server.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "mail/smtp_server.hpp"

namespace sinmun::testing {

RedisServer::RedisServer() : port_(FreePort()) {
  char pattern[] = "/tmp/sinmun-redis-XXXXXX";
  folder_ = ::mkdtemp(pattern);
  std::ofstream(folder_ / "redis.conf") << "bind 127.0.0.1\n"
                                        << "port " << port_ << "\n"
                                        << "dir " << folder_.string() << "\n"
                                        << "logfile " << (folder_ / "redis.log").string() << "\n"
                                        << "save \"\"\n"
                                        << "appendonly no\n"
                                        << "daemonize no\n"
                                        << "databases 1\n";
  Start();
}

RedisServer::~RedisServer() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

bool RedisServer::Start() {
  if (pid_ > 0) return true;
  const std::string config = (folder_ / "redis.conf").string();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execlp("redis-server", "redis-server", config.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    if (Cli({"PING"}) == "PONG") return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::stringstream log;
      log << std::ifstream(folder_ / "redis.log").rdbuf();
      error_ = WIFEXITED(status) && WEXITSTATUS(status) == 127
                   ? "redis-server is not installed (Debian package redis-server, deps/debian.txt)"
                   : "redis-server exited: " + log.str();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  error_ = "redis-server did not answer on port " + std::to_string(port_);
  return false;
}

void RedisServer::Stop() { StopChild(&pid_); }

std::string RedisServer::Cli(const std::vector<std::string>& args) const {
  std::string command = "redis-cli -p " + std::to_string(port_);
  for (const std::string& arg : args) command += " '" + arg + "'";
  std::string out = CommandOutput(command);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void RedisServer::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace sinmun::testing
