#include "store/migration.hpp"

#include <fmt/format.h>

namespace sinmun::store {

Result<std::span<const Migration>> PendingMigrations(std::int64_t newest,
                                                     std::span<const Migration> migrations) {
  if (!migrations.empty() && newest > migrations.back().version) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("database schema version {} is newer than this binary's {}; "
                            "run a newer sinmun",
                            newest, migrations.back().version));
  }
  size_t first = 0;
  while (first < migrations.size() && migrations[first].version <= newest) ++first;
  return migrations.subspan(first);
}

}  // namespace sinmun::store
