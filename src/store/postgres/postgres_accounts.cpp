// PgStore: newsroom accounts, sessions, login throttles, the audit log, and the
// administration of sections, reporter profiles and site settings (issue #3).
// See sqlite_accounts.cpp.

#include <fmt/format.h>

#include <ctime>
#include <set>
#include <string>
#include <utility>

#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"

namespace sinmun::store::postgres {
namespace {

// Booleans are read as 0/1, the form the shared row readers (row_records.hpp) expect.
#define SINMUN_USER_COLUMNS "id, email, name, role, reporter_id, active::int, created_at"

constexpr char kInsertUser[] =
    "INSERT INTO users (email, name, role, reporter_id, active, password_hash, created_at) "
    "VALUES ($1, $2, $3, $4, true, $5, $6) RETURNING id";
constexpr char kUserById[] = "SELECT " SINMUN_USER_COLUMNS " FROM users WHERE id = $1";
// lower(email) is what the unique index users_email holds.
constexpr char kCredentialsByEmail[] =
    "SELECT " SINMUN_USER_COLUMNS ", password_hash FROM users WHERE lower(email) = lower($1)";
constexpr char kUsers[] = "SELECT " SINMUN_USER_COLUMNS " FROM users ORDER BY name, id";
constexpr char kUpdateUser[] =
    "UPDATE users SET name = $2, role = $3, reporter_id = $4, active = $5 WHERE id = $1";
constexpr char kSetPassword[] = "UPDATE users SET password_hash = $2 WHERE id = $1";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr char kSessionByTokenHash[] =
    "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
    "u.id, u.email, u.name, u.role, u.reporter_id, u.active::int, u.created_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.active";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = $1";
constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = $1";
constexpr char kDeleteIdleSessions[] = "DELETE FROM sessions WHERE last_seen_at < $1";

constexpr char kThrottle[] = "SELECT failures, locked_until FROM login_throttles WHERE key = $1";
constexpr char kPutThrottle[] =
    "INSERT INTO login_throttles (key, failures, locked_until) VALUES ($1, $2, $3) "
    "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until";
constexpr char kClearThrottle[] = "DELETE FROM login_throttles WHERE key = $1";

constexpr char kAppendAudit[] =
    "INSERT INTO audit_log (at, user_id, actor, action, target, detail, remote_address) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr char kAuditPage[] =
    "SELECT id, at, user_id, actor, action, target, detail, remote_address FROM audit_log "
    "ORDER BY id DESC LIMIT $1 OFFSET $2";
constexpr char kAuditCount[] = "SELECT COUNT(*) FROM audit_log";

constexpr char kAllSections[] =
    "SELECT id, slug, name, position, hidden::int FROM sections ORDER BY position, id";
// The lock on the change counter (taken first) keeps two creations from choosing the same
// position.
constexpr char kLockChanges[] = "SELECT seq FROM change_sequence FOR UPDATE";
constexpr char kInsertSection[] =
    "INSERT INTO sections (slug, name, position, hidden) "
    "VALUES ($1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM sections), $3) RETURNING id";
constexpr char kUpdateSection[] = "UPDATE sections SET name = $2, hidden = $3 WHERE id = $1";
constexpr char kSectionIds[] = "SELECT id FROM sections";
constexpr char kSetSectionPosition[] = "UPDATE sections SET position = $2 WHERE id = $1";

constexpr char kUpdateReporter[] =
    "UPDATE reporters SET name = $2, email = $3, bio = $4 WHERE id = $1";
constexpr char kSetReporterPhoto[] = "UPDATE reporters SET photo = NULLIF($2, '') WHERE id = $1";

constexpr char kSettings[] = "SELECT key, value FROM site_settings ORDER BY key";
constexpr char kPutSetting[] =
    "INSERT INTO site_settings (key, value) VALUES ($1, $2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

#undef SINMUN_USER_COLUMNS

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

// Runs a write and fails with kNotFound and `what` when it changed no row.
template <typename... Params>
Result<> WriteOne(Connection& connection, std::string what, const char* sql,
                  const Params&... params) {
  Result<std::int64_t> changed = ReadAffected(Query(connection, sql, params...));
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return Fail(ErrorCode::kNotFound, std::move(what));
  return {};
}

Result<> RecordSiteChange(Connection& connection, std::string_view kind) {
  return AppendChange(connection, 0, kind, WallClock());
}

}  // namespace

Result<UserId> PgStore::InsertUser(const NewUser& user) {
  if (user.email.empty() || user.name.empty() || user.password_hash.empty()) {
    return Fail(ErrorCode::kInvalidInput, "user: empty e-mail, name or password hash");
  }
  return WithConnection(pool(), [&](Connection& connection) -> Result<UserId> {
    Result<std::int64_t> id =
        ReadCount(Query(connection, kInsertUser, user.email, user.name, RoleName(user.role),
                        user.reporter_id, user.password_hash, user.created_at));
    if (!id) {
      Error error = id.error();
      if (error.code == ErrorCode::kConflict) {
        error.detail = fmt::format("an account with e-mail {} exists", user.email);
      } else if (error.code == ErrorCode::kInvalidInput) {
        error.detail = fmt::format("unknown reporter id {}", user.reporter_id.value_or(0));
      }
      return tl::unexpected(std::move(error));
    }
    return *id;
  });
}

Result<User> PgStore::UserById(UserId id) const {
  return WithConnection(pool(), [id](Connection& connection) {
    return ReadOne<User>(
        Query(connection, kUserById, id), [](const Row& row) { return store::rows::ReadUser(row); },
        fmt::format("no user {}", id));
  });
}

Result<UserCredentials> PgStore::CredentialsByEmail(std::string_view email) const {
  return WithConnection(pool(), [email](Connection& connection) {
    return ReadOne<UserCredentials>(
        Query(connection, kCredentialsByEmail, email),
        [](const Row& row) {
          return UserCredentials{.user = store::rows::ReadUser(row), .password_hash = row.Text(7)};
        },
        "no such user");
  });
}

Result<std::vector<User>> PgStore::Users() const {
  return WithConnection(pool(), [](Connection& connection) {
    return ReadAll<User>(Query(connection, kUsers),
                         [](const Row& row) { return store::rows::ReadUser(row); });
  });
}

Result<> PgStore::UpdateUser(const User& user) {
  if (user.name.empty()) return Fail(ErrorCode::kInvalidInput, "user: empty name");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    Result<> one = WriteOne(connection, fmt::format("no user {}", user.id), kUpdateUser, user.id,
                            user.name, RoleName(user.role), user.reporter_id, user.active);
    if (!one) {
      Error error = one.error();
      if (error.code == ErrorCode::kInvalidInput) {
        error.detail = fmt::format("unknown reporter id {}", user.reporter_id.value_or(0));
      }
      return tl::unexpected(std::move(error));
    }
    if (!user.active) return Write(connection, kDeleteUserSessions, user.id);
    return {};
  });
}

