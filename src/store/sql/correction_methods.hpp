#pragma once
// SqlStore: corrections and replies (issue #18), for both backends. Tables in
// sqlite/migrations/0017_corrections.sql and postgres/migrations/0013_corrections.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <string>

#include "store/corrections.hpp"
#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/reader_sends.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/sql_store.hpp"
#include "store/store_text.hpp"

namespace sinmun::store {
namespace correction_sql {

#define SINMUN_CASE_COLUMNS                                                                  \
  "c.id, c.article_id, a.headline, c.kind, c.state, c.requester, c.contact, c.text, "        \
  "c.reason, c.status_token, c.assignee, COALESCE(u.name, ''), c.answer, c.published_text, " \
  "(SELECT COUNT(*) FROM correction_files f WHERE f.correction_id = c.id), c.received_at, "  \
  "c.decided_at, c.published_at "
#define SINMUN_CASE_FROM                                       \
  "FROM corrections c JOIN articles a ON a.id = c.article_id " \
  "LEFT JOIN users u ON u.id = c.assignee "
inline const Sql kById{"SELECT " SINMUN_CASE_COLUMNS SINMUN_CASE_FROM "WHERE c.id = ?1"};
inline const Sql kByToken{"SELECT " SINMUN_CASE_COLUMNS SINMUN_CASE_FROM
                          "WHERE c.status_token = ?1"};
inline const Sql kCases{"SELECT " SINMUN_CASE_COLUMNS SINMUN_CASE_FROM
                        "WHERE (?1 = '' OR c.state = ?1) "
                        "ORDER BY c.received_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"};
inline const Sql kCaseCount{"SELECT COUNT(*) FROM corrections c WHERE (?1 = '' OR c.state = ?1)"};
inline const Sql kOpen{"SELECT " SINMUN_CASE_COLUMNS SINMUN_CASE_FROM
                       "WHERE c.state IN ('received', 'reviewing', 'accepted') "
                       "ORDER BY c.received_at, c.id"};
#undef SINMUN_CASE_FROM
#undef SINMUN_CASE_COLUMNS
inline const Sql kStateForUpdate{"SELECT state FROM corrections WHERE id = ?1{for:UPDATE}"};
inline const Sql kInsert{
    "INSERT INTO corrections (article_id, kind, requester, contact, text, reason, status_token, "
    "received_at, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id"};
inline const Sql kSentSince{
    "SELECT COUNT(*) FROM corrections WHERE client = ?1 AND received_at >= ?2{::bigint}"};
inline const Sql kInsertFile{
    "INSERT INTO correction_files (correction_id, position, name, media_type, data) "
    "VALUES (?1, ?2, ?3, ?4, ?5)"};
inline const Sql kFiles{
    "SELECT name, media_type, data FROM correction_files WHERE correction_id = ?1 "
    "ORDER BY position"};
inline const Sql kAssign{"UPDATE corrections SET assignee = ?2 WHERE id = ?1"};
inline const Sql kMoveTo{"UPDATE corrections SET state = ?2 WHERE id = ?1"};
inline const Sql kDecide{
    "UPDATE corrections SET state = ?2, answer = ?3, decided_at = ?4 WHERE id = ?1"};
inline const Sql kPublish{
    "UPDATE corrections SET state = 'published', published_text = ?2, published_at = ?3 "
    "WHERE id = ?1 RETURNING article_id"};

// ?1 the article (0: every article).
inline const Sql kPublished{
    "SELECT c.id, c.article_id, a.headline, c.kind, c.published_text, c.published_at "
    "FROM corrections c JOIN articles a ON a.id = c.article_id "
    "WHERE c.state = 'published' AND (?1{::bigint} = 0 OR c.article_id = ?1{::bigint}) "
    "ORDER BY c.published_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"};

inline const auto kReadCase = rows::FieldReader<CorrectionCase>(
    &CorrectionCase::id, &CorrectionCase::article_id, &CorrectionCase::headline,
    rows::Parsed{&CorrectionCase::kind, ParseCorrectionKind},
    rows::Parsed{&CorrectionCase::state, ParseCaseState}, &CorrectionCase::requester,
    &CorrectionCase::contact, &CorrectionCase::text, &CorrectionCase::reason,
    &CorrectionCase::status_token, &CorrectionCase::assignee, &CorrectionCase::assignee_name,
    &CorrectionCase::answer, &CorrectionCase::published_text, &CorrectionCase::files,
    &CorrectionCase::received_at, &CorrectionCase::decided_at, &CorrectionCase::published_at);

}  // namespace correction_sql

template <typename B>
Result<CorrectionId> SqlStore<B>::FileCorrection(const NewCorrection& request) {
  if (request.requester.empty() || request.contact.empty() || request.text.empty() ||
      request.status_token.empty()) {
    return Fail(ErrorCode::kInvalidInput,
                "a correction request needs a requester, a contact, a text and a token");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<CorrectionId> {
    if (Result<> allowed = CheckClientLimit(db, correction_sql::kSentSince, request.limit);
        !allowed) {
      return tl::unexpected(allowed.error());
    }
    const Result<> published = row_checks::RequireRow(
        db, fmt::format("article {}", request.article_id), row_checks::kPublishedForShare,
        request.received_at, request.article_id);
    if (!published) return tl::unexpected(published.error());
    const Result<std::int64_t> id = ReadCount(
        Query(db, correction_sql::kInsert, request.article_id, CorrectionKindName(request.kind),
              request.requester, request.contact, request.text, request.reason,
              request.status_token, request.received_at, request.limit.client));
    if (!id) return id;
    if (Result<> kept = InsertReaderFiles(db, correction_sql::kInsertFile, *id, request.files);
        !kept) {
      return tl::unexpected(kept.error());
    }
    return *id;
  });
}

template <typename B>
Result<CorrectionCase> SqlStore<B>::CorrectionById(CorrectionId id) const {
  return ReadOneOn<CorrectionCase>(backend(), correction_sql::kReadCase,
                                   fmt::format("correction {}", id), correction_sql::kById, id);
}

template <typename B>
Result<CorrectionCase> SqlStore<B>::CorrectionByToken(std::string_view status_token) const {
  return ReadOneOn<CorrectionCase>(backend(), correction_sql::kReadCase, "correction",
                                   correction_sql::kByToken, status_token);
}

template <typename B>
Result<std::vector<EvidenceFile>> SqlStore<B>::CorrectionFiles(CorrectionId id) const {
  return ReadAllOn<EvidenceFile>(backend(), ReadReaderFileRow(), correction_sql::kFiles, id);
}

template <typename B>
Result<CasePage> SqlStore<B>::CorrectionCases(const CaseQuery& query) const {
  const std::string state(query.state ? CaseStateName(*query.state) : "");
  return backend().OnSnapshot([&](auto& db) {
    return ReadPage<CorrectionCase>(
        Query(db, correction_sql::kCases, state, std::int64_t{query.page.size},
              (query.page.number - 1) * query.page.size),
        correction_sql::kReadCase, Query(db, correction_sql::kCaseCount, state));
  });
}

template <typename B>
Result<std::vector<CorrectionCase>> SqlStore<B>::OpenCorrections() const {
  return ReadAllOn<CorrectionCase>(backend(), correction_sql::kReadCase, correction_sql::kOpen);
}

template <typename B>
Result<> SqlStore<B>::AssignCorrection(CorrectionId id, std::optional<UserId> user) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    if (user) {
      const Result<> known =
          row_checks::RequireRow(db, fmt::format("user {}", *user), row_checks::kUserExists, *user);
      if (!known) return known;
    }
    return WriteOne(db, fmt::format("correction {}", id), correction_sql::kAssign, id, user);
  });
}

