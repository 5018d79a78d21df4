#pragma once
// SqlStore: newsroom accounts, sessions, login throttles, the audit log, and the
// administration of sections, reporter profiles and site settings (issue #3), for both
// backends. Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace account_sql {

// Booleans are read as 0/1, the form the shared row readers (row_records.hpp) expect.
#define SINMUN_USER_COLUMNS "id, email, name, role, reporter_id, active{::int}, created_at"

inline const Sql kInsertUser{
    "INSERT INTO users (email, name, role, reporter_id, active, password_hash, created_at) "
    "VALUES (?1, ?2, ?3, ?4, TRUE, ?5, ?6) RETURNING id"};
inline const Sql kUserById{"SELECT " SINMUN_USER_COLUMNS " FROM users WHERE id = ?1"};
// E-mail addresses compare without letter case: SQLite's column is COLLATE NOCASE, while
// PostgreSQL's unique index users_email holds lower(email).
inline const Sql kCredentialsByEmail = Sql::Override(
    "SELECT " SINMUN_USER_COLUMNS ", password_hash FROM users WHERE email = ?1",
    "SELECT id, email, name, role, reporter_id, active::int, created_at, password_hash "
    "FROM users WHERE lower(email) = lower($1)");
inline const Sql kUsers{"SELECT " SINMUN_USER_COLUMNS " FROM users ORDER BY name, id"};
inline const Sql kUpdateUser{
    "UPDATE users SET name = ?2, role = ?3, reporter_id = ?4, active = ?5 WHERE id = ?1"};
inline const Sql kSetPassword{"UPDATE users SET password_hash = ?2 WHERE id = ?1"};

inline const Sql kInsertSession{
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)"};
inline const Sql kSessionByTokenHash{
    "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
    "u.id, u.email, u.name, u.role, u.reporter_id, u.active{::int}, u.created_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND u.active"};
inline const Sql kTouchSession{"UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1"};
inline const Sql kDeleteSession{"DELETE FROM sessions WHERE token_hash = ?1"};
inline const Sql kDeleteUserSessions{"DELETE FROM sessions WHERE user_id = ?1"};
inline const Sql kDeleteIdleSessions{"DELETE FROM sessions WHERE last_seen_at < ?1"};

inline const Sql kThrottle{"SELECT failures, locked_until FROM login_throttles WHERE key = ?1"};
inline const Sql kPutThrottle{
    "INSERT INTO login_throttles (key, failures, locked_until) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until"};
inline const Sql kClearThrottle{"DELETE FROM login_throttles WHERE key = ?1"};
// Taken first by ReserveLoginAttempt, so that reading the locks and counting a failure are one
// step across nodes (SQLite's writer holds the database lock anyway). Held for a few
// statements, never for a password check.
inline const Sql kLockThrottles =
    Sql::Override("SELECT 0 WHERE 0", "LOCK TABLE login_throttles IN SHARE ROW EXCLUSIVE MODE");

// The failures counted under `key`: {key, 0, 0} when none are.
template <typename Db>
Result<LoginThrottle> ReadThrottle(Db& db, std::string_view key) {
  Result<LoginThrottle> found = ReadOne<LoginThrottle>(
      Query(db, kThrottle, key),
      [key](const auto& row) {
        return LoginThrottle{.key = std::string(key),
                             .failures = static_cast<int>(row.Int(0)),
                             .locked_until = row.Int(1)};
      },
      "");
  if (!found && found.error().code == ErrorCode::kNotFound) {
    return LoginThrottle{.key = std::string(key)};
  }
  return found;
}

inline const Sql kAppendAudit{
    "INSERT INTO audit_log (at, user_id, actor, action, target, detail, remote_address) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"};
inline const Sql kAuditPage{
    "SELECT id, at, user_id, actor, action, target, detail, remote_address FROM audit_log "
    "ORDER BY id DESC LIMIT ?1 OFFSET ?2"};
inline const Sql kAuditCount{"SELECT COUNT(*) FROM audit_log"};

inline const Sql kAllSections{
    "SELECT id, slug, name, position, hidden{::int} FROM sections ORDER BY position, id"};
inline const Sql kInsertSection{
    "INSERT INTO sections (slug, name, position, hidden) "
    "VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM sections), ?3) RETURNING id"};
inline const Sql kUpdateSection{"UPDATE sections SET name = ?2, hidden = ?3 WHERE id = ?1"};
inline const Sql kSectionIds{"SELECT id FROM sections"};
inline const Sql kSetSectionPosition{"UPDATE sections SET position = ?2 WHERE id = ?1"};

