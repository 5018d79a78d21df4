-- /uploads/ caches a photo's files for a year only while readers are shown it (issue #17): the store is
-- asked, per file, whether a published article, a banner or a reporter uses the photo. The
-- placement tables are read by photo through the indexes of the photo library's migration;
-- this adds the banners'.
CREATE INDEX ad_campaigns_photo ON ad_campaigns (photo_id);
