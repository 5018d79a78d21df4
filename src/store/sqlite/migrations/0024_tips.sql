-- News tips and reader submissions (제보, 독자투고, issue #18), store/tips.hpp. An anonymous
-- tip keeps no name and no contact. status_token is the tipster's status link; client is the
-- day's hash of the sender's address, for the per-client limit, as on corrections below.
CREATE TABLE tips (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('tip', 'submission')),
  state TEXT NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'reviewing', 'used', 'declined')),
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  name TEXT NOT NULL,
  contact TEXT NOT NULL,
  title TEXT NOT NULL CHECK (title <> ''),
  text TEXT NOT NULL CHECK (text <> ''),
  status_token TEXT NOT NULL UNIQUE,
  client TEXT NOT NULL DEFAULT '',
  assignee INTEGER REFERENCES users (id) ON DELETE SET NULL,
  reply TEXT NOT NULL DEFAULT '',
  draft_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (anonymous = 0 OR (name = '' AND contact = ''))
) STRICT;
CREATE INDEX tips_received ON tips (received_at);
CREATE INDEX tips_client ON tips (client, received_at);

-- A tip's files, as correction_files keeps a request's evidence.
CREATE TABLE tip_files (
  tip_id INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (tip_id, position)
) STRICT;

-- A tip's history in the inbox: state changes, assignment, replies, notes, the draft made.
CREATE TABLE tip_events (
  id INTEGER PRIMARY KEY,
  tip_id INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tip_events_tip ON tip_events (tip_id, id);

ALTER TABLE corrections ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX corrections_client ON corrections (client, received_at);
