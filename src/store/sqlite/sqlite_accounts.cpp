// SqliteStore: newsroom accounts, sessions, login throttles, the audit log, and the
// administration of sections, reporter profiles and site settings (issue #3).

#include <fmt/format.h>

#include <ctime>
#include <set>
#include <string>
#include <utility>

#include "store/row_records.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sinmun::store::sqlite {
namespace {

#define SINMUN_USER_COLUMNS "id, email, name, role, reporter_id, active, created_at"

constexpr char kInsertUser[] =
    "INSERT INTO users (email, name, role, reporter_id, active, password_hash, created_at) "
    "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)";
constexpr char kUserById[] = "SELECT " SINMUN_USER_COLUMNS " FROM users WHERE id = ?1";
constexpr char kCredentialsByEmail[] =
    "SELECT " SINMUN_USER_COLUMNS ", password_hash FROM users WHERE email = ?1";
constexpr char kUsers[] = "SELECT " SINMUN_USER_COLUMNS " FROM users ORDER BY name, id";
constexpr char kUpdateUser[] =
    "UPDATE users SET name = ?2, role = ?3, reporter_id = ?4, active = ?5 WHERE id = ?1";
constexpr char kSetPassword[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char kSessionByTokenHash[] =
    "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
    "u.id, u.email, u.name, u.role, u.reporter_id, u.active, u.created_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND u.active = 1";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = ?1";
constexpr char kDeleteIdleSessions[] = "DELETE FROM sessions WHERE last_seen_at < ?1";

constexpr char kThrottle[] = "SELECT failures, locked_until FROM login_throttles WHERE key = ?1";
constexpr char kPutThrottle[] =
    "INSERT INTO login_throttles (key, failures, locked_until) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until";
constexpr char kClearThrottle[] = "DELETE FROM login_throttles WHERE key = ?1";

constexpr char kAppendAudit[] =
    "INSERT INTO audit_log (at, user_id, actor, action, target, detail, remote_address) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kAuditPage[] =
    "SELECT id, at, user_id, actor, action, target, detail, remote_address FROM audit_log "
    "ORDER BY id DESC LIMIT ?1 OFFSET ?2";
constexpr char kAuditCount[] = "SELECT COUNT(*) FROM audit_log";

constexpr char kAllSections[] =
    "SELECT id, slug, name, position, hidden FROM sections ORDER BY position, id";
constexpr char kInsertSection[] =
    "INSERT INTO sections (slug, name, position, hidden) "
    "VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM sections), ?3)";
constexpr char kUpdateSection[] = "UPDATE sections SET name = ?2, hidden = ?3 WHERE id = ?1";
constexpr char kSectionIds[] = "SELECT id FROM sections";
constexpr char kSetSectionPosition[] = "UPDATE sections SET position = ?2 WHERE id = ?1";

constexpr char kUpdateReporter[] =
    "UPDATE reporters SET name = ?2, email = ?3, bio = ?4 WHERE id = ?1";
constexpr char kSetReporterPhoto[] = "UPDATE reporters SET photo = NULLIF(?2, '') WHERE id = ?1";

constexpr char kSettings[] = "SELECT key, value FROM site_settings ORDER BY key";
constexpr char kPutSetting[] =
    "INSERT INTO site_settings (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

// A change that is not about one article: article_id 0 (see store.hpp).
constexpr char kInsertSiteChange[] =
    "INSERT INTO changes (article_id, kind, at) VALUES (0, ?1, ?2)";

#undef SINMUN_USER_COLUMNS

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

std::int64_t Flag(bool value) { return value ? 1 : 0; }

// kNotFound with `what` when the last statement on `connection` changed no row.
Result<> ChangedOne(Connection& connection, std::string what) {
  if (sqlite3_changes(connection.handle()) == 0) return Fail(ErrorCode::kNotFound, std::move(what));
  return {};
}

Result<> RecordSiteChange(Connection& writer, std::string_view kind) {
  return Write(writer, kInsertSiteChange, kind, WallClock());
}

}  // namespace

Result<UserId> SqliteStore::InsertUser(const NewUser& user) {
  if (user.email.empty() || user.name.empty() || user.password_hash.empty()) {
    return Fail(ErrorCode::kInvalidInput, "user: empty e-mail, name or password hash");
  }
  std::lock_guard lock(writer_mutex_);
  const Result<> done = Write(*writer_, kInsertUser, user.email, user.name, RoleName(user.role),
                              user.reporter_id, user.password_hash, user.created_at);
  if (!done) {
    Error error = done.error();
    if (error.code == ErrorCode::kConflict) {
      error.detail = fmt::format("an account with e-mail {} exists", user.email);
    } else if (error.code == ErrorCode::kInvalidInput) {
      error.detail = fmt::format("unknown reporter id {}", user.reporter_id.value_or(0));
    }
    return tl::unexpected(std::move(error));
  }
  return writer_->LastInsertId();
}

Result<User> SqliteStore::UserById(UserId id) const {
  return WithPooledReader([id](Connection& connection) {
    return ReadOne<User>(
        Query(connection, kUserById, id),
        [](const Statement& row) { return store::rows::ReadUser(row); },
        fmt::format("no user {}", id));
  });
}

Result<UserCredentials> SqliteStore::CredentialsByEmail(std::string_view email) const {
  return WithPooledReader([email](Connection& connection) {
    return ReadOne<UserCredentials>(
        Query(connection, kCredentialsByEmail, email),
        [](const Statement& row) {
          return UserCredentials{.user = store::rows::ReadUser(row), .password_hash = row.Text(7)};
        },
        "no such user");
  });
}

Result<std::vector<User>> SqliteStore::Users() const {
  return WithPooledReader([](Connection& connection) {
    return ReadAll<User>(Query(connection, kUsers),
                         [](const Statement& row) { return store::rows::ReadUser(row); });
  });
}

Result<> SqliteStore::UpdateUser(const User& user) {
  if (user.name.empty()) return Fail(ErrorCode::kInvalidInput, "user: empty name");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kUpdateUser, user.id, user.name, RoleName(user.role),
                            user.reporter_id, Flag(user.active));
      !done) {
    Error error = done.error();
    if (error.code == ErrorCode::kInvalidInput) {
      error.detail = fmt::format("unknown reporter id {}", user.reporter_id.value_or(0));
    }
    return tl::unexpected(std::move(error));
  }
  if (Result<> one = ChangedOne(*writer_, fmt::format("no user {}", user.id)); !one) return one;
  if (!user.active) {
    if (Result<> done = Write(*writer_, kDeleteUserSessions, user.id); !done) return done;
  }
  return transaction->Commit();
}

