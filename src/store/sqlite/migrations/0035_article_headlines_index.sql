-- An article's headline by its id, for the links an article page shows (related articles,
-- previous and next in its section; issue #14). Read from the articles table, each headline
-- is a row of its own page with the article's snippet and body, a fresh page touch per link
-- on a random article miss; this index packs about 40 headlines a page, with the status and
-- registration time that the related list's visibility test reads. SQLite only: it reads a
-- row by its rowid even where an index covers the statement, so the statements name it
-- (INDEXED BY, the {indexed:} mark of store/sql/dialect.hpp); PostgreSQL reads by primary key.
CREATE INDEX IF NOT EXISTS articles_headlines ON articles (id, status, registered_at, headline);
