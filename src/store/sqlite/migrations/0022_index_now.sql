-- IndexNow (issue #18): pings telling search engines that an article's page changed, one row
-- per article and endpoint, sent in batches and retried until delivered (store/index_now_queue.hpp).
CREATE TABLE indexnow_queue (
  id INTEGER PRIMARY KEY,
  endpoint TEXT NOT NULL,
  article_id INTEGER NOT NULL,  -- no foreign key: an unpublished article is announced too
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at INTEGER
) STRICT;
CREATE INDEX indexnow_queue_due ON indexnow_queue (next_attempt_at) WHERE status = 'pending';
-- How far the queue has followed the change log: no row until it is first followed, which
-- starts it at the present, so that a paper that upgrades (or is restored, or imports its
-- archive before serving) does not announce its past.
CREATE TABLE indexnow_position (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  seq INTEGER NOT NULL
) STRICT;
