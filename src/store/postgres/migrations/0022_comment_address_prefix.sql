-- The start of a guest's address (issue #16). Mirrors
-- sqlite/migrations/0026_comment_address_prefix.sql, where the column is described.
ALTER TABLE comments ADD COLUMN address_prefix TEXT NOT NULL DEFAULT '';