Result<> SqliteStore::ChangePassword(UserId id, std::string_view password_hash,
                                     const std::optional<Session>& replacement) {
  if (password_hash.empty()) return Fail(ErrorCode::kInvalidInput, "empty password hash");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kSetPassword, id, password_hash); !done) return done;
  if (Result<> one = ChangedOne(*writer_, fmt::format("no user {}", id)); !one) return one;
  if (Result<> done = Write(*writer_, kDeleteUserSessions, id); !done) return done;
  if (replacement) {
    const Session& session = *replacement;
    if (Result<> done = Write(*writer_, kInsertSession, session.token_hash, id, session.csrf_token,
                              session.created_at, session.last_seen_at);
        !done) {
      return done;
    }
  }
  return transaction->Commit();
}

Result<> SqliteStore::InsertSession(const Session& session) {
  std::lock_guard lock(writer_mutex_);
  return Write(*writer_, kInsertSession, session.token_hash, session.user_id, session.csrf_token,
               session.created_at, session.last_seen_at);
}

Result<SessionUser> SqliteStore::SessionByTokenHash(std::string_view token_hash) const {
  return WithPooledReader([token_hash](Connection& connection) {
    return ReadOne<SessionUser>(Query(connection, kSessionByTokenHash, token_hash),
                                store::rows::ReadSessionUser<Statement>, "no such session");
  });
}

Result<> SqliteStore::TouchSession(std::string_view token_hash, Timestamp last_seen_at) {
  std::lock_guard lock(writer_mutex_);
  return Write(*writer_, kTouchSession, token_hash, last_seen_at);
}

Result<> SqliteStore::DeleteSession(std::string_view token_hash) {
  std::lock_guard lock(writer_mutex_);
  return Write(*writer_, kDeleteSession, token_hash);
}

Result<std::int64_t> SqliteStore::DeleteSessionsIdleSince(Timestamp before) {
  std::lock_guard lock(writer_mutex_);
  if (Result<> done = Write(*writer_, kDeleteIdleSessions, before); !done) {
    return tl::unexpected(done.error());
  }
  return std::int64_t{sqlite3_changes(writer_->handle())};
}

Result<LoginThrottle> SqliteStore::LoginThrottleFor(std::string_view key) const {
  return WithPooledReader([key](Connection& connection) -> Result<LoginThrottle> {
    Result<LoginThrottle> found = ReadOne<LoginThrottle>(
        Query(connection, kThrottle, key),
        [key](const Statement& row) {
          return LoginThrottle{.key = std::string(key),
                               .failures = static_cast<int>(row.Int(0)),
                               .locked_until = row.Int(1)};
        },
        "");
    if (!found && found.error().code == ErrorCode::kNotFound) {
      return LoginThrottle{.key = std::string(key)};
    }
    return found;
  });
}

Result<> SqliteStore::PutLoginThrottle(const LoginThrottle& throttle) {
  std::lock_guard lock(writer_mutex_);
  return Write(*writer_, kPutThrottle, throttle.key, std::int64_t{throttle.failures},
               throttle.locked_until);
}

Result<> SqliteStore::ClearLoginThrottle(std::string_view key) {
  std::lock_guard lock(writer_mutex_);
  return Write(*writer_, kClearThrottle, key);
}

Result<std::int64_t> SqliteStore::AppendAudit(const AuditEntry& entry) {
  std::lock_guard lock(writer_mutex_);
  if (Result<> done = Write(*writer_, kAppendAudit, entry.at, entry.user_id, entry.actor,
                            entry.action, entry.target, entry.detail, entry.remote_address);
      !done) {
    return tl::unexpected(done.error());
  }
  return writer_->LastInsertId();
}

