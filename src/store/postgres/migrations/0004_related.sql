-- Related articles kept with each article (issue #14). Mirrors
-- sqlite/migrations/0008_related.sql, where the table is described.
CREATE TABLE article_related (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  related_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, position)
);
CREATE INDEX article_related_related ON article_related (related_id);
