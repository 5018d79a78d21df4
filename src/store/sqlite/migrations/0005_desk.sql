-- The newsroom desk: drafts and their workflow, every save kept as a revision, tags,
-- correction notes and photos.
--
-- articles.status now takes 'draft', 'submitted', 'scheduled', 'published' and 'unpublished'
-- (checked in code, see 0001). Only 'published' rows are public, so the public queries and
-- their indexes stay as they are. A draft's registered_at is its creation time until its
-- first publication sets it.

-- What only the newsroom reads, one row per article written in the newsroom, kept out of
-- `articles` so that the public rows (and the column order 0001 chose for them) stay as they
-- are. Articles without a row (demo and imported ones) are at revision 0.
CREATE TABLE article_desk (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,          -- the latest revision's number
  created_by INTEGER NOT NULL,        -- user id of the author of the first draft
  updated_at INTEGER NOT NULL,        -- the latest save or status change
  publish_at INTEGER,                 -- when status = 'scheduled': the scheduled minute
  published_once INTEGER NOT NULL DEFAULT 0 CHECK (published_once IN (0, 1))
) STRICT;
-- The scheduler's question: which scheduled articles are due.
CREATE INDEX article_desk_due ON article_desk (publish_at) WHERE publish_at IS NOT NULL;
CREATE INDEX article_desk_author ON article_desk (created_by, updated_at DESC);

-- A correction note (바로잡습니다) shown under the article; at most one per article, edited
-- like any other field.
CREATE TABLE article_corrections (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  text TEXT NOT NULL CHECK (text <> '')
) STRICT;

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tag TEXT NOT NULL CHECK (tag <> ''),
  PRIMARY KEY (article_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag, article_id);

-- Uploaded photos. `name` is the stem of the files under DIR/uploads/: name-400.jpg … one
-- per width in `widths` ("400,800,1600"), all in `format` ('jpeg', 'png' or 'webp').
CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  format TEXT NOT NULL,
  width INTEGER NOT NULL,   -- of the largest variant
  height INTEGER NOT NULL,
  widths TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL
) STRICT;

-- The lead photo shown above an article's body, with its caption and credit.
CREATE TABLE article_photos (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  photo_id INTEGER NOT NULL REFERENCES photos (id),
  caption TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT ''
) STRICT;

-- Every save of an article, whole: nothing is ever overwritten without a copy. Lists are
-- stored as text (one item a line; byline ids comma separated) because a revision is read
-- whole and never queried by its parts.
CREATE TABLE article_revisions (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,   -- 1, 2, … per article
  saved_by INTEGER NOT NULL,   -- user id
  saved_at INTEGER NOT NULL,
  section_id INTEGER NOT NULL,
  headline TEXT NOT NULL,
  subheadlines TEXT NOT NULL,
  reporter_ids TEXT NOT NULL,
  tags TEXT NOT NULL,
  correction TEXT NOT NULL,
  photo_id INTEGER,
  photo_caption TEXT NOT NULL,
  photo_credit TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  PRIMARY KEY (article_id, revision)
) STRICT;
