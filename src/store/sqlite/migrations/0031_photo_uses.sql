-- /uploads/ caches a photo's files for a year only while readers are shown it (issue #17): the store is
-- asked, per file, whether a published article or a banner uses the photo. These indexes make
-- that a few seeks instead of a scan of every article's photos.
CREATE INDEX article_photos_photo ON article_photos (photo_id);
CREATE INDEX article_gallery_photo ON article_gallery (photo_id);
CREATE INDEX ad_campaigns_photo ON ad_campaigns (photo_id);
