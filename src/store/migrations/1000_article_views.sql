-- An article's all-time view count in a narrow table of its own (issue #14). The counters'
-- flush added its batch to articles.views, so every flushed view rewrote the article's wide
-- row (its body inline or on overflow pages) and moved its entries in two views indexes: a
-- page of WAL per article on SQLite, a new version of the whole tuple on PostgreSQL. Here a
-- flush rewrites a 2-column row of a table whose rows share pages.
--
-- A row exists only for an article that has been counted (or imported with a count): a
-- missing row is 0 views, so inserting an article writes nothing here.
CREATE TABLE article_views (
  article_id {bigint} PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  views {bigint} NOT NULL CHECK (views > 0)
){sqlite: STRICT, WITHOUT ROWID};

INSERT INTO article_views (article_id, views) SELECT id, views FROM articles WHERE views > 0;

-- The all-time most viewed: walked in order, each row's article looked up by its key
-- (Rankings::MostViewed). Made after the rows are in, which is faster than growing it.
CREATE INDEX article_views_most_viewed ON article_views (views DESC, article_id DESC);

-- articles.views is dropped, not left unused: a column nothing updates would still read as a
-- plausible count, so a reader overlooked here would show stale figures instead of failing
-- with "no such column" in its first test. The price is paid once, at this migration: SQLite
-- (3.35+) rewrites every article row without the column (17 s on a loaded 2-core machine
-- for 100,000 articles, 327 MB); PostgreSQL only marks the column dropped. The indexes that
-- ranked by it go first (SQLite refuses to drop an indexed column), and no longer serve.
DROP INDEX articles_most_viewed;
DROP INDEX articles_section_most_viewed;
ALTER TABLE articles DROP COLUMN views;