Result<> PgStore::ChangePassword(UserId id, std::string_view password_hash,
                                 const std::optional<Session>& replacement) {
  if (password_hash.empty()) return Fail(ErrorCode::kInvalidInput, "empty password hash");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    if (Result<> one =
            WriteOne(connection, fmt::format("no user {}", id), kSetPassword, id, password_hash);
        !one) {
      return one;
    }
    if (Result<> done = Write(connection, kDeleteUserSessions, id); !done) return done;
    if (!replacement) return {};
    const Session& session = *replacement;
    return Write(connection, kInsertSession, session.token_hash, id, session.csrf_token,
                 session.created_at, session.last_seen_at);
  });
}

Result<> PgStore::InsertSession(const Session& session) {
  return WithConnection(pool(), [&](Connection& connection) {
    return Write(connection, kInsertSession, session.token_hash, session.user_id,
                 session.csrf_token, session.created_at, session.last_seen_at);
  });
}

Result<SessionUser> PgStore::SessionByTokenHash(std::string_view token_hash) const {
  return WithConnection(pool(), [token_hash](Connection& connection) {
    return ReadOne<SessionUser>(Query(connection, kSessionByTokenHash, token_hash),
                                store::rows::ReadSessionUser<Row>, "no such session");
  });
}

Result<> PgStore::TouchSession(std::string_view token_hash, Timestamp last_seen_at) {
  return WithConnection(pool(), [&](Connection& connection) {
    return Write(connection, kTouchSession, token_hash, last_seen_at);
  });
}

Result<> PgStore::DeleteSession(std::string_view token_hash) {
  return WithConnection(pool(), [&](Connection& connection) {
    return Write(connection, kDeleteSession, token_hash);
  });
}

Result<std::int64_t> PgStore::DeleteSessionsIdleSince(Timestamp before) {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAffected(Query(connection, kDeleteIdleSessions, before));
  });
}

Result<LoginThrottle> PgStore::LoginThrottleFor(std::string_view key) const {
  return WithConnection(pool(), [key](Connection& connection) -> Result<LoginThrottle> {
    Result<Rows> rows = Query(connection, kThrottle, key);
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) return LoginThrottle{.key = std::string(key)};
    return LoginThrottle{.key = std::string(key),
                         .failures = static_cast<int>((*rows)[0].Int(0)),
                         .locked_until = (*rows)[0].Int(1)};
  });
}

Result<> PgStore::PutLoginThrottle(const LoginThrottle& throttle) {
  return WithConnection(pool(), [&](Connection& connection) {
    return Write(connection, kPutThrottle, throttle.key, std::int64_t{throttle.failures},
                 throttle.locked_until);
  });
}

Result<> PgStore::ClearLoginThrottle(std::string_view key) {
  return WithConnection(
      pool(), [&](Connection& connection) { return Write(connection, kClearThrottle, key); });
}

