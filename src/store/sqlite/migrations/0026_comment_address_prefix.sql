-- The start of the address a guest posted from (issue #16): '211.234' of an IPv4 address,
-- '2001:db8' (its first two groups) of an IPv6 one, '' when unknown or for staff. Made from
-- the address when the comment is posted; the whole address is never stored. Shown as
-- 211.234.*.* beside the nickname when [comments] show_partial_address is on.
ALTER TABLE comments ADD COLUMN address_prefix TEXT NOT NULL DEFAULT '';
