-- Archive imports (issue #15). Mirrors sqlite/migrations/0009_imports.sql, where the tables
-- are described.

CREATE TABLE import_keys (
  origin TEXT NOT NULL,
  kind TEXT NOT NULL,
  source_id BIGINT NOT NULL,
  target_id BIGINT NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (origin, kind, source_id)
);

CREATE TABLE legacy_paths (
  path TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  target_id BIGINT NOT NULL DEFAULT 0,
  target TEXT NOT NULL DEFAULT ''
);
