#pragma once
// `sinmun export paper` / `sinmun import paper` (issue #15): a whole paper as a folder that
// moves it between SQLite and PostgreSQL and across sinmun versions. Format version 1:
//   OUT/manifest.json         {"format": "sinmun-paper", "version": 1, "created_at": "…Z",
//                              "tables": [{"name", "columns", "rows", "sha256"}, …],
//                              "files": [{"path": "uploads/…", "size", "sha256"}, …]}
//   OUT/tables/<table>.jsonl  one JSON object a row, {"column": "text" | null, …}: every value
//                             in its SQL text form (integers in decimal, booleans 0 or 1),
//                             ids kept; the tables of store/copy_paper.cpp, parents first
//   OUT/uploads/…             the photos, as in the data folder
// Password hashes, sessions, counters, campaigns and settings travel with the rest.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/copy_paper.hpp"

namespace sinmun::archive {

struct DumpSummary {
  std::int64_t rows = 0;
  std::int64_t tables = 0;
  std::int64_t files = 0;
};

// Writes the paper at `store_url` and the files under `uploads_dir` into the new folder
// `out_dir` (which must not exist): first into a hidden sibling, renamed when complete and
// synced. kInvalidInput when out_dir exists or a value is not UTF-8; kUnavailable for I/O and
// store failures.
Result<DumpSummary> ExportPaper(std::string_view store_url, const std::string& uploads_dir,
                                const std::string& out_dir);

// Checks every file of the dump at `from_dir` against its manifest, then fills the paper at
// `store_url`, which must hold no rows yet, and copies the uploads into `uploads_dir`. Returns
// a check per table (what the dump held, what the store holds afterwards). kInvalidInput for a
// damaged dump, another format version, a column this version does not know, or a store that
// already holds a paper.
Result<std::vector<store::TableCheck>> ImportPaper(std::string_view store_url,
                                                   const std::string& uploads_dir,
                                                   const std::string& from_dir);

}  // namespace sinmun::archive
