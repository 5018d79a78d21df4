#include "app/backup_schedule.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <vector>

#include "app/backup.hpp"

namespace sinmun::app {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "sinmun-";
constexpr std::string_view kSuffix = ".tar";

// The scheduled backups in `folder`, oldest first: their names sort by time.
std::vector<fs::path> Backups(const std::string& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kPrefix) && name.ends_with(kSuffix) &&
        name.size() == kPrefix.size() + 15 + kSuffix.size()) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BackupSchedule::BackupSchedule(const DataDir& data, std::string source, std::string folder,
                               std::chrono::seconds every, int keep)
    : data_(data),
      source_(std::move(source)),
      folder_(std::move(folder)),
      every_(every),
      keep_(keep) {}

std::chrono::seconds BackupSchedule::RunOnce() {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  std::vector<fs::path> backups = Backups(folder_);
  // Due by the newest file's time of writing: a restart does not start the interval again.
  if (!backups.empty()) {
    const auto age = fs::file_time_type::clock::now() - fs::last_write_time(backups.back(), ec);
    if (!ec && age < every_) {
      return std::chrono::duration_cast<std::chrono::seconds>(every_ - age) +
             std::chrono::seconds(1);
    }
  }
  const std::string name =
      fmt::format("{}{:%Y%m%d-%H%M%S}{}", kPrefix, fmt::gmtime(std::time(nullptr)), kSuffix);
  Result<BackupWritten> written = WriteBackup(source_, data_, folder_ + "/" + name);
  if (!written) {
    spdlog::error("scheduled backup {} failed: {}", name, written.error().detail);
    return every_;
  }
  spdlog::info("scheduled backup {}: {} files, {} bytes", name, written->files, written->bytes);
  backups = Backups(folder_);
  for (size_t i = 0; i + static_cast<size_t>(keep_) < backups.size(); ++i) {
    fs::remove(backups[i], ec);
    if (ec) spdlog::warn("cannot remove old backup {}: {}", backups[i].string(), ec.message());
  }
  return every_;
}

void BackupSchedule::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      lock.unlock();
      const std::chrono::seconds next = RunOnce();
      lock.lock();
      wake_.wait_for(lock, next, [this] { return stop_; });
    }
  });
}

void BackupSchedule::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sinmun::app