Result<AuditPage> SqliteStore::AuditLog(Page page) const {
  if (page.number < 1 || page.size < 1 || page.number > (std::int64_t{1} << 40)) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("bad page {}", page.number));
  }
  return WithPooledReader([page](Connection& connection) {
    return InSnapshot(connection, [&]() -> Result<AuditPage> {
      Result<std::vector<AuditEntry>> items = ReadAll<AuditEntry>(
          Query(connection, kAuditPage, std::int64_t{page.size}, (page.number - 1) * page.size),
          store::rows::ReadAuditEntry<Statement>);
      if (!items) return tl::unexpected(items.error());
      Result<std::int64_t> total = ReadCount(Query(connection, kAuditCount));
      if (!total) return tl::unexpected(total.error());
      return AuditPage{.items = std::move(*items), .total = *total};
    });
  });
}

Result<std::vector<SectionAdmin>> SqliteStore::AllSections() const {
  return WithPooledReader([](Connection& connection) {
    return ReadAll<SectionAdmin>(Query(connection, kAllSections),
                                 store::rows::ReadSectionAdmin<Statement>);
  });
}

Result<SectionId> SqliteStore::CreateSection(const NewSection& section, bool hidden) {
  if (section.slug.empty() || section.name.empty()) {
    return Fail(ErrorCode::kInvalidInput, "section: empty slug or name");
  }
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kInsertSection, section.slug, section.name, Flag(hidden));
      !done) {
    Error error = done.error();
    if (error.code == ErrorCode::kConflict) {
      error.detail = fmt::format("section slug {} is taken", section.slug);
    }
    return tl::unexpected(std::move(error));
  }
  const SectionId id = writer_->LastInsertId();
  if (Result<> done = RecordSiteChange(*writer_, "section"); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return id;
}

Result<> SqliteStore::UpdateSection(const SectionAdmin& section) {
  if (section.section.name.empty()) return Fail(ErrorCode::kInvalidInput, "section: empty name");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kUpdateSection, section.section.id, section.section.name,
                            Flag(section.hidden));
      !done) {
    return done;
  }
  if (Result<> one = ChangedOne(*writer_, fmt::format("no section {}", section.section.id)); !one) {
    return one;
  }
  if (Result<> done = RecordSiteChange(*writer_, "section"); !done) return done;
  return transaction->Commit();
}

Result<> SqliteStore::ReorderSections(const std::vector<SectionId>& order) {
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  Result<std::vector<SectionId>> ids = ReadAll<SectionId>(
      Query(*writer_, kSectionIds), [](const Statement& row) { return row.Int(0); });
  if (!ids) return tl::unexpected(ids.error());
  const std::set<SectionId> existing(ids->begin(), ids->end());
  const std::set<SectionId> given(order.begin(), order.end());
  if (given.size() != order.size() || given != existing) {
    return Fail(ErrorCode::kInvalidInput, "section order must list every section once");
  }
  for (size_t i = 0; i < order.size(); ++i) {
    if (Result<> done =
            Write(*writer_, kSetSectionPosition, order[i], static_cast<std::int64_t>(i));
        !done) {
      return done;
    }
  }
  if (Result<> done = RecordSiteChange(*writer_, "section"); !done) return done;
  return transaction->Commit();
}

Result<> SqliteStore::UpdateReporter(const Reporter& reporter) {
  if (reporter.name.empty()) return Fail(ErrorCode::kInvalidInput, "reporter: empty name");
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kUpdateReporter, reporter.id, reporter.name, reporter.email,
                            reporter.bio);
      !done) {
    return done;
  }
  if (Result<> one = ChangedOne(*writer_, fmt::format("no reporter {}", reporter.id)); !one) {
    return one;
  }
  if (Result<> done = RecordSiteChange(*writer_, "reporter"); !done) return done;
  return transaction->Commit();
}

Result<> SqliteStore::SetReporterPhoto(ReporterId id, std::string_view photo) {
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kSetReporterPhoto, id, photo); !done) return done;
  if (Result<> one = ChangedOne(*writer_, fmt::format("no reporter {}", id)); !one) return one;
  if (Result<> done = RecordSiteChange(*writer_, "reporter"); !done) return done;
  return transaction->Commit();
}

Result<Settings> SqliteStore::SiteSettings() const {
  return WithPooledReader([](Connection& connection) {
    return ReadAll<std::pair<std::string, std::string>>(
        Query(connection, kSettings),
        [](const Statement& row) { return std::make_pair(row.Text(0), row.Text(1)); });
  });
}

Result<> SqliteStore::PutSiteSettings(const Settings& settings) {
  for (const auto& [key, value] : settings) {
    if (key.empty()) return Fail(ErrorCode::kInvalidInput, "settings: empty key");
  }
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  for (const auto& [key, value] : settings) {
    if (Result<> done = Write(*writer_, kPutSetting, key, value); !done) return done;
  }
  if (Result<> done = RecordSiteChange(*writer_, "settings"); !done) return done;
  return transaction->Commit();
}

}  // namespace sinmun::store::sqlite
