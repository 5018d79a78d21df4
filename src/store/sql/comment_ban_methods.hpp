#pragma once
// SqlStore: comment bans (issue #16), for both backends. Table in
// sqlite/migrations/0027_comment_bans.sql and postgres/migrations/0023_comment_bans.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "store/comment_bans.hpp"
#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace comment_ban_sql {

#define SINMUN_BAN_COLUMNS                                                                \
  "id, kind, target, range_low, range_high, reason, created_by, created_at, expires_at, " \
  "lifted_at, lifted_by "

inline const Sql kInsert{
    "INSERT INTO comment_bans (kind, target, range_low, range_high, reason, created_by, "
    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"};
inline const Sql kLift{
    "UPDATE comment_bans SET lifted_at = ?2, lifted_by = ?3 "
    "WHERE id = ?1 AND lifted_at IS NULL RETURNING " SINMUN_BAN_COLUMNS};
// ?1: 1 for the bans in force at ?2 only, 0 for all.
#define SINMUN_BAN_LIST_FILTER                                                       \
  "FROM comment_bans WHERE (?1{::bigint} = 0 OR (lifted_at IS NULL AND (expires_at " \
  "IS NULL OR expires_at > ?2{::bigint}))) "
inline const Sql kList{"SELECT " SINMUN_BAN_COLUMNS SINMUN_BAN_LIST_FILTER
                       "ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4"};
inline const Sql kListCount{"SELECT COUNT(*) " SINMUN_BAN_LIST_FILTER};
#undef SINMUN_BAN_LIST_FILTER
// A range matches by comparing hex text of equal length (PostgreSQL: columns COLLATE "C").
// Of several bans, the one that ends last: a permanent one first.
inline const Sql kInForce{
    "SELECT " SINMUN_BAN_COLUMNS
    "FROM comment_bans WHERE lifted_at IS NULL AND (expires_at IS NULL OR expires_at > "
    "?1{::bigint}) AND ((kind = 'visitor' AND target = ?2) OR (kind = 'address' AND target = ?3) "
    "OR (kind = 'range' AND ?4 <> '' AND range_low <= ?4 AND range_high >= ?4)) "
    "ORDER BY CASE WHEN expires_at IS NULL THEN 1 ELSE 0 END DESC, expires_at DESC, id DESC "
    "LIMIT 1"};
#undef SINMUN_BAN_COLUMNS

inline const auto kReadBan = rows::FieldReader<CommentBan>(
    &CommentBan::id, rows::Parsed{&CommentBan::kind, ParseBanKind}, &CommentBan::target,
    &CommentBan::range_low, &CommentBan::range_high, &CommentBan::reason, &CommentBan::created_by,
    &CommentBan::created_at, &CommentBan::expires_at, &CommentBan::lifted_at,
    &CommentBan::lifted_by);

inline bool IsAddressHex(std::string_view text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace comment_ban_sql

template <typename B>
Result<CommentBanId> SqlStore<B>::PutCommentBan(const NewCommentBan& ban) {
  if (ban.target.empty()) return Fail(ErrorCode::kInvalidInput, "a ban needs a target");
  const bool range = ban.kind == BanKind::kRange;
  if (range && (!comment_ban_sql::IsAddressHex(ban.range_low) ||
                !comment_ban_sql::IsAddressHex(ban.range_high) || ban.range_low > ban.range_high)) {
    return Fail(ErrorCode::kInvalidInput, "a range ban needs its first and last address");
  }
  if (!range && (!ban.range_low.empty() || !ban.range_high.empty())) {
    return Fail(ErrorCode::kInvalidInput, "only a range ban has ends");
  }
  if (ban.expires_at && *ban.expires_at <= ban.created_at) {
    return Fail(ErrorCode::kInvalidInput, "a ban that ends before it starts");
  }
  return InsertOn(backend(), comment_ban_sql::kInsert, BanKindName(ban.kind), ban.target,
                  ban.range_low, ban.range_high, ban.reason, ban.created_by, ban.created_at,
                  ban.expires_at);
}

template <typename B>
Result<CommentBan> SqlStore<B>::LiftCommentBan(CommentBanId id, std::optional<std::int64_t> by,
                                               Timestamp at) {
  return backend().OnWriteTransaction([&](auto& db) {  // RETURNING: see InsertOn
    return ReadOne<CommentBan>(Query(db, comment_ban_sql::kLift, id, at, by),
                               comment_ban_sql::kReadBan, fmt::format("ban {} in force", id));
  });
}

template <typename B>
Result<CommentBanPage> SqlStore<B>::CommentBansList(bool current_only, Timestamp now,
                                                    Page page) const {
  if (page.number < 1 || page.size < 1) return Fail(ErrorCode::kInvalidInput, "bad page");
  const std::int64_t current = current_only ? 1 : 0;
  const std::int64_t offset = (page.number - 1) * page.size;
  return backend().OnSnapshot([&](auto& db) {
    return ReadPage<CommentBan>(
        Query(db, comment_ban_sql::kList, current, now, std::int64_t{page.size}, offset),
        comment_ban_sql::kReadBan, Query(db, comment_ban_sql::kListCount, current, now));
  });
}

template <typename B>
Result<std::optional<CommentBan>> SqlStore<B>::BanInForce(const BanSubject& subject,
                                                          Timestamp now) const {
  return ReadFirstOn<CommentBan>(backend(), comment_ban_sql::kReadBan, comment_ban_sql::kInForce,
                                 now, subject.visitor, subject.address_hash, subject.address_hex);
}

}  // namespace sinmun::store
