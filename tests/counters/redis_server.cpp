#include "counters/redis_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "mail/smtp_server.hpp"

namespace sinmun::testing {
namespace {

// True once Redis answers PING on `port` with +PONG.
bool AnswersPing(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool pong = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const char ping[] = "PING\r\n";
    char reply[16] = {};
    pong = ::write(fd, ping, sizeof ping - 1) == sizeof ping - 1 &&
           ::read(fd, reply, sizeof reply - 1) > 0 && std::string(reply).rfind("+PONG", 0) == 0;
  }
  ::close(fd);
  return pong;
}

}  // namespace

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
    if (AnswersPing(port_)) return true;
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

void RedisServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
}

std::string RedisServer::Cli(const std::vector<std::string>& args) const {
  std::string command = "redis-cli -p " + std::to_string(port_);
  for (const std::string& arg : args) command += " '" + arg + "'";
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  size_t n;
  while (pipe != nullptr && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  if (pipe != nullptr) ::pclose(pipe);
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
