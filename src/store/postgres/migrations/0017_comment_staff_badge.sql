-- A staff member's comment badge (issue #16). Mirrors
-- sqlite/migrations/0021_comment_staff_badge.sql, where the column is described.
ALTER TABLE comments ADD COLUMN badge TEXT NOT NULL DEFAULT ''
  CHECK (badge IN ('', 'reporter', 'desk'));
