-- A staff member's comment (issue #16) carries the badge of their role when they posted it:
-- 'reporter' (기자) or 'desk' (편집국); '' for a guest's. Kept on the comment, so that a later
-- change of role or a removed account does not change what readers were shown.
ALTER TABLE comments ADD COLUMN badge TEXT NOT NULL DEFAULT ''
  CHECK (badge IN ('', 'reporter', 'desk'));
