#pragma once
// SqlStore: news tips and reader submissions (issue #18), for both backends. Tables in
// sqlite/migrations/0024_tips.sql and postgres/migrations/0020_tips.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <string>

#include "store/row_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/reader_sends.hpp"
#include "store/sql/sql_store.hpp"
#include "store/tips.hpp"

namespace sinmun::store {
namespace tip_sql {

#define SINMUN_TIP_COLUMNS                                                                   \
  "t.id, t.kind, t.state, t.anonymous, t.name, t.contact, t.title, t.text, t.status_token, " \
  "t.assignee, COALESCE(u.name, ''), t.reply, t.draft_id, "                                  \
  "(SELECT COUNT(*) FROM tip_files f WHERE f.tip_id = t.id), t.received_at, t.updated_at "   \
  "FROM tips t LEFT JOIN users u ON u.id = t.assignee "
inline const Sql kById{"SELECT " SINMUN_TIP_COLUMNS "WHERE t.id = ?1"};
inline const Sql kByToken{"SELECT " SINMUN_TIP_COLUMNS "WHERE t.status_token = ?1"};
inline const Sql kTips{"SELECT " SINMUN_TIP_COLUMNS
                       "WHERE (?1 = '' OR t.state = ?1) AND (?2 = '' OR t.kind = ?2) "
                       "ORDER BY t.received_at DESC, t.id DESC LIMIT ?3 OFFSET ?4"};
#undef SINMUN_TIP_COLUMNS
inline const Sql kCount{
    "SELECT COUNT(*) FROM tips t WHERE (?1 = '' OR t.state = ?1) AND (?2 = '' OR t.kind = ?2)"};
inline const Sql kSentSince{
    "SELECT COUNT(*) FROM tips WHERE client = ?1 AND received_at >= ?2{::bigint}"};
inline const Sql kInsert{
    "INSERT INTO tips (kind, anonymous, name, contact, title, text, status_token, client, "
    "received_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id"};
inline const Sql kInsertFile{
    "INSERT INTO tip_files (tip_id, position, name, media_type, data) VALUES (?1, ?2, ?3, ?4, ?5)"};
inline const Sql kFiles{
    "SELECT name, media_type, data FROM tip_files WHERE tip_id = ?1 ORDER BY position"};
inline const Sql kEvents{
    "SELECT e.at, e.user_id, COALESCE(u.name, ''), e.action, e.text FROM tip_events e "
    "LEFT JOIN users u ON u.id = e.user_id WHERE e.tip_id = ?1 ORDER BY e.id"};
inline const Sql kInsertEvent{
    "INSERT INTO tip_events (tip_id, at, user_id, action, text) VALUES (?1, ?2, ?3, ?4, ?5)"};
inline const Sql kStateForUpdate{"SELECT state FROM tips WHERE id = ?1{for:UPDATE}"};
inline const Sql kDraftForUpdate{
    "SELECT COALESCE(draft_id, 0) FROM tips WHERE id = ?1{for:UPDATE}"};
inline const Sql kUserName{"SELECT name FROM users WHERE id = ?1"};
inline const Sql kAssign{"UPDATE tips SET assignee = ?2, updated_at = ?3 WHERE id = ?1"};
inline const Sql kMove{"UPDATE tips SET state = ?2, updated_at = ?3 WHERE id = ?1"};
inline const Sql kReply{"UPDATE tips SET reply = ?2, updated_at = ?3 WHERE id = ?1"};
inline const Sql kTouch{"UPDATE tips SET updated_at = ?2 WHERE id = ?1"};
inline const Sql kDraft{"UPDATE tips SET draft_id = ?2, updated_at = ?3 WHERE id = ?1"};

inline const auto kReadTip = rows::FieldReader<Tip>(
    &Tip::id, rows::Parsed{&Tip::kind, ParseTipKind}, rows::Parsed{&Tip::state, ParseTipState},
    &Tip::anonymous, &Tip::name, &Tip::contact, &Tip::title, &Tip::text, &Tip::status_token,
    &Tip::assignee, &Tip::assignee_name, &Tip::reply, &Tip::draft_id, &Tip::files,
    &Tip::received_at, &Tip::updated_at);

// What the desk did to a tip, for its history (TipEvent).
struct DeskStep {
  UserId by = 0;
  Timestamp at = 0;
  std::string_view action;
  std::string_view text;
};

// Runs `update` (?1 the tip, then `values`) and appends `step` to the tip's history;
// kNotFound for no tip.
template <typename Db, typename... Values>
Result<> UpdateWithEvent(Db& db, TipId id, const Sql& update, const DeskStep& step,
                         const Values&... values) {
  if (Result<> done = WriteOne(db, fmt::format("tip {}", id), update, id, values...); !done) {
    return done;
  }
  return Write(db, kInsertEvent, id, step.at, step.by, step.action, step.text);
}

}  // namespace tip_sql

template <typename B>
Result<TipId> SqlStore<B>::FileTip(const NewTip& tip) {
  if (tip.title.empty() || tip.text.empty() || tip.status_token.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a tip needs a title, a text and a token");
  }
  const std::string name = tip.anonymous ? "" : tip.name;
  const std::string contact = tip.anonymous ? "" : tip.contact;
  return backend().OnWriteTransaction([&](auto& db) -> Result<TipId> {
    if (Result<> allowed = CheckClientLimit(db, tip_sql::kSentSince, tip.limit); !allowed) {
      return tl::unexpected(allowed.error());
    }
    const Result<std::int64_t> id = ReadCount(Query(
        db, tip_sql::kInsert, TipKindName(tip.kind), std::int64_t{tip.anonymous ? 1 : 0}, name,
        contact, tip.title, tip.text, tip.status_token, tip.limit.client, tip.received_at));
    if (!id) return id;
    if (Result<> kept = InsertReaderFiles(db, tip_sql::kInsertFile, *id, tip.files); !kept) {
      return tl::unexpected(kept.error());
    }
    return *id;
  });
}

template <typename B>
Result<Tip> SqlStore<B>::TipById(TipId id) const {
  return ReadOneOn<Tip>(backend(), tip_sql::kReadTip, fmt::format("tip {}", id), tip_sql::kById,
                        id);
}

template <typename B>
Result<Tip> SqlStore<B>::TipByToken(std::string_view status_token) const {
  return ReadOneOn<Tip>(backend(), tip_sql::kReadTip, "tip", tip_sql::kByToken, status_token);
}

template <typename B>
Result<std::vector<EvidenceFile>> SqlStore<B>::TipFiles(TipId id) const {
  return ReadAllOn<EvidenceFile>(backend(), ReadReaderFileRow(), tip_sql::kFiles, id);
}

template <typename B>
Result<TipPage> SqlStore<B>::Tips(const TipQuery& query) const {
  const std::string state(query.state ? TipStateName(*query.state) : "");
  const std::string kind(query.kind ? TipKindName(*query.kind) : "");
  return backend().OnSnapshot([&](auto& db) {
    return ReadPage<Tip>(Query(db, tip_sql::kTips, state, kind, std::int64_t{query.page.size},
                               (query.page.number - 1) * query.page.size),
                         tip_sql::kReadTip, Query(db, tip_sql::kCount, state, kind));
  });
}

template <typename B>
Result<std::vector<TipEvent>> SqlStore<B>::TipEvents(TipId id) const {
  return ReadAllOn<TipEvent>(
      backend(),
      rows::FieldReader<TipEvent>(&TipEvent::at, &TipEvent::user_id, &TipEvent::user_name,
                                  &TipEvent::action, &TipEvent::text),
      tip_sql::kEvents, id);
}

template <typename B>
Result<> SqlStore<B>::AssignTip(TipId id, std::optional<UserId> user, UserId by, Timestamp at) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    std::string name;
    if (user) {
      Result<std::string> found = ReadOne<std::string>(
          Query(db, tip_sql::kUserName, *user), [](const auto& row) { return row.Text(0); },
          fmt::format("user {}", *user));
      if (!found) return tl::unexpected(found.error());
      name = std::move(*found);
    }
    return tip_sql::UpdateWithEvent(
        db, id, tip_sql::kAssign,
        tip_sql::DeskStep{.by = by, .at = at, .action = "assign", .text = name}, user, at);
  });
}

