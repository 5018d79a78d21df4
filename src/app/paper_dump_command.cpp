// `sinmun export paper` and `sinmun import paper`: a whole paper as a versioned folder of JSON
// Lines (archive/paper_dump.hpp), to move it between SQLite and PostgreSQL or sinmun versions.

#include <fmt/format.h>

#include <filesystem>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "archive/paper_dump.hpp"

namespace sinmun::app {

int ExportPaperDump(const PaperDumpOptions& options) {
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun export paper: {}\n", data.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun export paper: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  Result<archive::DumpSummary> summary =
      archive::ExportPaper(data->store_url, data->uploads_path, options.folder);
  if (!summary) {
    fmt::print(stderr, "sinmun export paper: {}; nothing was written\n", summary.error().detail);
    return summary.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailed;
  }
  fmt::print("sinmun export paper: {} rows in {} tables and {} uploads written to {}\n",
             summary->rows, summary->tables, summary->files, options.folder);
  return kExitOk;
}

int ImportPaperDump(const PaperDumpOptions& options) {
  // A folder this command creates is removed again when the import fails.
  std::error_code ec;
  struct Created {
    std::string path;
    ~Created() {
      std::error_code ignored;
      if (!path.empty()) std::filesystem::remove_all(path, ignored);
    }
  } created{std::filesystem::exists(options.data_dir, ec) ? "" : options.data_dir};
  auto data = PrepareDataDir(options.data_dir, /*create=*/true);
  if (!data) {
    fmt::print(stderr, "sinmun import paper: {}\n", data.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun import paper: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  Result<std::vector<store::TableCheck>> checks =
      archive::ImportPaper(data->store_url, data->uploads_path, options.folder);
  if (!checks) {
    fmt::print(stderr, "sinmun import paper: {}\n", checks.error().detail);
    return checks.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailed;
  }
  bool all_match = true;
  for (const store::TableCheck& check : *checks) {
    all_match = all_match && check.Matches();
    if (!check.Matches()) {
      fmt::print(stderr, "sinmun import paper: {} DIFFERS: {} rows in the dump, {} in the store\n",
                 check.table, check.source_rows, check.target_rows);
    }
  }
  if (!all_match) return kExitFailed;
  created.path.clear();
  fmt::print(
      "sinmun import paper: every table imported and verified; run `sinmun reindex --data {}` "
      "or start `sinmun serve`, which builds the search index\n",
      options.data_dir);
  return kExitOk;
}

}  // namespace sinmun::app
