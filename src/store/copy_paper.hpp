#pragma once
// `sinmun migrate`: copies a whole paper from its SQLite store into a PostgreSQL store
// (issue #8), or back, and verifies the copy. Internal to store/ and its one caller in app/.

#include <cstdint>
#include <functional>
#include <optional>
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

// One row of a table as text (integers in decimal, booleans 0 or 1), nullopt for NULL, in the
// order of the table's columns: its key first, then the others.
using PaperRow = std::vector<std::optional<std::string>>;
using PutRow = std::function<Result<>(const PaperRow&)>;

// `sinmun export paper`: every row of every table of the paper at `url` (sqlite:… or
// postgres://…), in one read snapshot, tables in the order CopyPaper uses (parents first):
// `table(name, columns)` is called, then `row(values)` for each row. Stops at the first
// failure of a callback and returns it.
Result<> ReadPaper(
    std::string_view url,
    const std::function<Result<>(std::string_view, const std::vector<std::string>&)>& table,
    const PutRow& row);

// `sinmun import paper`: fills the paper at `url` (migrated first) table by table, parents
// first. `fill(name, columns, put)` calls put(values) for each row of that table, values in
// `columns` order; rows are upserted by their keys with their ids, all in one transaction (a
// failed fill leaves the store as it was), and the backend's counters then follow the ids. Returns
// a TableCheck per table: the source side is what was put, the target side the table read back
// afterwards.
Result<std::vector<TableCheck>> WritePaper(
    std::string_view url,
    const std::function<Result<>(std::string_view, const std::vector<std::string>&, const PutRow&)>&
        fill);

}  // namespace sinmun::store
