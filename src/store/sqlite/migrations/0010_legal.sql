-- What a Korean paper owes its readers (issue #18).

-- Static pages (이용약관, 개인정보처리방침, 청소년보호정책 …, and pages imported from other
-- systems): every save is a new version, kept. The version in force at a time is the one
-- with the latest effective_at (시행일) not after it, the higher number among equals; earlier
-- versions stay readable. footer > 0 places the page among the footer links, in that order.
CREATE TABLE static_pages (
  path TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  title TEXT NOT NULL CHECK (title <> ''),
  body TEXT NOT NULL,
  footer INTEGER NOT NULL DEFAULT 0 CHECK (footer >= 0),
  effective_at INTEGER NOT NULL,
  saved_at INTEGER NOT NULL,
  saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (path, version)
) STRICT;
CREATE INDEX static_pages_effective ON static_pages (path, effective_at);

-- What an article is (자체기사, 보도자료, 기고, 통신전재, 광고, 협찬): its label, and where it
-- may be sent (광고 and 협찬 never go to the news sitemap or the portals). Articles from
-- before are the paper's own.
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'own'
  CHECK (kind IN ('own', 'press_release', 'contribution', 'wire', 'advertisement', 'sponsored'));
ALTER TABLE article_revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'own';
