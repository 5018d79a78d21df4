-- The outbox takes mail about a correction case or a tip as well as "e-mail this article"
-- (issue #18): a request belongs to exactly one of an article, a case or a tip. The mail a
-- correction requester was sent before this kept the case's article and the client
-- 'correction:<case>'; it moves to its case, so it no longer counts as the article e-mailed.
ALTER TABLE mail_requests ALTER COLUMN article_id DROP NOT NULL;
ALTER TABLE mail_requests ADD COLUMN correction_id BIGINT REFERENCES corrections (id) ON DELETE CASCADE;
ALTER TABLE mail_requests ADD COLUMN tip_id BIGINT REFERENCES tips (id) ON DELETE CASCADE;
UPDATE mail_requests r SET correction_id = c.id, article_id = NULL
FROM corrections c
WHERE r.client = 'correction:' || c.id AND r.sender_email = '';
ALTER TABLE mail_requests ADD CONSTRAINT mail_requests_one_subject
  CHECK (num_nonnulls(article_id, correction_id, tip_id) = 1);
CREATE INDEX mail_requests_correction ON mail_requests (correction_id);
CREATE INDEX mail_requests_tip ON mail_requests (tip_id);
