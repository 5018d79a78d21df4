-- Related articles kept with each article (issue #14, store/related_lists.hpp): written by
-- the search index's follower when it indexes an article, read by the article page, so a
-- page never asks the index. Derived data: a reindex writes every list again.
CREATE TABLE article_related (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,  -- 0 is the most alike
  related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, position)
) STRICT, WITHOUT ROWID;
-- For the cascade when a related article is deleted.
CREATE INDEX article_related_related ON article_related (related_id);