template <typename B>
Result<CorrectionCase> SqlStore<B>::MoveCorrection(CorrectionId id, const CaseMove& move) {
  if (move.to == CaseState::kPublished && move.published_text.empty()) {
    return Fail(ErrorCode::kInvalidInput, "a published correction needs its text");
  }
  Result<> moved = backend().OnWriteTransaction([&](auto& db) -> Result<> {
    // The change counter first, as every article change takes it: a publish here and an
    // article save elsewhere lock in the same order.
    if (move.to == CaseState::kPublished) {
      if (Result<> locked = Write(db, kLockChanges); !locked) return locked;
    }
    const Result<std::string> state = ReadOne<std::string>(
        Query(db, correction_sql::kStateForUpdate, id), [](const auto& row) { return row.Text(0); },
        fmt::format("correction {}", id));
    if (!state) return tl::unexpected(state.error());
    const CaseState from = ParseCaseState(*state).value_or(CaseState::kReceived);
    if (!MayMove(from, move.to)) {
      return Fail(ErrorCode::kConflict, fmt::format("correction {} cannot move from {} to {}", id,
                                                    CaseStateName(from), CaseStateName(move.to)));
    }
    switch (move.to) {
      case CaseState::kAccepted:
      case CaseState::kRefused:
        return Write(db, correction_sql::kDecide, id, CaseStateName(move.to), move.answer, move.at);
      case CaseState::kPublished: {
        const Result<std::int64_t> article =
            ReadCount(Query(db, correction_sql::kPublish, id, move.published_text, move.at));
        if (!article) return tl::unexpected(article.error());
        return LogChange(db, *article, "correction", move.at);
      }
      case CaseState::kReceived:
      case CaseState::kReviewing:
        return Write(db, correction_sql::kMoveTo, id, CaseStateName(move.to));
    }
    return {};
  });
  if (!moved) return tl::unexpected(moved.error());
  return CorrectionById(id);
}

template <typename B>
Result<std::vector<PublishedCorrection>> SqlStore<B>::PublishedCorrections(
    std::optional<ArticleId> article, Page page) const {
  return ReadAllOn<PublishedCorrection>(
      backend(),
      rows::FieldReader<PublishedCorrection>(
          &PublishedCorrection::id, &PublishedCorrection::article_id,
          &PublishedCorrection::headline,
          rows::Parsed{&PublishedCorrection::kind, ParseCorrectionKind}, &PublishedCorrection::text,
          &PublishedCorrection::published_at),
      correction_sql::kPublished, article.value_or(0), std::int64_t{page.size},
      (page.number - 1) * page.size);
}

}  // namespace sinmun::store
