-- Comment bans (issue #16). A comment keeps, besides the day's hash `client` that the rate
-- limits use, what a moderator can ban it by: `visitor`, the reader's sinmun_v cookie id
-- ('c…'), and `address_hash`, a keyed hash of the address that stays the same across days
-- ('a…', keyed with the site's token key, so it cannot be recomputed without the server's
-- key). '' when unknown (comments from before this migration).
ALTER TABLE comments ADD COLUMN visitor TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN address_hash TEXT NOT NULL DEFAULT '';

-- A ban of a visitor ('visitor': target is a cookie id), an address ('address': target is an
-- address hash) or an address range ('range': target is the CIDR as typed, range_low and
-- range_high its first and last address as 32 hex digits of the IPv6 form, IPv4 mapped into
-- ::ffff:0:0/96, so that a range test is a comparison of text). expires_at NULL: permanent.
-- A lifted ban keeps its row (lifted_at, lifted_by) for the bans page's history.
CREATE TABLE comment_bans (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('visitor', 'address', 'range')),
  target TEXT NOT NULL,
  range_low TEXT NOT NULL DEFAULT '',
  range_high TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  lifted_at INTEGER,
  lifted_by INTEGER
);
CREATE INDEX comment_bans_target ON comment_bans (target) WHERE lifted_at IS NULL;
