-- Series (연재, issue #18): a title whose articles are numbered episodes. An article is in at
-- most one series (store/series_book.hpp).
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (title <> ''),
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE article_series (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  series_id INTEGER NOT NULL REFERENCES series (id),
  episode INTEGER NOT NULL CHECK (episode > 0)
) STRICT;
CREATE INDEX article_series_episodes ON article_series (series_id, episode, article_id);
