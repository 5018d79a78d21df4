-- Breaking news (속보, issue #18): the ticker on every page. The one shown at a time is the
-- latest started one that has not expired and was not taken down (cleared_at). Not in the
-- change log: setting it keeps the pages' cache, the site splices it in as it serves.
CREATE TABLE breaking_news (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL CHECK (text <> ''),
  url TEXT NOT NULL DEFAULT '',
  starts_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at > starts_at),
  set_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  cleared_at INTEGER
) STRICT;
CREATE INDEX breaking_news_expires ON breaking_news (expires_at);
