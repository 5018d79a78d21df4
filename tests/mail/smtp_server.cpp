#include "mail/smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace sinmun::testing {
namespace {

bool Accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

SmtpServer::SmtpServer(std::string folder, std::uint16_t port)
    : folder_(std::move(folder)), port_(port == 0 ? FreePort() : port) {
  std::filesystem::create_directories(folder_);
  Start();
}

SmtpServer::~SmtpServer() { Stop(); }

bool SmtpServer::Start() {
  if (pid_ > 0) return true;
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string pythonpath = std::string(SINMUN_SOURCE_DIR) + "/tests/mail";
  pid_ = ::fork();
  if (pid_ == 0) {
    ::setenv("PYTHONPATH", pythonpath.c_str(), 1);
    ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "smtp_sink.MailDir", folder_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    if (Accepts(port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  return false;
}

void StopChild(pid_t* pid) {
  if (*pid <= 0) return;
  ::kill(*pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(*pid, &status, WNOHANG) == *pid) {
      *pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(*pid, SIGKILL);
  ::waitpid(*pid, &status, 0);
  *pid = -1;
}

void SmtpServer::Stop() { StopChild(&pid_); }

std::vector<std::string> SmtpServer::Messages() const {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return std::stoi(a.stem().string()) < std::stoi(b.stem().string());
  });
  std::vector<std::string> messages;
  for (const auto& file : files) {
    std::stringstream text;
    text << std::ifstream(file, std::ios::binary).rdbuf();
    messages.push_back(text.str());
  }
  return messages;
}

std::vector<std::string> SmtpServer::WaitForMessages(size_t count, int seconds) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::string> messages = Messages();
  while (messages.size() < count && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    messages = Messages();
  }
  return messages;
}

std::string RunPython(const std::string& script, const std::string& input) {
  char path[] = "/tmp/sinmun-py-XXXXXX";
  const int fd = ::mkstemp(path);
  ::write(fd, input.data(), input.size());
  ::close(fd);
  std::string out = CommandOutput("/usr/bin/python3 -c '" + script + "' < " + path);
  ::unlink(path);
  return out;
}

std::string CommandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  size_t n;
  while (pipe != nullptr && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  if (pipe != nullptr) ::pclose(pipe);
  return out;
}

}  // namespace sinmun::testing
