#pragma once
// The one persistence interface. SqliteStore is the embedded default; a PostgreSQL store
// follows behind the same interface. Callers never see SQL, sqlite3* or PGconn*.
//
// Visibility: an article is public ("published at now") when it is published and its
// registered_at <= now. Every read that takes `now` applies that rule.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.
// Change sequence: every article write increments a monotonic counter in the same
// transaction; followers (search, caches) read it to know something changed.

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Store {
 public:
  virtual ~Store() = default;

  // Sections in display order (position, then id).
  virtual Result<std::vector<Section>> Sections() const = 0;
  // kNotFound for an unknown slug.
  virtual Result<Section> SectionBySlug(std::string_view slug) const = 0;

  // kNotFound for an unknown id.
  virtual Result<Reporter> ReporterById(ReporterId id) const = 0;
  // All reporters by name.
  virtual Result<std::vector<Reporter>> Reporters() const = 0;

  // kNotFound unless the article is published at `now`.
  virtual Result<Article> PublishedArticle(ArticleId id, Timestamp now) const = 0;

  // Published articles matching `filter`, newest first (registered_at desc, id desc), one page;
  // items is empty past the end, total counts all matches.
  virtual Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                             Timestamp now) const = 0;

  // Previous (older) and next (newer) published article in the same section.
  // kNotFound unless `id` is published at `now`.
  virtual Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const = 0;

  // How many published articles of its section are newer than `id`: its 0-based position in
  // the section list, so the list page that contains it is position / page_size + 1.
  // kNotFound unless `id` is published at `now`.
  virtual Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const = 0;

  // Published articles with the most stored views (ties: newest first), at most `limit`,
  // optionally within one section and registered at or after `since`.
  virtual Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                         std::optional<Timestamp> since,
                                                         int limit, Timestamp now) const = 0;

  // Published articles in ascending (registered_at, id) order, starting after position
  // `offset` of that order, at most `limit` (1..100000): the entries of one sitemap file.
  // Sitemap file N must be addressable by its number, hence an offset; backends answer it
  // from an index on (status, registered_at, id, modified_at) without reading rows.
  virtual Result<std::vector<ArticleStamp>> ArticleStamps(std::int64_t offset, int limit,
                                                          Timestamp now) const = 0;
  // All published articles in ascending (registered_at, id) order cut into runs of
  // `batch_size` (1..100000; the last run may be shorter): one StampBatch per run, so batch
  // i is what ArticleStamps(i * batch_size, batch_size, now) returns. Empty for no articles.
  virtual Result<std::vector<StampBatch>> ArticleStampBatches(int batch_size,
                                                              Timestamp now) const = 0;
  // Published articles with from <= registered_at < to and (registered_at, id) > after, in
  // ascending (registered_at, id) order, at most `limit` (1..10000). Pass {from, 0} first,
  // then the key of the last item received: a whole year is read in bounded batches.
  virtual Result<std::vector<ArticleSummary>> ArticlesRegisteredBetween(Timestamp from,
                                                                        Timestamp to,
                                                                        ArticleKey after,
                                                                        int limit,
                                                                        Timestamp now) const = 0;

  // kConflict when the slug is taken.
  virtual Result<SectionId> InsertSection(const NewSection& section) = 0;
  virtual Result<ReporterId> InsertReporter(const NewReporter& reporter) = 0;
  // Inserts all articles in one transaction (all or nothing) and bumps the change sequence
  // once per article. kInvalidInput for an unknown section or reporter id.
  virtual Result<std::vector<ArticleId>> InsertArticles(const std::vector<NewArticle>& articles) = 0;

  // The current change sequence: 0 for an empty store, +1 for every article write.
  virtual Result<std::int64_t> ChangeSequence() const = 0;
  // The change log after `after_seq`, oldest first, at most `limit` entries (limit <= 0 gives
  // none): for followers such as the search index, which remember the last seq they processed
  // and read on from there. An article changed several times appears once per change.
  // The last entry's seq may be lower than ChangeSequence() only while a write is committing.
  virtual Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const = 0;

  // ---- Readers: views, recommends, e-mail outbox (issue #4) ----

  // Adds each delta to its article's total views and to the article's bucket for `hour`
  // (unix seconds / 3600), all in one transaction. Returns what was added with each article's
  // section; deltas of unknown articles are left out (and not stored). views <= 0 is skipped.
  virtual Result<std::vector<HourlyViews>> AddViews(std::int64_t hour,
                                                    const std::vector<ViewDelta>& deltas) = 0;
  // Every hourly bucket with hour >= from_hour, for rebuilding the rankings at start.
  virtual Result<std::vector<HourlyViews>> HourlyViewsSince(std::int64_t from_hour) const = 0;
  // The published articles among `ids`, in the order given; unknown or unpublished ids are
  // left out. At most 100 ids.
  virtual Result<std::vector<ArticleSummary>> SummariesByIds(const std::vector<ArticleId>& ids,
                                                             Timestamp now) const = 0;

  // Records that `visitor` (an opaque hash) recommends the article, once: a second call for
  // the same pair counts nothing and returns counted = false. kNotFound unless published.
  virtual Result<RecommendResult> Recommend(ArticleId id, std::string_view visitor,
                                            Timestamp now) = 0;
  // Published articles most recommended / most e-mailed (by recipients) at or after `since`,
  // most first (ties: newest first), at most `limit`.
  virtual Result<std::vector<RankedSummary>> MostRecommended(Timestamp since, int limit,
                                                             Timestamp now) const = 0;
  virtual Result<std::vector<RankedSummary>> MostEmailed(Timestamp since, int limit,
                                                         Timestamp now) const = 0;

  // How many mail requests `client` and `sender_email` made at or after `since`.
  struct MailRequestCounts {
    std::int64_t by_client = 0;
    std::int64_t by_sender = 0;
  };
  virtual Result<MailRequestCounts> MailRequestsSince(std::string_view client,
                                                      std::string_view sender_email,
                                                      Timestamp since) const = 0;
  // Writes the request and one pending outbox row per recipient (due at created_at) in one
  // transaction; durable when it returns. kInvalidInput without recipients, kNotFound for an
  // unknown article. Returns the request id.
  virtual Result<std::int64_t> EnqueueMail(const NewMailRequest& request) = 0;
  // Pending outbox rows with next_attempt_at <= now, oldest first, at most `limit`.
  virtual Result<std::vector<OutboxMail>> DueMails(Timestamp now, int limit) const = 0;
  // kNotFound for an unknown id.
  virtual Result<OutboxMail> MailById(std::int64_t id) const = 0;
  // Delivery outcomes: sent (final), a temporary failure (attempts + 1, due again at
  // `next_attempt_at`) or a permanent rejection (final, with the server's answer).
  virtual Result<> MarkMailSent(std::int64_t id, Timestamp at) = 0;
  virtual Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                 std::string_view error) = 0;
  virtual Result<> MarkMailRejected(std::int64_t id, std::string_view error) = 0;
};

// Opens the store at `url` and runs pending migrations before returning.
// "sqlite:/path/to/sinmun.db" is the only scheme so far; kInvalidInput for any other,
// kUnavailable when the database cannot be opened or migrated.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace sinmun::store