Result<std::int64_t> PgStore::AppendAudit(const AuditEntry& entry) {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadCount(Query(connection, kAppendAudit, entry.at, entry.user_id, entry.actor,
                           entry.action, entry.target, entry.detail, entry.remote_address));
  });
}

Result<AuditPage> PgStore::AuditLog(Page page) const {
  if (page.number < 1 || page.size < 1 || page.number > (std::int64_t{1} << 40)) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad page {}", page.number));
  }
  return InSnapshot(pool(), [page](Connection& connection) -> Result<AuditPage> {
    Result<std::vector<AuditEntry>> items = ReadAll<AuditEntry>(
        Query(connection, kAuditPage, std::int64_t{page.size}, (page.number - 1) * page.size),
        store::rows::ReadAuditEntry<Row>);
    if (!items) return tl::unexpected(items.error());
    Result<std::int64_t> total = ReadCount(Query(connection, kAuditCount));
    if (!total) return tl::unexpected(total.error());
    return AuditPage{.items = std::move(*items), .total = *total};
  });
}

Result<std::vector<SectionAdmin>> PgStore::AllSections() const {
  return WithConnection(pool(), [](Connection& connection) {
    return ReadAll<SectionAdmin>(Query(connection, kAllSections),
                                 store::rows::ReadSectionAdmin<Row>);
  });
}

Result<SectionId> PgStore::CreateSection(const NewSection& section, bool hidden) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "section: empty slug or name");
  }
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<SectionId> {
    if (Result<> locked = Write(connection, kLockChanges); !locked) {
      return tl::unexpected(locked.error());
    }
    Result<std::int64_t> id =
        ReadCount(Query(connection, kInsertSection, section.slug, section.name, hidden));
    if (!id) {
      Error error = id.error();
      if (error.code == ErrorCode::kConflict) {
        error.detail = fmt::format("section slug {} is taken", section.slug);
      }
      return tl::unexpected(std::move(error));
    }
    if (Result<> done = RecordSiteChange(connection, "section"); !done) {
      return tl::unexpected(done.error());
    }
    return *id;
  });
}

Result<> PgStore::UpdateSection(const SectionAdmin& section) {
  if (section.section.name.empty()) return Fail(ErrorCode::kInvalidInput, "section: empty name");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    if (Result<> one =
            WriteOne(connection, fmt::format("no section {}", section.section.id), kUpdateSection,
                     section.section.id, section.section.name, section.hidden);
        !one) {
      return one;
    }
    return RecordSiteChange(connection, "section");
  });
}

Result<> PgStore::ReorderSections(const std::vector<SectionId>& order) {
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    // Locked first, so that no section is created between the check and the reorder.
    if (Result<> locked = Write(connection, kLockChanges); !locked) return locked;
    Result<std::vector<SectionId>> ids = ReadAll<SectionId>(
        Query(connection, kSectionIds), [](const Row& row) { return row.Int(0); });
    if (!ids) return tl::unexpected(ids.error());
    const std::set<SectionId> existing(ids->begin(), ids->end());
    const std::set<SectionId> given(order.begin(), order.end());
    if (given.size() != order.size() || given != existing) {
      return Fail(ErrorCode::kInvalidInput, "section order must list every section once");
    }
    for (size_t i = 0; i < order.size(); ++i) {
      if (Result<> done =
              Write(connection, kSetSectionPosition, order[i], static_cast<std::int64_t>(i));
          !done) {
        return done;
      }
    }
    return RecordSiteChange(connection, "section");
  });
}

Result<> PgStore::UpdateReporter(const Reporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "reporter: empty name");
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    if (Result<> one =
            WriteOne(connection, fmt::format("no reporter {}", reporter.id), kUpdateReporter,
                     reporter.id, reporter.name, reporter.email, reporter.bio);
        !one) {
      return one;
    }
    return RecordSiteChange(connection, "reporter");
  });
}

Result<> PgStore::SetReporterPhoto(ReporterId id, std::string_view photo) {
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    if (Result<> one =
            WriteOne(connection, fmt::format("no reporter {}", id), kSetReporterPhoto, id, photo);
        !one) {
      return one;
    }
    return RecordSiteChange(connection, "reporter");
  });
}

Result<Settings> PgStore::SiteSettings() const {
  return WithConnection(pool(), [](Connection& connection) {
    return ReadAll<std::pair<std::string, std::string>>(
        Query(connection, kSettings),
        [](const Row& row) { return std::make_pair(row.Text(0), row.Text(1)); });
  });
}

Result<> PgStore::PutSiteSettings(const Settings& settings) {
  for (const auto& [key, value] : settings) {
    if (key.empty()) return Fail(ErrorCode::kInvalidInput, "settings: empty key");
  }
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    for (const auto& [key, value] : settings) {
      if (Result<> done = Write(connection, kPutSetting, key, value); !done) return done;
    }
    return RecordSiteChange(connection, "settings");
  });
}

}  // namespace sinmun::store::postgres
