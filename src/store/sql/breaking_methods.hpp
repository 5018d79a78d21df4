#pragma once
// SqlStore: breaking news (issue #18), for both backends. Table in
// sqlite/migrations/0018_breaking_news.sql and postgres/migrations/0014_breaking_news.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include "store/breaking_news.hpp"
#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace breaking_sql {

#define SINMUN_BREAKING_COLUMNS "id, text, url, starts_at, expires_at, set_by, cleared_at "
inline const Sql kInsert{
    "INSERT INTO breaking_news (text, url, starts_at, expires_at, set_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"};
inline const Sql kClear{
    "UPDATE breaking_news SET cleared_at = ?1 WHERE cleared_at IS NULL AND starts_at <= ?1 "
    "AND expires_at > ?1"};
inline const Sql kAt{
    "SELECT " SINMUN_BREAKING_COLUMNS
    "FROM breaking_news WHERE starts_at <= ?1{::bigint} AND expires_at > "
    "?1{::bigint} AND cleared_at IS NULL ORDER BY starts_at DESC, id DESC LIMIT 1"};
inline const Sql kRecent{"SELECT " SINMUN_BREAKING_COLUMNS
                         "FROM breaking_news ORDER BY id DESC LIMIT ?1"};
#undef SINMUN_BREAKING_COLUMNS

inline const auto kReadBreaking = rows::FieldReader<BreakingItem>(
    &BreakingItem::id, &BreakingItem::text, &BreakingItem::url, &BreakingItem::starts_at,
    &BreakingItem::expires_at, &BreakingItem::set_by, &BreakingItem::cleared_at);

}  // namespace breaking_sql

template <typename B>
Result<std::int64_t> SqlStore<B>::SetBreaking(const BreakingItem& item) {
  if (item.text.empty() || item.text.find_first_of("\r\n") != std::string::npos ||
      item.expires_at <= item.starts_at) {
    return Fail(ErrorCode::kInvalidInput, "a breaking news ticker needs one line and an expiry");
  }
  return InsertOn(backend(), breaking_sql::kInsert, item.text, item.url, item.starts_at,
                  item.expires_at, item.set_by);
}

template <typename B>
Result<> SqlStore<B>::ClearBreaking(Timestamp at) {
  return WriteOn(backend(), breaking_sql::kClear, at);
}

template <typename B>
Result<std::optional<BreakingItem>> SqlStore<B>::BreakingAt(Timestamp now) const {
  return ReadFirstOn<BreakingItem>(backend(), breaking_sql::kReadBreaking, breaking_sql::kAt, now);
}

template <typename B>
Result<std::vector<BreakingItem>> SqlStore<B>::RecentBreaking(int limit) const {
  return ReadAllOn<BreakingItem>(backend(), breaking_sql::kReadBreaking, breaking_sql::kRecent,
                                 std::int64_t{limit});
}

}  // namespace sinmun::store