template <typename B>
Result<Tip> SqlStore<B>::MoveTip(TipId id, TipState to, UserId by, Timestamp at) {
  Result<> moved = backend().OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<std::string> state = ReadOne<std::string>(
        Query(db, tip_sql::kStateForUpdate, id), [](const auto& row) { return row.Text(0); },
        fmt::format("tip {}", id));
    if (!state) return tl::unexpected(state.error());
    const TipState from = ParseTipState(*state).value_or(TipState::kReceived);
    if (!MayMoveTip(from, to)) {
      return Fail(ErrorCode::kConflict, fmt::format("tip {} cannot move from {} to {}", id,
                                                    TipStateName(from), TipStateName(to)));
    }
    return tip_sql::UpdateWithEvent(
        db, id, tip_sql::kMove,
        tip_sql::DeskStep{.by = by, .at = at, .action = "state", .text = TipStateName(to)},
        TipStateName(to), at);
  });
  if (!moved) return tl::unexpected(moved.error());
  return TipById(id);
}

template <typename B>
Result<> SqlStore<B>::ReplyToTip(TipId id, std::string_view reply, UserId by, Timestamp at) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    return tip_sql::UpdateWithEvent(
        db, id, tip_sql::kReply,
        tip_sql::DeskStep{.by = by, .at = at, .action = "reply", .text = reply}, reply, at);
  });
}

template <typename B>
Result<> SqlStore<B>::AddTipNote(TipId id, std::string_view note, UserId by, Timestamp at) {
  if (note.empty()) return Fail(ErrorCode::kInvalidInput, "an empty note");
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    return tip_sql::UpdateWithEvent(
        db, id, tip_sql::kTouch,
        tip_sql::DeskStep{.by = by, .at = at, .action = "note", .text = note}, at);
  });
}

template <typename B>
Result<> SqlStore<B>::LinkTipDraft(TipId id, ArticleId draft, UserId by, Timestamp at) {
  const std::string draft_text = std::to_string(draft);
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<std::optional<std::int64_t>> linked =
        ReadOptionalInt(Query(db, tip_sql::kDraftForUpdate, id));
    if (!linked) return tl::unexpected(linked.error());
    if (!*linked) return Fail(ErrorCode::kNotFound, fmt::format("tip {}", id));
    if (**linked != 0) return Fail(ErrorCode::kConflict, fmt::format("tip {} has a draft", id));
    return tip_sql::UpdateWithEvent(
        db, id, tip_sql::kDraft,
        tip_sql::DeskStep{.by = by, .at = at, .action = "draft", .text = draft_text}, draft, at);
  });
}

}  // namespace sinmun::store
