#pragma once
// `sinmun migrate`: copies a whole paper from its SQLite store into a PostgreSQL store
// (issue #8), or back, and verifies the copy. Internal to store/ and its one caller in app/.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sinmun::store {

// One table after the copy: rows and an order-independent checksum of their values on each
// side. The copy is good when both agree for every table.
struct TableCheck {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
  std::uint64_t source_checksum = 0;
  std::uint64_t target_checksum = 0;
  bool Matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

// Copies every table of the paper at `from` into the store at `to`, one of them "sqlite:FILE"
// or "sqlite:DIR" and the other "postgres://…", both migrated first, in batches of one transaction
// each. Rows are upserted by their keys with their ids, so that running it again (after an
// interruption, or to bring over what was written since) is safe. Then reads both sides again and
// returns a TableCheck per table. The source must not be written meanwhile (stop the paper first).
// `progress` is told each table as it is copied. kInvalidInput unless one URL is SQLite and the
// other PostgreSQL; kUnavailable when either store cannot be opened.
Result<std::vector<TableCheck>> CopyPaper(std::string_view from, std::string_view to,
                                          const std::function<void(std::string_view)>& progress);

}  // namespace sinmun::store
