-- The newsroom's 통계 (issue #20): counted views of the whole site per 5-minute slot
-- (slot = unix seconds / 300), by referrer class and phone or not, written with each flush of
-- the view counters. Only the class of the referrer is kept, never its address or the reader's.

CREATE TABLE view_slots (
  slot INTEGER NOT NULL,
  referrer TEXT NOT NULL
    CHECK (referrer IN ('naver', 'daum', 'google', 'kakao', 'social', 'direct', 'other')),
  mobile INTEGER NOT NULL CHECK (mobile IN (0, 1)),
  views INTEGER NOT NULL CHECK (views > 0),
  PRIMARY KEY (slot, referrer, mobile)
) STRICT, WITHOUT ROWID;

-- E-mails per article, for the dashboard's per-article figures.
CREATE INDEX mail_requests_article ON mail_requests (article_id);
