-- Readers (issue #4): hourly view buckets for the rankings, one recommend per visitor, and
-- the e-mail outbox.

-- Views per article per UTC hour (hour = unix seconds / 3600). The rankings (24 h, 7 d, 30 d)
-- are sums over these; articles.views stays the all-time total.
CREATE TABLE article_views_hourly (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  hour INTEGER NOT NULL,
  views INTEGER NOT NULL CHECK (views > 0),
  PRIMARY KEY (article_id, hour)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_views_hourly_hour ON article_views_hourly (hour);

-- visitor is a hash of the visitor key (cookie or hashed address + user agent), never an address.
CREATE TABLE recommends (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  visitor TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (article_id, visitor)
) STRICT, WITHOUT ROWID;
CREATE INDEX recommends_at ON recommends (at);

-- One "e-mail this article" form sent; client and sender_email feed the rate limits.
CREATE TABLE mail_requests (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  client TEXT NOT NULL,
  sender_email TEXT NOT NULL,
  recipients INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX mail_requests_client ON mail_requests (client, created_at);
CREATE INDEX mail_requests_sender ON mail_requests (sender_email, created_at);
CREATE INDEX mail_requests_created ON mail_requests (created_at);

-- One message to one recipient. Written before any delivery attempt, so a crash or a down
-- SMTP server loses nothing; the sender retries pending rows when they fall due.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES mail_requests (id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at INTEGER
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at, id);
