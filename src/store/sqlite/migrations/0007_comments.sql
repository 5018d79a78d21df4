-- Reader comments (issue #16). A comment is plain text kept as sent. No raw address is ever
-- stored: client and visitor are opaque hashes of the visitor (cookie, or the day's hash of
-- address + user agent).

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
    CHECK (state IN ('visible', 'hidden_by_reports', 'held', 'deleted')),
  recommends INTEGER NOT NULL DEFAULT 0,
  not_recommends INTEGER NOT NULL DEFAULT 0,
  reports INTEGER NOT NULL DEFAULT 0,
  replies INTEGER NOT NULL DEFAULT 0,  -- visible replies, kept by the store
  client TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  edited_at INTEGER
) STRICT;
CREATE INDEX comments_article ON comments (article_id, state, created_at);
CREATE INDEX comments_parent ON comments (parent_id, created_at);
CREATE INDEX comments_client ON comments (client, created_at);
CREATE INDEX comments_state ON comments (state, created_at);

-- Visible comments per article (replies included), kept in the transaction that changes a
-- comment's visibility, so that pages read one row instead of counting.
CREATE TABLE comment_counts (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  visible INTEGER NOT NULL DEFAULT 0 CHECK (visible >= 0)
) STRICT;

-- 추천 (up = 1) and 비추천 (up = 0): once per visitor and comment, like article recommends.
CREATE TABLE comment_votes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  up INTEGER NOT NULL CHECK (up IN (0, 1)),
  at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, visitor)
) STRICT, WITHOUT ROWID;

-- 신고: once per visitor and comment, with its reason.
CREATE TABLE comment_reports (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('abuse', 'obscene', 'spam', 'privacy', 'other')),
  at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, visitor)
) STRICT, WITHOUT ROWID;
