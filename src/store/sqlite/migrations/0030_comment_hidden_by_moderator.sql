-- A moderator's hide is a state of its own, hidden_by_moderator (issue #16): held was both
-- "held by the word filter" and "hidden by a moderator", which the moderation queue's filter
-- has to tell apart. The word filter holds a comment only as it is posted, so a held comment
-- that the audit log shows a moderator holding (comment_held) was held by that moderator
-- last, and moves to the new state; the other held comments stay held by the word filter.
-- SQLite cannot change a CHECK, so the comments are made again with their votes and reports
-- (which refer to them), copied first: foreign keys are on while migrating, and dropping the
-- comments cascades to those.
CREATE TABLE comments_copy AS SELECT * FROM comments;
CREATE TABLE comment_votes_copy AS SELECT * FROM comment_votes;
CREATE TABLE comment_reports_copy AS SELECT * FROM comment_reports;
DROP TABLE comment_reports;
DROP TABLE comment_votes;
DROP TABLE comments;

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- Replies go one level deep: a parent is always a top-level comment (checked in code).
  parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('guest', 'staff')),
  nickname TEXT NOT NULL CHECK (nickname <> ''),
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,  -- staff only
  password_hash TEXT NOT NULL DEFAULT '',                    -- guests only: argon2id
  body TEXT NOT NULL CHECK (body <> ''),
  state TEXT NOT NULL DEFAULT 'visible'
    CHECK (state IN ('visible', 'hidden_by_reports', 'held', 'hidden_by_moderator', 'deleted')),
  recommends INTEGER NOT NULL DEFAULT 0,
  not_recommends INTEGER NOT NULL DEFAULT 0,
  reports INTEGER NOT NULL DEFAULT 0,
  replies INTEGER NOT NULL DEFAULT 0,  -- visible replies, kept by the store
  client TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  badge TEXT NOT NULL DEFAULT '' CHECK (badge IN ('', 'reporter', 'desk')),
  address_prefix TEXT NOT NULL DEFAULT '',
  visitor TEXT NOT NULL DEFAULT '',
  address_hash TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO comments (id, article_id, parent_id, author_kind, nickname, user_id, password_hash,
                      body, state, recommends, not_recommends, reports, replies, client,
                      created_at, edited_at, badge, address_prefix, visitor, address_hash)
SELECT id, article_id, parent_id, author_kind, nickname, user_id, password_hash, body,
       CASE WHEN state = 'held' AND EXISTS (SELECT 1 FROM audit_log a
                                            WHERE a.action = 'comment_held'
                                              AND a.target = 'comment:' || c.id)
            THEN 'hidden_by_moderator' ELSE state END,
       recommends, not_recommends, reports, replies, client, created_at, edited_at, badge,
       address_prefix, visitor, address_hash
FROM comments_copy c ORDER BY id;
CREATE INDEX comments_article ON comments (article_id, state, created_at);
CREATE INDEX comments_parent ON comments (parent_id, created_at);
CREATE INDEX comments_client ON comments (client, created_at);
CREATE INDEX comments_state ON comments (state, created_at);

CREATE TABLE comment_votes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  up INTEGER NOT NULL CHECK (up IN (0, 1)),
  at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, visitor)
) STRICT, WITHOUT ROWID;
INSERT INTO comment_votes (comment_id, visitor, up, at)
SELECT comment_id, visitor, up, at FROM comment_votes_copy;

CREATE TABLE comment_reports (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('abuse', 'obscene', 'spam', 'privacy', 'other')),
  at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, visitor)
) STRICT, WITHOUT ROWID;
INSERT INTO comment_reports (comment_id, visitor, reason, at)
SELECT comment_id, visitor, reason, at FROM comment_reports_copy;

DROP TABLE comment_reports_copy;
DROP TABLE comment_votes_copy;
DROP TABLE comments_copy;
