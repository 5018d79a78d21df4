-- The newsroom's 통계 (issue #20): counted views per reporter and hour, kept by the flush that
-- writes article_views_hourly, in the same transaction, like section_views_hourly. A
-- reporter's charts read these rows (hours) instead of each of the reporter's articles' rows:
-- a reporter with 36,000 bylines took seconds. A view is filed under every reporter of the
-- byline its article had when it was counted.

CREATE TABLE reporter_views_hourly (
  reporter_id INTEGER NOT NULL REFERENCES reporters (id) ON DELETE CASCADE,
  hour INTEGER NOT NULL,  -- unix seconds / 3600
  views INTEGER NOT NULL CHECK (views > 0),
  PRIMARY KEY (reporter_id, hour)
) STRICT, WITHOUT ROWID;

-- A paper's views so far, under each article's byline now.
INSERT INTO reporter_views_hourly (reporter_id, hour, views)
SELECT r.reporter_id, h.hour, SUM(h.views) FROM article_views_hourly h
JOIN article_reporters r ON r.article_id = h.article_id GROUP BY r.reporter_id, h.hour;
