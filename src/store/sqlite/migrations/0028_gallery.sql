-- 포토뉴스 and photos in the body (issue #19). An article's further photos follow its lead
-- photo (article_photos) in order: position 0 is 사진 2, the lead being 사진 1. A 포토뉴스
-- article (gallery = 1) shows them all as its gallery; another places them in its body by
-- marker. The revisions keep both like the rest of the content (photos: one
-- "id<TAB>caption<TAB>credit" line each). The partial index holds only the galleries, newest
-- first, so the 포토뉴스 list reads as few entries as it shows.
CREATE TABLE article_gallery (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  photo_id INTEGER NOT NULL REFERENCES photos (id),
  caption TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, position)
) STRICT;
ALTER TABLE articles ADD COLUMN gallery INTEGER NOT NULL DEFAULT 0 CHECK (gallery IN (0, 1));
ALTER TABLE article_revisions ADD COLUMN gallery INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_revisions ADD COLUMN photos TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_gallery_latest ON articles (status, registered_at DESC, id DESC)
  WHERE gallery = 1;
