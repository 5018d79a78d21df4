-- Sponsor banners (issue #7): campaigns and their impressions and clicks per KST day.

CREATE TABLE ad_campaigns (
  id INTEGER PRIMARY KEY,
  advertiser TEXT NOT NULL CHECK (advertiser <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  slots TEXT NOT NULL CHECK (slots <> ''),  -- slot names separated by single spaces
  photo_id INTEGER REFERENCES photos (id),  -- image banners; NULL for a text banner
  target_url TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
  section_id INTEGER REFERENCES sections (id),  -- NULL: every page
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (starts_at < ends_at)
) STRICT;
CREATE INDEX ad_campaigns_ends ON ad_campaigns (ends_at);

-- Written in batches by the ads counter; a report sums a campaign's rows per day.
CREATE TABLE ad_daily_counts (
  campaign_id INTEGER NOT NULL REFERENCES ad_campaigns (id),
  day INTEGER NOT NULL,  -- days since 1970-01-01 in KST
  slot TEXT NOT NULL,
  impressions INTEGER NOT NULL DEFAULT 0,
  clicks INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, day, slot)
) STRICT, WITHOUT ROWID;
