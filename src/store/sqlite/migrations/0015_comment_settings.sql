-- Per-article comment settings (issue #16). An article without a row follows the site's
-- default ([comments] enabled and close_after_days). policy: 'open' (never closes), 'off'
-- (no comments shown or taken), 'closes' (no new comments from close_days days after
-- publication; those posted stay shown). Kept apart from the article's revisions: closing
-- the comments of a heated story is no edit of the story.
CREATE TABLE article_comment_settings (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  policy TEXT NOT NULL CHECK (policy IN ('open', 'off', 'closes')),
  close_days INTEGER NOT NULL DEFAULT 0 CHECK (close_days >= 0)
);