inline const Sql kUpdateReporter{
    "UPDATE reporters SET name = ?2, email = ?3, bio = ?4 WHERE id = ?1"};
inline const Sql kSetReporterPhoto{"UPDATE reporters SET photo = NULLIF(?2, '') WHERE id = ?1"};

inline const Sql kSettings{"SELECT key, value FROM site_settings ORDER BY key"};
inline const Sql kPutSetting{
    "INSERT INTO site_settings (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
// Sets ?1 only when it is missing or empty: the first of several writers wins.
inline const Sql kPutSettingIfUnset{
    "INSERT INTO site_settings (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE site_settings.value = ''"};
inline const Sql kSettingValue{"SELECT value FROM site_settings WHERE key = ?1"};

#undef SINMUN_USER_COLUMNS

// WriteOne of `sql` and a site change of `kind`, in one write transaction.
template <typename Backend, typename... Params>
Result<> UpdateSite(Backend& backend, std::string_view kind, std::string what, const Sql& sql,
                    const Params&... params) {
  return backend.OnWriteTransaction([&](auto& db) -> Result<> {
    if (Result<> one = WriteOne(db, std::move(what), sql, params...); !one) return one;
    return LogSiteChange(db, kind);
  });
}

// `error` of a write naming a reporter id, with the unknown id said when it is a foreign-key
// failure.
inline Error UnknownReporter(Error error, std::optional<ReporterId> id) {
  if (error.code == ErrorCode::kInvalidInput) {
    error.detail = fmt::format("unknown reporter id {}", id.value_or(0));
  }
  return error;
}

}  // namespace account_sql

template <typename B>
Result<UserId> SqlStore<B>::InsertUser(const NewUser& user) {
  using namespace account_sql;  // NOLINT(google-build-using-namespace): this file's statements
  if (user.email.empty() || user.name.empty() || user.password_hash.empty()) {
    return Fail(ErrorCode::kInvalidInput, "user: empty e-mail, name or password hash");
  }
  const Result<std::int64_t> id =
      InsertOn(backend(), kInsertUser, user.email, user.name, RoleName(user.role), user.reporter_id,
               user.password_hash, user.created_at);
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, fmt::format("an account with e-mail {} exists", user.email));
  }
  if (!id) return tl::unexpected(UnknownReporter(id.error(), user.reporter_id));
  return *id;
}

template <typename B>
Result<User> SqlStore<B>::UserById(UserId id) const {
  return ReadOneOn<User>(
      backend(), [](const auto& row) { return rows::ReadUser(row); }, fmt::format("no user {}", id),
      account_sql::kUserById, id);
}

template <typename B>
Result<UserCredentials> SqlStore<B>::CredentialsByEmail(std::string_view email) const {
  return ReadOneOn<UserCredentials>(
      backend(),
      [](const auto& row) {
        return UserCredentials{.user = rows::ReadUser(row), .password_hash = row.Text(7)};
      },
      "no such user", account_sql::kCredentialsByEmail, email);
}

template <typename B>
Result<std::vector<User>> SqlStore<B>::Users() const {
  return ReadAllOn<User>(
      backend(), [](const auto& row) { return rows::ReadUser(row); }, account_sql::kUsers);
}

template <typename B>
Result<> SqlStore<B>::UpdateUser(const User& user) {
  using namespace account_sql;  // NOLINT(google-build-using-namespace)
  if (user.name.empty()) return Fail(ErrorCode::kInvalidInput, "user: empty name");
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<> one = WriteOne(db, fmt::format("no user {}", user.id), kUpdateUser, user.id,
                                  user.name, RoleName(user.role), user.reporter_id, user.active);
    if (!one) return tl::unexpected(UnknownReporter(one.error(), user.reporter_id));
    if (!user.active) return Write(db, kDeleteUserSessions, user.id);
    return {};
  });
}

template <typename B>
Result<> SqlStore<B>::ChangePassword(UserId id, std::string_view password_hash,
                                     const std::optional<Session>& replacement) {
  using namespace account_sql;  // NOLINT(google-build-using-namespace)
  if (password_hash.empty()) return Fail(ErrorCode::kInvalidInput, "empty password hash");
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    if (Result<> one = WriteOne(db, fmt::format("no user {}", id), kSetPassword, id, password_hash);
        !one) {
      return one;
    }
    if (Result<> done = Write(db, kDeleteUserSessions, id); !done) return done;
    if (!replacement) return {};
    const Session& session = *replacement;
    return Write(db, kInsertSession, session.token_hash, id, session.csrf_token, session.created_at,
                 session.last_seen_at);
  });
}

