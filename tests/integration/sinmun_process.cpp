#include "integration/sinmun_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>

#include "support/http_client.hpp"

namespace sinmun::testing {
namespace {

// Starts the binary with stdout+stderr on a pipe; returns the pid and the read end.
pid_t Spawn(const std::vector<std::string>& args, int* out_fd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> argv;
    std::string binary = SINMUN_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

// Reads what is available within `timeout_ms`; false at end of file or on timeout.
bool ReadSome(int fd, std::string* out, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n <= 0) return false;
  out->append(buffer, static_cast<size_t>(n));
  return true;
}

int WaitExit(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    ::usleep(20'000);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

}  // namespace

CommandResult RunSinmun(const std::vector<std::string>& args) {
  CommandResult result;
  int fd = -1;
  const pid_t pid = Spawn(args, &fd);
  if (pid < 0) return result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string chunk;
    if (!ReadSome(fd, &chunk, 1000)) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        while (ReadSome(fd, &result.out, 10)) {
        }
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        ::close(fd);
        return result;
      }
      continue;
    }
    result.out += chunk;
  }
  result.exit_code = WaitExit(pid, std::chrono::seconds(1));
  ::close(fd);
  return result;
}

namespace {

// Where the demo papers of this build of the binary are kept: beside the binary, named by the
// demo's arguments and the binary's size and change time, so a rebuilt binary makes new ones.
std::filesystem::path DemoPaperCache(const std::vector<std::string>& demo_args) {
  struct stat binary {};
  ::stat(SINMUN_BINARY, &binary);
  std::string key = std::to_string(binary.st_size) + ":" + std::to_string(binary.st_mtim.tv_sec) +
                    "." + std::to_string(binary.st_mtim.tv_nsec);
  for (const std::string& arg : demo_args) key += "\n" + arg;
  const std::filesystem::path folder =
      std::filesystem::path(SINMUN_BINARY).parent_path() / "test-demo-papers";
  std::filesystem::create_directories(folder);
  return folder / std::to_string(std::hash<std::string>{}(key));
}

}  // namespace

CommandResult MakeDemoPaper(const std::string& data_dir,
                            const std::vector<std::string>& demo_args) {
  namespace fs = std::filesystem;
  const fs::path cache = DemoPaperCache(demo_args);
  const fs::path printed = cache / "demo-output.txt";
  const std::string made_in = cache.string() + ".making/paper";
  // Tests run side by side: one makes the paper while the others wait for it.
  const int lock = ::open((cache.string() + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock < 0 || ::flock(lock, LOCK_EX) != 0)
    return CommandResult{-1, "no lock on " + cache.string()};
  CommandResult demo;
  if (fs::exists(printed)) {
    demo.exit_code = 0;
    std::ifstream in(printed, std::ios::binary);
    demo.out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    const fs::path making = cache.string() + ".making";
    fs::remove_all(making);
    fs::create_directories(making);
    std::vector<std::string> args = {"demo", "--data", made_in};
    args.insert(args.end(), demo_args.begin(), demo_args.end());
    demo = RunSinmun(args);
    if (demo.exit_code == 0) {
      std::ofstream(making / "demo-output.txt", std::ios::binary) << demo.out;
      fs::remove_all(cache);
      fs::rename(making, cache);
    }
  }
  ::close(lock);  // releases the lock: the paper is only read from here on
  if (demo.exit_code != 0) return demo;
  std::error_code error;
  fs::create_directories(data_dir, error);
  fs::copy(cache / "paper", data_dir, fs::copy_options::recursive, error);
  if (error) return CommandResult{-1, "copying the demo paper: " + error.message()};
  // The demo names the folder it filled: the caller's folder.
  for (size_t at = demo.out.find(made_in); at != std::string::npos;
       at = demo.out.find(made_in, at + data_dir.size())) {
    demo.out.replace(at, made_in.size(), data_dir);
  }
  return demo;
}

ServeProcess::ServeProcess(const std::string& data_dir, std::vector<std::string> extra_args) {
  std::vector<std::string> args = {"serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, &out_fd_);
  if (pid_ < 0) return;
  const std::regex serving(R"(on http://127\.0\.0\.1:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    if (std::regex_search(output_, match, serving)) {
      port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      break;
    }
    if (!ReadSome(out_fd_, &output_, 200)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited before serving
        pid_ = -1;
        return;
      }
    }
  }
  // The view rankings load just after the server listens: tests read them as loaded.
  while (port_ != 0 && std::chrono::steady_clock::now() < deadline &&
         HttpGet(port_, "/readyz").body.find(R"("rankings":"loading")") != std::string::npos) {
    ReadSome(out_fd_, &output_, 20);
  }
  drain_ = std::thread([this] {
    pollfd p{out_fd_, POLLIN, 0};
    char buffer[4096];
    while (::poll(&p, 1, -1) > 0) {
      const ssize_t n = ::read(out_fd_, buffer, sizeof buffer);
      if (n <= 0) return;
      std::lock_guard lock(mutex_);
      output_.append(buffer, static_cast<size_t>(n));
    }
  });
}

std::string ServeProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

int ServeProcess::Stop() {
  if (pid_ < 0) return -1;
  ::kill(pid_, SIGTERM);
  const int code = WaitExit(pid_, std::chrono::seconds(10));
  pid_ = -1;
  if (drain_.joinable()) drain_.join();  // the pipe closes when the server exits
  return code;
}

void ServeProcess::Kill() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
}

ServeProcess::~ServeProcess() {
  Stop();
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
}

constexpr const char* kNuCheckerJvmOptions = "-Xss4m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

double MetricValue(const std::string& metrics, const std::string& series) {
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

std::string NuHtmlCheckerErrors(const std::string& jar, const std::string& folder,
                                const std::string& report) {
  // One short check: the JVM's quick compiler alone and its simplest collector cost less than
  // half the CPU of its defaults here; the checker's schema wants a deeper stack than the
  // default for that.
  const int status =
      std::system(("java " + std::string(kNuCheckerJvmOptions) + " -jar '" + jar +
                   "' --errors-only --format gnu '" + folder + "' > '" + report + "' 2>&1")
                      .c_str());
  std::stringstream text;
  text << std::ifstream(report).rdbuf();
  if (status != 0 && text.str().empty()) {
    return "the checker exited with status " + std::to_string(status) + "\n";
  }
  return text.str();
}

}  // namespace sinmun::testing
