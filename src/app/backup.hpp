#pragma once
// A backup of a data folder in one file, for `sinmun backup` and the backups `serve` schedules
// (app/backup_schedule.hpp). The file: archive/backup_tar.hpp.

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/data_dir.hpp"
#include "core/error.hpp"

namespace sinmun::app {

// What to back up, as sinmun.toml chooses it: the SQLite file, or the PostgreSQL store's URL
// (postgres://…). kNotFound when the folder holds no SQLite paper.
Result<std::string> BackupSource(const DataDir& data);

struct BackupWritten {
  std::size_t files = 0;
  std::size_t uploads = 0;
  std::uint64_t bytes = 0;
};

// Writes a consistent snapshot of `source` (safe while `serve` writes it), then sinmun.toml,
// the key files and the uploads of `data`, into the file `to`: mode 0600, under a temporary
// name until complete and synced, then renamed and the folder synced. On failure nothing is
// left behind. Thread safety: any number may run at once, each with its own `to`.
// A SQLite file is copied whole as `sinmun.db`. A PostgreSQL store is written as the paper
// export (archive/paper_dump.hpp) under `paper/`, read in one snapshot, with the uploads
// inside it; `sinmun restore` imports it into a new paper.
Result<BackupWritten> WriteBackup(const std::string& source, const DataDir& data,
                                  const std::string& to);

}  // namespace sinmun::app