template <typename B>
Result<> SqlStore<B>::InsertSession(const Session& session) {
  return WriteOn(backend(), account_sql::kInsertSession, session.token_hash, session.user_id,
                 session.csrf_token, session.created_at, session.last_seen_at);
}

template <typename B>
Result<SessionUser> SqlStore<B>::SessionByTokenHash(std::string_view token_hash) const {
  return ReadOneOn<SessionUser>(
      backend(), [](const auto& row) { return rows::ReadSessionUser(row); }, "no such session",
      account_sql::kSessionByTokenHash, token_hash);
}

template <typename B>
Result<> SqlStore<B>::TouchSession(std::string_view token_hash, Timestamp last_seen_at) {
  return WriteOn(backend(), account_sql::kTouchSession, token_hash, last_seen_at);
}

template <typename B>
Result<> SqlStore<B>::DeleteSession(std::string_view token_hash) {
  return WriteOn(backend(), account_sql::kDeleteSession, token_hash);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::DeleteSessionsIdleSince(Timestamp before) {
  return backend().OnWriter(
      [&](auto& db) { return ReadAffected(Query(db, account_sql::kDeleteIdleSessions, before)); });
}

template <typename B>
Result<LoginThrottle> SqlStore<B>::LoginThrottleFor(std::string_view key) const {
  return backend().OnReader([key](auto& db) { return account_sql::ReadThrottle(db, key); });
}

template <typename B>
Result<> SqlStore<B>::PutLoginThrottle(const LoginThrottle& throttle) {
  return WriteOn(backend(), account_sql::kPutThrottle, throttle.key,
                 std::int64_t{throttle.failures}, throttle.locked_until);
}

template <typename B>
Result<Timestamp> SqlStore<B>::ReserveLoginAttempt(std::span<const ThrottledKey> keys,
                                                   Timestamp now, LockSeconds lock_seconds) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<Timestamp> {
    if (Result<> locked = Write(db, account_sql::kLockThrottles); !locked) {
      return tl::unexpected(locked.error());
    }
    std::vector<LoginThrottle> throttles;
    Timestamp wait = 0;
    for (const ThrottledKey& key : keys) {
      Result<LoginThrottle> throttle = account_sql::ReadThrottle(db, key.key);
      if (!throttle) return tl::unexpected(throttle.error());
      if (key.checked) wait = std::max(wait, throttle->locked_until - now);
      throttles.push_back(std::move(*throttle));
    }
    if (wait > 0) return wait;
    for (size_t i = 0; i < keys.size(); ++i) {
      LoginThrottle& throttle = throttles[i];
      throttle.failures = std::min(throttle.failures + 1, 1000);
      const Timestamp lock = lock_seconds(throttle.failures, keys[i].free_failures);
      if (lock > 0) throttle.locked_until = now + lock;
      if (Result<> put = Write(db, account_sql::kPutThrottle, throttle.key,
                               std::int64_t{throttle.failures}, throttle.locked_until);
          !put) {
        return tl::unexpected(put.error());
      }
    }
    return Timestamp{0};
  });
}

template <typename B>
Result<> SqlStore<B>::ClearLoginThrottle(std::string_view key) {
  return WriteOn(backend(), account_sql::kClearThrottle, key);
}

template <typename B>
Result<std::int64_t> SqlStore<B>::AppendAudit(const AuditEntry& entry) {
  return InsertOn(backend(), account_sql::kAppendAudit, entry.at, entry.user_id, entry.actor,
                  entry.action, entry.target, entry.detail, entry.remote_address);
}

template <typename B>
Result<AuditPage> SqlStore<B>::AuditLog(Page page) const {
  if (page.number < 1 || page.size < 1 || page.number > (std::int64_t{1} << 40)) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad page {}", page.number));
  }
  return backend().OnSnapshot([page](auto& db) {
    return ReadPage<AuditEntry>(
        Query(db, account_sql::kAuditPage, std::int64_t{page.size}, (page.number - 1) * page.size),
        [](const auto& row) { return rows::ReadAuditEntry(row); },
        Query(db, account_sql::kAuditCount));
  });
}

