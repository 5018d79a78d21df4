-- The newsroom's 통계 (issue #20): counted views per section and hour, kept by the flush that
-- writes article_views_hourly, in the same transaction. The site-wide and per-section charts
-- read these few rows (sections x hours) instead of one row per article and hour. A view is
-- filed under the section its article had when it was counted.

CREATE TABLE section_views_hourly (
  hour BIGINT NOT NULL,  -- unix seconds / 3600
  section_id BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
  views BIGINT NOT NULL CHECK (views > 0),
  PRIMARY KEY (hour, section_id)
);

-- A paper's views so far, under each article's section now.
INSERT INTO section_views_hourly (hour, section_id, views)
SELECT h.hour, a.section_id, SUM(h.views) FROM article_views_hourly h
JOIN articles a ON a.id = h.article_id GROUP BY h.hour, a.section_id;
