-- A moderator's hide is a state of its own (issue #16). Mirrors
-- sqlite/migrations/0030_comment_hidden_by_moderator.sql, where the change is described.
ALTER TABLE comments DROP CONSTRAINT comments_state_check;
ALTER TABLE comments ADD CONSTRAINT comments_state_check
  CHECK (state IN ('visible', 'hidden_by_reports', 'held', 'hidden_by_moderator', 'deleted'));
UPDATE comments c SET state = 'hidden_by_moderator'
WHERE c.state = 'held' AND EXISTS (SELECT 1 FROM audit_log a
                                   WHERE a.action = 'comment_held'
                                     AND a.target = 'comment:' || c.id);
