// `sinmun migrate`: copies a paper between its SQLite and a PostgreSQL store and checks the copy.

#include <fmt/format.h>

#include "app/commands.hpp"
#include "store/copy_paper.hpp"

namespace sinmun::app {

int Migrate(const MigrateOptions& options) {
  Result<std::vector<store::TableCheck>> checks =
      store::CopyPaper(options.from, options.to, [](std::string_view table) {
        fmt::print("sinmun migrate: copying {}\n", table);
        std::fflush(stdout);
      });
  if (!checks) {
    fmt::print(stderr, "sinmun migrate: {}\n", checks.error().detail);
    return checks.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitFailed;
  }
  bool all_match = true;
  for (const store::TableCheck& check : *checks) {
    all_match = all_match && check.Matches();
    fmt::print("{:<22} {:>9} rows  checksum {:016x}  {}\n", check.table, check.source_rows,
               check.source_checksum,
               check.Matches() ? "same in the copy"
                               : fmt::format("DIFFERS: the copy has {} rows, checksum {:016x}",
                                             check.target_rows, check.target_checksum));
  }
  if (!all_match) {
    fmt::print(stderr,
               "sinmun migrate: the copy differs from the source (was the target used by "
               "another paper, or the source written during the copy?)\n");
    return kExitFailed;
  }
  fmt::print("sinmun migrate: every table copied and verified\n");
  return kExitOk;
}

}  // namespace sinmun::app
