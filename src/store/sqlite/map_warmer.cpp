#include "store/sqlite/map_warmer.hpp"

#include <sqlite3.h>

#include <cstdint>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/kept_map_vfs.hpp"
#include "store/sqlite/query.hpp"

namespace sinmun::store::sqlite {
namespace {

constexpr char kPageCount[] = "PRAGMA page_count";
constexpr char kPageSize[] = "PRAGMA page_size";
// 256 pages of 4 kB: under 3 ms even where a first read costs 11 µs (0.5 ms in order), so a
// stop waits no longer and a step's read transaction, which holds back checkpoints, ends soon.
constexpr std::int64_t kStepBytes = std::int64_t{1} << 20;

}  // namespace

std::size_t WarmMap(Connection& reader, const std::stop_token& stop) {
  std::size_t read = 0;
  const Result<std::int64_t> page_size = ReadCount(Query(reader, kPageSize));
  if (!page_size) return read;
  for (std::int64_t offset = 0; !stop.stop_requested(); offset += kStepBytes) {
    Result<Transaction> transaction = Transaction::Begin(reader, TransactionMode::kRead);
    if (!transaction) return read;
    // Its first read takes the snapshot, which keeps the file from shrinking until the end.
    const Result<std::int64_t> pages = ReadCount(Query(reader, kPageCount));
    if (!pages || offset >= *pages * *page_size) return read;
    TouchRange range{.offset = offset, .length = kStepBytes};
    if (sqlite3_file_control(reader.handle(), "main", kTouchMappedPagesOp, &range) != SQLITE_OK) {
      return read;
    }
    read += range.touched;
    if (!transaction->Commit()) return read;
  }
  return read;
}

}  // namespace sinmun::store::sqlite
