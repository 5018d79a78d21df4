-- Newsroom accounts, their sessions, login throttling, the audit log and site settings
-- (issue #3). Passwords are stored as argon2id strings, sessions by a hash of their token.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  role TEXT NOT NULL,  -- 'reporter', 'editor', 'admin'; checked in code so roles can be added
  reporter_id INTEGER REFERENCES reporters (id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL CHECK (password_hash <> ''),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Consecutive failed logins per account and per client address.
CREATE TABLE login_throttles (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,  -- no foreign key: the log outlives accounts
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE site_settings (
  key TEXT PRIMARY KEY CHECK (key <> ''),
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
