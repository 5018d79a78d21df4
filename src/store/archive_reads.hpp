#pragma once
// Whole-archive reads in (registered_at, id) order, in bounded batches: sitemaps and export.
// Published-at-now visibility as in Catalog.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class ArchiveReads {
 public:
  virtual ~ArchiveReads() = default;

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
                                                                        ArticleKey after, int limit,
                                                                        Timestamp now) const = 0;
};

}  // namespace sinmun::store
