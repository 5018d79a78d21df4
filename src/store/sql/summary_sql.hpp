#pragma once
// The columns of an article summary, shared by every statement that lists articles
// (catalog_methods.hpp, reader_methods.hpp), so that rows::ReadSummary reads them all alike:
// id, section (4), headline, snippet, first byline, registered_at, views, kind, then the lead
// photo's id (NULL when none), name, format, width, height, widths, webp, caption and credit,
// then the video ('' when none).
// The statement names the article `a`, joins `sections s ON s.id = a.section_id`, and adds
// SINMUN_SUMMARY_PHOTO_JOIN. Internal to store/sql/.

// Article `a`'s all-time views: its row of article_views (migrations/1000_article_views.sql),
// which only a counted article has. Also read by the backends' article reads.
#define SINMUN_ARTICLE_VIEWS \
  "COALESCE((SELECT v.views FROM article_views v WHERE v.article_id = a.id), 0)"

#define SINMUN_SUMMARY_COLUMNS                                                     \
  "a.id, s.id, s.slug, s.name, s.position, a.headline, a.snippet, "                \
  "COALESCE((SELECT r.name FROM article_reporters ar JOIN reporters r ON r.id = "  \
  "ar.reporter_id WHERE ar.article_id = a.id ORDER BY ar.position LIMIT 1), ''), " \
  "a.registered_at, " SINMUN_ARTICLE_VIEWS                                         \
  ", a.kind, ap.photo_id, ph.name, ph.format, ph.width, ph.height, "               \
  "ph.widths, ph.webp{::int}, ap.caption, ap.credit, a.video, "                    \
  "COALESCE((SELECT ase.episode FROM article_series ase WHERE ase.article_id = a.id), 0) "

// The lead photo of each listed article: one primary-key probe of article_photos and one of
// photos per row of the page, in the same statement (no query per row).
#define SINMUN_SUMMARY_PHOTO_JOIN                         \
  " LEFT JOIN article_photos ap ON ap.article_id = a.id " \
  "LEFT JOIN photos ph ON ph.id = ap.photo_id "
