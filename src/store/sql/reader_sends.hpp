#pragma once
// What corrections and tips both do with what a reader sends (sql/correction_methods.hpp,
// sql/tip_methods.hpp): the per-client limit checked in the write that stores a request, and
// its files kept beside it. Internal to store/.

#include <fmt/format.h>

#include <vector>

#include "store/corrections.hpp"
#include "store/sql/dialect.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {

// kConflict when `count_since` (?1 client, ?2 since: a count) reaches limit.max.
template <typename Db>
Result<> CheckClientLimit(Db& db, const Sql& count_since, const ClientLimit& limit) {
  if (limit.max <= 0 || limit.client.empty()) return {};
  const Result<std::int64_t> sent = ReadCount(Query(db, count_since, limit.client, limit.since));
  if (!sent) return tl::unexpected(sent.error());
  if (*sent >= limit.max) {
    return Fail(ErrorCode::kConflict, fmt::format("{} sent {} already", limit.client, *sent));
  }
  return {};
}

// Inserts `files` with `insert` (?1 owner, ?2 position from 1, ?3 name, ?4 media type, ?5 the
// bytes as base64: both backends keep them alike in a TEXT column).
template <typename Db>
Result<> InsertReaderFiles(Db& db, const Sql& insert, std::int64_t owner,
                           const std::vector<EvidenceFile>& files) {
  std::int64_t position = 0;
  for (const EvidenceFile& file : files) {
    if (Result<> done =
            Write(db, insert, owner, ++position, file.name, file.media_type, ToBase64(file.data));
        !done) {
      return done;
    }
  }
  return {};
}

// A row of (name, media_type, data) as InsertReaderFiles wrote it.
inline auto ReadReaderFileRow() {
  return [](const auto& row) {
    return EvidenceFile{
        .name = row.Text(0), .media_type = row.Text(1), .data = FromBase64(row.Text(2))};
  };
}

}  // namespace sinmun::store
