-- The newsroom's photo library (issue #19): photos newest first, and for each the articles
-- that use it (as lead photo or further photo) with the captions and credits they give it.
-- A photo has no caption of its own: its captions are its articles', so the library searches
-- those. The two placement tables are read by photo, and the photos by upload time.
CREATE INDEX photos_uploaded ON photos (uploaded_at DESC, id DESC);
CREATE INDEX article_photos_photo ON article_photos (photo_id);
CREATE INDEX article_gallery_photo ON article_gallery (photo_id);
