-- Corrections and replies (정정·반론·추후보도, issue #18): a reader's request about an article,
-- worked through by the newsroom (received -> reviewing -> accepted/refused -> published).
-- status_token is the requester's status link. decided_at is when it was accepted or
-- refused, published_at when the correction went up; the deadlines are counted from
-- received_at (store/corrections.hpp).
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('correction', 'reply', 'follow_up')),
  state TEXT NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'reviewing', 'accepted', 'refused', 'published')),
  requester TEXT NOT NULL CHECK (requester <> ''),
  contact TEXT NOT NULL CHECK (contact <> ''),
  text TEXT NOT NULL CHECK (text <> ''),
  reason TEXT NOT NULL DEFAULT '',
  status_token TEXT NOT NULL UNIQUE,
  assignee INTEGER REFERENCES users (id) ON DELETE SET NULL,
  answer TEXT NOT NULL DEFAULT '',
  published_text TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  decided_at INTEGER,
  published_at INTEGER
) STRICT;
CREATE INDEX corrections_state ON corrections (state, received_at);
CREATE INDEX corrections_published ON corrections (article_id, published_at)
  WHERE state = 'published';

-- A request's evidence files, kept with it (base64 text, so both backends hold it alike);
-- media_type is what the content was sniffed as.
CREATE TABLE correction_files (
  correction_id INTEGER NOT NULL REFERENCES corrections (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (correction_id, position)
) STRICT;
