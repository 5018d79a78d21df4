#pragma once
// The backups `serve` writes by itself ([backup] every, keep, folder in sinmun.toml): one
// `sinmun-YYYYMMDD-HHMMSS.tar` (UTC) in the folder when the newest is older than the interval
// (so also at start when it is due), then the oldest removed beyond `keep`. Failures are
// logged and tried again at the next interval; they never stop the server.
// Thread safety: Start and Stop from the thread that owns the object.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "app/data_dir.hpp"

namespace sinmun::app {

class BackupSchedule {
 public:
  // REQUIRES: data outlives the schedule; every > 0, keep >= 1.
  BackupSchedule(const DataDir& data, std::string source, std::string folder,
                 std::chrono::seconds every, int keep);
  ~BackupSchedule() { Stop(); }
  BackupSchedule(const BackupSchedule&) = delete;
  BackupSchedule& operator=(const BackupSchedule&) = delete;

  void Start();
  void Stop();
  // Writes a backup now if the newest is due, then prunes; returns when the next is due.
  std::chrono::seconds RunOnce();

 private:
  const DataDir& data_;
  const std::string source_;
  const std::string folder_;
  const std::chrono::seconds every_;
  const int keep_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace sinmun::app
