-- Sitemaps read every published article's (registered_at, id, modified_at) in order. With
-- all four columns in one index they are answered from the index alone, without touching
-- the article rows (kilobytes each, with their bodies).
CREATE INDEX articles_stamps ON articles (status, registered_at, id, modified_at);
