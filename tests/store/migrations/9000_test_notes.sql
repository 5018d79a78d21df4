-- A migration written once, with every mark of src/store/migrations/README.md, that only
-- tests/store/shared_migrations_test.cpp applies, after the binary's own (9000: after any
-- real shared migration for a long while).
CREATE TABLE test_notes (
  id {identity},
  article_id {bigint} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  views {bigint} NOT NULL,
  tag TEXT {postgres:COLLATE "C"} NOT NULL
){sqlite: STRICT};
CREATE INDEX test_notes_tag ON test_notes (tag) {postgres:INCLUDE (views)};
{sqlite:CREATE INDEX test_notes_article ON test_notes (article_id);}
{postgres:CREATE INDEX test_notes_article ON test_notes USING hash (article_id);}
