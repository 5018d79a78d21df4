-- Per-article comment settings (issue #16). Mirrors sqlite/migrations/0015_comment_settings.sql,
-- where the table is described.
CREATE TABLE article_comment_settings (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  policy TEXT NOT NULL CHECK (policy IN ('open', 'off', 'closes')),
  close_days BIGINT NOT NULL DEFAULT 0 CHECK (close_days >= 0)
);
