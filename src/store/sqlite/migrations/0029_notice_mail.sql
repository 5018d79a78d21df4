-- The outbox takes mail about a correction case or a tip as well as "e-mail this article"
-- (issue #18): a request belongs to exactly one of an article, a case or a tip. The mail a
-- correction requester was sent before this kept the case's article and the client
-- 'correction:<case>'; it moves to its case, so it no longer counts as the article e-mailed.
-- SQLite cannot drop a NOT NULL, so both tables are made again; the outbox goes first so
-- that dropping the requests cascades to nothing (foreign keys are on while migrating).
CREATE TABLE mail_requests_copy AS SELECT * FROM mail_requests;
CREATE TABLE mail_outbox_copy AS SELECT * FROM mail_outbox;
DROP TABLE mail_outbox;
DROP TABLE mail_requests;

CREATE TABLE mail_requests (
  id INTEGER PRIMARY KEY,
  article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
  correction_id INTEGER REFERENCES corrections (id) ON DELETE CASCADE,
  tip_id INTEGER REFERENCES tips (id) ON DELETE CASCADE,
  client TEXT NOT NULL,
  sender_email TEXT NOT NULL,
  recipients INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK ((article_id IS NOT NULL) + (correction_id IS NOT NULL) + (tip_id IS NOT NULL) = 1)
) STRICT;
INSERT INTO mail_requests (id, article_id, correction_id, client, sender_email, recipients,
                           created_at)
SELECT r.id, CASE WHEN c.id IS NULL THEN r.article_id END, c.id, r.client, r.sender_email,
       r.recipients, r.created_at
FROM mail_requests_copy r
LEFT JOIN corrections c ON r.client = 'correction:' || c.id AND r.sender_email = '';
CREATE INDEX mail_requests_client ON mail_requests (client, created_at);
CREATE INDEX mail_requests_sender ON mail_requests (sender_email, created_at);
CREATE INDEX mail_requests_created ON mail_requests (created_at);
CREATE INDEX mail_requests_article ON mail_requests (article_id);
CREATE INDEX mail_requests_correction ON mail_requests (correction_id);
CREATE INDEX mail_requests_tip ON mail_requests (tip_id);

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
INSERT INTO mail_outbox SELECT * FROM mail_outbox_copy;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at, id);

DROP TABLE mail_outbox_copy;
DROP TABLE mail_requests_copy;