template <typename B>
Result<std::vector<SectionAdmin>> SqlStore<B>::AllSections() const {
  return ReadAllOn<SectionAdmin>(
      backend(), [](const auto& row) { return rows::ReadSectionAdmin(row); },
      account_sql::kAllSections);
}

template <typename B>
Result<SectionId> SqlStore<B>::CreateSection(const NewSection& section, bool hidden) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "section: empty slug or name");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<SectionId> {
    // The lock on the change counter, taken first, keeps two creations from choosing the
    // same position.
    if (Result<> locked = Write(db, kLockChanges); !locked) return tl::unexpected(locked.error());
    const Result<std::int64_t> id =
        ReadCount(Query(db, account_sql::kInsertSection, section.slug, section.name, hidden));
    if (!id && id.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, fmt::format("section slug {} is taken", section.slug));
    }
    if (!id) return id;
    if (Result<> done = LogSiteChange(db, "section"); !done) return tl::unexpected(done.error());
    return *id;
  });
}

template <typename B>
Result<> SqlStore<B>::UpdateSection(const SectionAdmin& section) {
  if (section.section.name.empty()) return Fail(ErrorCode::kInvalidInput, "section: empty name");
  return account_sql::UpdateSite(
      backend(), "section", fmt::format("no section {}", section.section.id),
      account_sql::kUpdateSection, section.section.id, section.section.name, section.hidden);
}

template <typename B>
Result<> SqlStore<B>::ReorderSections(const std::vector<SectionId>& order) {
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    // Locked first, so that no section is created between the check and the reorder.
    if (Result<> locked = Write(db, kLockChanges); !locked) return locked;
    const Result<std::vector<SectionId>> ids = ReadAll<SectionId>(
        Query(db, account_sql::kSectionIds), [](const auto& row) { return row.Int(0); });
    if (!ids) return tl::unexpected(ids.error());
    const std::set<SectionId> existing(ids->begin(), ids->end());
    const std::set<SectionId> given(order.begin(), order.end());
    if (given.size() != order.size() || given != existing) {
      return Fail(ErrorCode::kInvalidInput, "section order must list every section once");
    }
    for (size_t i = 0; i < order.size(); ++i) {
      if (Result<> done =
              Write(db, account_sql::kSetSectionPosition, order[i], static_cast<std::int64_t>(i));
          !done) {
        return done;
      }
    }
    return LogSiteChange(db, "section");
  });
}

template <typename B>
Result<> SqlStore<B>::UpdateReporter(const Reporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "reporter: empty name");
  return account_sql::UpdateSite(backend(), "reporter", fmt::format("no reporter {}", reporter.id),
                                 account_sql::kUpdateReporter, reporter.id, reporter.name,
                                 reporter.email, reporter.bio);
}

template <typename B>
Result<> SqlStore<B>::SetReporterPhoto(ReporterId id, std::string_view photo) {
  return account_sql::UpdateSite(backend(), "reporter", fmt::format("no reporter {}", id),
                                 account_sql::kSetReporterPhoto, id, photo);
}

template <typename B>
Result<Settings> SqlStore<B>::SiteSettings() const {
  return ReadAllOn<std::pair<std::string, std::string>>(
      backend(), [](const auto& row) { return std::make_pair(row.Text(0), row.Text(1)); },
      account_sql::kSettings);
}

template <typename B>
Result<> SqlStore<B>::PutSiteSettings(const Settings& settings) {
  for (const auto& [key, value] : settings) {
    if (key.empty()) return Fail(ErrorCode::kInvalidInput, "settings: empty key");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    for (const auto& [key, value] : settings) {
      if (Result<> done = Write(db, account_sql::kPutSetting, key, value); !done) return done;
    }
    return LogSiteChange(db, "settings");
  });
}

template <typename B>
Result<std::string> SqlStore<B>::PutSiteSettingIfUnset(std::string_view key,
                                                       std::string_view value) {
  if (key.empty() || value.empty()) {
    return Fail(ErrorCode::kInvalidInput, "settings: empty key or value");
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::string> {
    const Result<std::int64_t> written =
        ReadAffected(Query(db, account_sql::kPutSettingIfUnset, key, value));
    if (!written) return tl::unexpected(written.error());
    if (*written > 0) {
      if (Result<> logged = LogSiteChange(db, "settings"); !logged) {
        return tl::unexpected(logged.error());
      }
    }
    return ReadOne<std::string>(
        Query(db, account_sql::kSettingValue, key), [](const auto& row) { return row.Text(0); },
        "setting");
  });
}

}  // namespace sinmun::store
