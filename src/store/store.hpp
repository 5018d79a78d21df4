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
};

// Opens the store at `url` and runs pending migrations before returning.
// "sqlite:/path/to/sinmun.db" is the only scheme so far; kInvalidInput for any other,
// kUnavailable when the database cannot be opened or migrated.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace sinmun::store
