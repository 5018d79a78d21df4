-- What a Korean paper owes its readers (issue #18). Mirrors sqlite/migrations/0010_legal.sql,
-- where the tables are described.

CREATE TABLE static_pages (
  path TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version > 0),
  title TEXT NOT NULL CHECK (title <> ''),
  body TEXT NOT NULL,
  footer BIGINT NOT NULL DEFAULT 0 CHECK (footer >= 0),
  effective_at BIGINT NOT NULL,
  saved_at BIGINT NOT NULL,
  saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (path, version)
);
CREATE INDEX static_pages_effective ON static_pages (path, effective_at);

ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'own'
  CHECK (kind IN ('own', 'press_release', 'contribution', 'wire', 'advertisement', 'sponsored'));
ALTER TABLE article_revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'own';
