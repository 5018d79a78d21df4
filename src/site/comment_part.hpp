#pragma once
// Private to site/: the article page's comment parts (issue #16), kept apart from the page.
// The cached article page holds two holes (site/ad_splice.hpp): the "댓글 N" link near the
// headline and the comment block. Each response fills them from the article's CommentPart,
// made once per change to that article's comments and kept here, so that a comment makes
// its article's part again and leaves the article page, and every other page, in the cache.
//
// Freshness: a part lives until Forget(article) or `max_age` (the page cache's ttl: the form's
// token and a change made on another node are at most that old). After a Forget the first Get
// makes the part again while the others go on with the previous one; a make that began
// before a Forget is returned to its caller but not kept. A failed make keeps nothing.
// Size: parts beyond `max_bytes` push out the least used, in amortised constant time (one part
// is kept for every article a reader asked for, so a scan of them all per part grew with the
// archive: 6 % of a random-id load's CPU at 100,000 articles, issue #14): CLOCK, as the page
// cache evicts, from the oldest made; a part read since it was made or last spared is spared
// once and counts as the newest. Pushing out the oldest made regardless of reads dropped the
// parts of the pages readers kept asking for every few seconds under archive misses (each miss
// makes a part), and a cached page whose part was made again is inflated, filled and
// compressed again for its next reader (issue #14). Thread safety: all methods from any
// thread; Get holds a shared lock for a hash lookup and makes outside any lock.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "ads/rotation.hpp"
#include "store/records.hpp"

namespace sinmun::site {

struct CommentPart {
  std::uint64_t version = 0;  // different for every part made: names it in the page's ETag
  ads::BannerBytes count;     // the "댓글 N" item near the headline, HTML only; empty: none shown
  ads::BannerBytes block;     // the comment block, HTML only; empty: none shown
  // This part with the deflate forms of `count` and `block` too, which a page joined from its
  // pieces splices in: made on the first call and kept. A page without pieces (a miss, and a
  // page not yet asked for again) is compressed whole and needs none of them (issue #14).
  const CommentPart& Spliced() const;
  // The HTML twice: once for this part and once for its spliced copy (whose deflate forms are
  // smaller than the HTML), made or not.
  std::size_t Bytes() const;

 private:
  mutable std::once_flag spliced_once_;
  mutable std::unique_ptr<const CommentPart> spliced_;
};

class CommentParts {
 public:
  using Make = std::function<std::shared_ptr<const CommentPart>()>;

  // A max_age of 0 keeps nothing: every Get makes the part (the page cache is off).
  CommentParts(std::chrono::milliseconds max_age, std::size_t max_bytes);

  // `article`'s part, made by `make` (which returns null when it failed) when it is missing
  // or out of date. Null only when `make` failed and no previous part is kept.
  // `read`: whether this Get is a reader's (a cached page served again), which spares the part
  // at the next trim; the first answer of the page miss that made the part is not.
  std::shared_ptr<const CommentPart> Get(store::ArticleId article, const Make& make,
                                         bool read = true);
  // Whether a part made is kept (max_age > 0).
  bool Keeps() const { return max_age_ns_ > 0; }
  // `article`'s comments changed: the next Get makes its part again.
  void Forget(store::ArticleId article);
  // The page cache did not keep the page miss that made `article`'s part: the part goes now,
  // unless a reader read it since or it is being made again. Left to age out, the parts of
  // archive pages asked for once (most misses, and most of those are not kept) pushed out the
  // parts of cached pages before their next reader came (issue #14).
  void DropUnread(store::ArticleId article);
  std::size_t bytes() const;

  // A number no other part of this process has: CommentPart::version.
  static std::uint64_t NextVersion();

 private:
  struct Entry {
    std::shared_ptr<const CommentPart> part;
    std::int64_t made_ns = 0;      // steady clock
    std::uint64_t generation = 0;  // moved by every Forget
    std::uint64_t making = 0;      // generation + 1 while a Get makes it; 0 when none
    bool stale = false;            // Forget since the part was made
    // Read by a Get since it was made or last spared (set under the shared lock).
    std::atomic<bool> read{false};
    std::list<store::ArticleId>::iterator position;  // in order_; valid while `part` is set
  };

  static std::int64_t NowNs();
  static void MarkRead(Entry& entry);
  bool Fresh(const Entry& entry, std::int64_t now_ns) const;
  // Keeps `part` as `entry`'s (of `article`), the newest made. REQUIRES: mutex_ held.
  void KeepLocked(store::ArticleId article, Entry& entry, std::shared_ptr<const CommentPart> part);
  // Drops parts, least used first, until the kept ones fit max_bytes. REQUIRES: mutex_ held.
  void TrimLocked();

  const std::int64_t max_age_ns_;
  const std::size_t max_bytes_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<store::ArticleId, Entry> entries_;
  std::list<store::ArticleId> order_;  // articles whose part is kept, oldest made or spared first
  std::size_t bytes_ = 0;
};

}  // namespace sinmun::site
