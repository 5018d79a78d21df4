#pragma once
// A stand-in for a search engine's IndexNow endpoint: a small HTTP server on 127.0.0.1 that
// records every request's path and body and answers with the status the test chose. Close()
// stops listening (a connection is then refused) and Open() listens on the same port again.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sinmun::testing {

class StandInEndpoint {
 public:
  struct Received {
    std::string path;
    std::string content_type;
    std::string body;
  };

  StandInEndpoint() { Open(); }
  ~StandInEndpoint() { Close(); }
  StandInEndpoint(const StandInEndpoint&) = delete;
  StandInEndpoint& operator=(const StandInEndpoint&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void SetStatus(int status) { status_ = status; }

  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

  void Open() {
    if (listener_ >= 0) return;
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 16) != 0) {
      throw std::runtime_error("the stand-in endpoint cannot listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, fd = listener_] { Serve(fd); });
  }

  void Close() {
    if (listener_ < 0) return;
    ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    ::close(listener_);
    listener_ = -1;
  }

 private:
  void Serve(int listener) {
    for (;;) {
      const int client = ::accept(listener, nullptr, nullptr);
      if (client < 0) return;
      Answer(client);
      ::close(client);
    }
  }

  void Answer(int client) {
    std::string request;
    char buffer[4096];
    size_t header_end = std::string::npos;
    size_t wanted = 0;
    for (;;) {
      if (header_end != std::string::npos && request.size() >= header_end + 4 + wanted) break;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      request.append(buffer, static_cast<size_t>(n));
      if (header_end == std::string::npos) {
        header_end = request.find("\r\n\r\n");
        if (header_end != std::string::npos) wanted = std::stoul(Header(request, "content-length"));
      }
    }
    const size_t path_start = request.find(' ') + 1;
    Received got{request.substr(path_start, request.find(' ', path_start) - path_start),
                 Header(request.substr(0, header_end), "content-type"),
                 request.substr(header_end + 4, wanted)};
    {
      std::lock_guard lock(mutex_);
      received_.push_back(std::move(got));
    }
    const std::string answer = "HTTP/1.1 " + std::to_string(status_.load()) +
                               " Stand-in\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
  }

  // The value of header `name` (lower case) in `head`, "0" for a missing Content-Length.
  static std::string Header(const std::string& head, const std::string& name) {
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t at = lower.find("\r\n" + name + ":");
    if (at == std::string::npos) return name == "content-length" ? "0" : "";
    const size_t start = head.find_first_not_of(' ', at + name.size() + 3);
    return head.substr(start, head.find("\r\n", start) - start);
  }

  std::uint16_t port_ = 0;
  int listener_ = -1;
  std::thread thread_;
  std::atomic<int> status_{200};
  mutable std::mutex mutex_;
  std::vector<Received> received_;
};

}  // namespace sinmun::testing
