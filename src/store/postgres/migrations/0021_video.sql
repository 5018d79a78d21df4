-- 영상뉴스 (issue #19): an article may carry one video, kept as "youtube:<id>" or
-- "navertv:<number>" (render/video_link.hpp reads and writes that form); '' for none. The
-- revisions keep it like the rest of the content. The partial index holds only the articles
-- with a video, newest first, so the 영상뉴스 list reads as few entries as it shows.
ALTER TABLE articles ADD COLUMN video TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN video TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_video_latest ON articles (status, registered_at DESC, id DESC)
  WHERE video <> '';
