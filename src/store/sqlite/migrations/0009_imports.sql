-- Archive imports (issue #15): which record of another system each imported row came from, so
-- that importing the same export again updates instead of duplicating, and the old site's
-- addresses, which answer 301 to the new pages.

-- One row per imported record. `origin` names the exported site (its address), `kind` the
-- record ('author', 'category', 'post', 'comment'), `source_id` its id there; `target_id` is
-- the row it became (a reporter, section, article, comment). `fingerprint` is a digest of what
-- was written, so that an unchanged record is counted as such and not written again.
CREATE TABLE import_keys (
  origin TEXT NOT NULL,
  kind TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (origin, kind, source_id)
) STRICT, WITHOUT ROWID;

-- An address of the old site (percent-decoded path, with its query as written: "/?p=11",
-- "/category/정치/") and what it now is: an article, section or reporter by id, a tag or a
-- static page by name. The site answers 301 to that page's address; the site makes the
-- address, so a changed URL scheme needs no rewrite here.
CREATE TABLE legacy_paths (
  path TEXT PRIMARY KEY,
  kind TEXT NOT NULL,  -- 'article', 'section', 'reporter', 'tag', 'page'
  target_id INTEGER NOT NULL DEFAULT 0,
  target TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
