-- The first schema: sections, reporters, published articles with bylines and sub-headlines,
-- and the change log whose last sequence number is the store's change sequence.
-- Times are UTC seconds since the epoch. STRICT tables make SQLite check column types.

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  position INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
) STRICT;

CREATE TABLE reporters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  email TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT '',
  photo TEXT  -- an uploads/ path, when there is a photo
) STRICT;

-- status is 'published' for now; the desk workflow adds 'draft', 'submitted' and 'scheduled'.
-- It is checked in code rather than by a CHECK constraint, which SQLite could only change by
-- rebuilding this table.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  section_id INTEGER NOT NULL REFERENCES sections (id),
  status TEXT NOT NULL,
  registered_at INTEGER NOT NULL,  -- first publication (등록); public from then on
  modified_at INTEGER,             -- last edit after publication (수정)
  views INTEGER NOT NULL DEFAULT 0,
  recommends INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,     -- when the row was written
  headline TEXT NOT NULL CHECK (headline <> ''),
  snippet TEXT NOT NULL,           -- plain-text excerpt of the body for lists and feeds
  -- Last: SQLite reads a row's columns in order, and a long body spills into overflow pages
  -- that every read of a later column would have to walk.
  body_markdown TEXT NOT NULL
) STRICT;

-- Section list newest first; also serves neighbours and the position in a section.
CREATE INDEX articles_section_latest ON articles (section_id, status, registered_at DESC, id DESC);
-- All sections newest first: front page, feeds, sitemaps.
CREATE INDEX articles_latest ON articles (status, registered_at DESC, id DESC);
-- Most viewed, overall and per section.
CREATE INDEX articles_most_viewed ON articles (status, views DESC, registered_at DESC, id DESC);
CREATE INDEX articles_section_most_viewed
  ON articles (section_id, status, views DESC, registered_at DESC, id DESC);

CREATE TABLE article_subheadlines (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,  -- 0-based display order
  text TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) STRICT, WITHOUT ROWID;

-- Bylines in order. The unique key also finds a reporter's articles.
CREATE TABLE article_reporters (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  reporter_id INTEGER NOT NULL REFERENCES reporters (id),
  position INTEGER NOT NULL,  -- 0-based byline order
  PRIMARY KEY (article_id, position),
  UNIQUE (reporter_id, article_id)
) STRICT, WITHOUT ROWID;

-- One row for every article write, in the writing transaction. AUTOINCREMENT keeps numbers
-- from being reused even if old rows are pruned, so the change sequence is read from
-- sqlite_sequence and never goes back.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL,  -- no foreign key: the log outlives deleted articles
  kind TEXT NOT NULL,           -- 'insert' for now; later 'update', 'delete', …
  at INTEGER NOT NULL
) STRICT;
