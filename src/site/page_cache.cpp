#include "site/page_cache.hpp"

#include <iterator>
#include <limits>
#include <mutex>
#include <unordered_set>

#include "site/ad_splice.hpp"

namespace sinmun::site {

// One render of one key in progress; compared by address.
struct PageCache::Flight {
  // Its page when the render was served but not kept (not admitted): its waiters take it
  // rather than each render it again.
  std::shared_ptr<const Page> page;
};

class PageCache::Ticket {
 public:
  Ticket(PageCache* cache, std::string key, std::shared_ptr<Flight> flight)
      : cache_(cache), key_(std::move(key)), flight_(std::move(flight)) {}
  Ticket(const Ticket&) = delete;
  Ticket& operator=(const Ticket&) = delete;
  // An Insert has already landed the flight; otherwise this lets the waiters go.
  ~Ticket() { cache_->Land(key_, flight_.get()); }

 private:
  PageCache* cache_;
  std::string key_;
  std::shared_ptr<Flight> flight_;
};

PageCache::PageCache(const store::ChangeFeed* store, Options options)
    : store_(store), options_(options), frequency_(options.max_entries) {
  // The sequence pages are rendered from is known before the first page is: else the first
  // check, racing with the first renders, takes its reading for a change and refuses their
  // pages, and every reader waiting for them renders again.
  if (const Result<std::int64_t> sequence = store_->ChangeSequence()) {
    last_sequence_.store(*sequence, std::memory_order_relaxed);
    applying_sequence_.store(*sequence, std::memory_order_relaxed);
  }
}

PageCache::~PageCache() = default;

std::int64_t PageCache::NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void PageCache::MaybeCheckChanges(std::int64_t now_ns) {
  std::int64_t due = next_check_ns_.load(std::memory_order_relaxed);
  if (now_ns < due) return;
  const std::int64_t next = now_ns + std::chrono::nanoseconds(options_.check_interval).count();
  if (!next_check_ns_.compare_exchange_strong(due, next, std::memory_order_relaxed)) return;
  // A check slower than the interval must not overlap the next one: both would apply the
  // same changes and move last_sequence_ in either order.
  std::unique_lock check(check_mutex_, std::try_to_lock);
  if (!check.owns_lock()) return;
  const Result<std::int64_t> sequence = store_->ChangeSequence();
  // A store that cannot answer now leaves pages as they are until it can (or they expire).
  if (!sequence) return;
  const std::int64_t seen = last_sequence_.load(std::memory_order_relaxed);
  if (seen == *sequence) return;
  last_sequence_.store(ApplyChanges(seen, *sequence), std::memory_order_relaxed);
}

std::int64_t PageCache::ApplyChanges(std::int64_t seen, std::int64_t sequence) {
  // Published before the generation moves: a Find that loads the new generation loads this
  // sequence or a later one (it bounds what this check applies, which may stop short of it).
  applying_sequence_.store(sequence, std::memory_order_release);
  // Renders that began before this point may hold what the changes replaced.
  generation_.fetch_add(1, std::memory_order_acq_rel);
  bool all = seen < 0 || sequence < seen;
  std::int64_t applied = sequence;
  std::unordered_set<store::ArticleId> changed;
  if (!all) {
    const Result<std::vector<store::Change>> changes =
        store_->ChangesSince(seen, options_.changes_per_check + 1);
    all = !changes || static_cast<int>(changes->size()) > options_.changes_per_check;
    if (!all) {
      // A write still committing is not in the log yet: the next check reads on from the
      // last change seen here, so it is not skipped.
      applied = changes->empty() ? seen : changes->back().seq;
      for (const store::Change& change : *changes) {
        all = all || change.article_id == 0;
        changed.insert(change.article_id);
      }
    }
  }
  // A change that makes every page stale counts as a drop, as the Clear() it replaced did.
  if (all) drops_.fetch_add(1, std::memory_order_relaxed);
  for (Shard& shard : shards_) {
    const std::unique_lock lock(shard.mutex);
    for (auto& [key, slot] : shard.slots) {
      if (all || slot.article_id == 0 || changed.contains(slot.article_id)) slot.stale = true;
    }
  }
  return applied;
}

std::uint64_t PageCache::Generation() {
  MaybeCheckChanges(NowNs());
  return generation_.load(std::memory_order_acquire);
}

PageCache::Lookup PageCache::Find(std::string_view key) {
  const std::int64_t now_ns = NowNs();
  MaybeCheckChanges(now_ns);
  Lookup lookup;
  lookup.generation = generation_.load(std::memory_order_acquire);
  lookup.sequence = applying_sequence_.load(std::memory_order_acquire);
  const std::size_t hash = Hash()(key);
  frequency_.Record(hash);  // hit or miss: how often it is asked for decides whether it stays
  Shard& shard = ShardOf(hash);
  const auto fresh = [now_ns](const Slot& slot) { return !slot.stale && slot.expires_ns > now_ns; };
  {
    const std::shared_lock lock(shard.mutex);
    const auto found = shard.slots.find(key);
    if (found != shard.slots.end() && fresh(found->second)) {
      found->second.used.store(true, std::memory_order_relaxed);
      lookup.page = found->second.page;
      hits_.Add();
      return lookup;
    }
  }
  misses_.Add();
  if (options_.ttl.count() <= 0) return lookup;  // nothing is kept, nothing to wait for

  std::unique_lock lock(shard.mutex);
  std::shared_ptr<Flight> awaited;
  for (bool waited = false;; waited = true) {
    const auto found = shard.slots.find(key);
    if (found != shard.slots.end() && fresh(found->second)) {
      found->second.used.store(true, std::memory_order_relaxed);
      lookup.page = found->second.page;
      return lookup;
    }
    if (awaited && awaited->page) {
      lookup.page = awaited->page;
      return lookup;
    }
    const auto flight = shard.flights.find(key);
    if (flight == shard.flights.end()) {
      // The render waited for kept nothing (an error answer): each renders for itself.
      if (waited) return lookup;
      auto mine = std::make_shared<Flight>();
      shard.flights.emplace(std::string(key), mine);
      lookup.ticket = std::make_shared<Ticket>(this, std::string(key), std::move(mine));
      return lookup;
    }
    // Someone renders it: the out-of-date page meanwhile, else wait for theirs (once).
    if (found != shard.slots.end()) {
      lookup.page = found->second.page;
      return lookup;
    }
    if (waited) return lookup;
    awaited = flight->second;
    shard.landed.wait_for(lock, options_.render_wait, [&] { return !shard.flights.contains(key); });
  }
}

bool PageCache::Insert(std::string key, std::uint64_t generation, std::shared_ptr<const Page> page,
                       Freshness freshness, store::ArticleId article_id) {
  if (options_.ttl.count() <= 0 || !page) return false;
  bool kept = false;
  const std::int64_t now_ns = NowNs();
  const std::size_t bytes = PageBytes(key, *page);
  const std::int64_t expires_ns = freshness == Freshness::kUntilChange
                                      ? std::numeric_limits<std::int64_t>::max()
                                      : now_ns + std::chrono::nanoseconds(options_.ttl).count();

  const std::size_t hash = Hash()(key);  // the shard's and the admission's
  Shard& shard = ShardOf(hash);
  {
    const std::unique_lock lock(shard.mutex);
    // Whoever rendered it, the waiters can have it now.
    std::shared_ptr<Flight> flight;
    if (const auto it = shard.flights.find(key); it != shard.flights.end()) {
      flight = std::move(it->second);
      shard.flights.erase(it);
    }
    const auto found = shard.slots.find(key);
    // A change since the render began (or Clear) bumped the generation: its page may be stale.
    if (generation_.load(std::memory_order_acquire) != generation) {
      // fall through to the notify
    } else if (bytes > options_.max_bytes / kShards + 1) {
      // A page larger than a shard's share (a 50,000-URL sitemap file) is served but not
      // kept, and must not empty its shard of the pages that do fit.
      if (found != shard.slots.end()) EraseLocked(shard, found);
    } else if (found == shard.slots.end() && freshness == Freshness::kTimed &&
               !EvictLocked(shard, now_ns, nullptr, 1, bytes, frequency_.Frequency(hash))) {
      // Asked for less often than the page it would push out: its reader has it, and so do
      // its waiters, woken below; the cache keeps the other.
      rejections_.fetch_add(1, std::memory_order_relaxed);
      if (flight) flight->page = std::move(page);
    } else {
      auto it = found;
      if (it == shard.slots.end()) {
        it = shard.slots.try_emplace(std::move(key)).first;
        shard.order.push_back(&it->first);
        it->second.position = std::prev(shard.order.end());
      } else {
        shard.bytes -= it->second.bytes;
      }
      Slot& slot = it->second;
      slot.page = std::move(page);
      slot.expires_ns = expires_ns;
      slot.bytes = bytes;
      slot.article_id = article_id;
      slot.stale = false;
      shard.bytes += bytes;
      EvictLocked(shard, now_ns, &it->first);
      kept = true;
    }
  }
  shard.landed.notify_all();
  return kept;
}

std::size_t PageCache::PageBytes(std::string_view key, const Page& page) {
  // A body's brotli form is made later, on the first request that takes it (http::BrotliForm).
  // For a body kept with its plain bytes the gzip form's size is counted for it now: brotli at
  // its quality is the smaller. A page cut at its holes (AdPage) keeps its gzip form only, and
  // most of its answers are joined bodies with brotli forms of their own (AdPage::Joined,
  // counted in that budget), so its brotli form is counted as it is when the entry is put in or
  // replaced: 0 until a request takes it, and the recompressor's Replace counts one made by then
  // (issue #14). A page without pieces (every article page) holds its first answer as its one
  // copy: AdPage::HeldBytes counts its gzip form here; its brotli form is counted in the joined
  // budget when a br client takes it.
  const std::size_t gzip_bytes = page.body.gzip ? page.body.gzip->size() : 0;
  std::size_t brotli_bytes = 0;
  if (page.body.brotli) brotli_bytes = page.ads ? page.body.brotli->size() : gzip_bytes;
  return key.size() + (page.body.bytes ? page.body.bytes->size() : 0) + gzip_bytes + brotli_bytes +
         (page.ads ? page.ads->HeldBytes() : 0);
}

bool PageCache::Replace(std::string_view key, const Page* old, std::shared_ptr<const Page> page) {
  if (!page) return false;
  const std::size_t bytes = PageBytes(key, *page);
  Shard& shard = ShardFor(key);
  const std::unique_lock lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found == shard.slots.end() || found->second.page.get() != old) return false;
  Slot& slot = found->second;
  shard.bytes = shard.bytes - slot.bytes + bytes;
  slot.bytes = bytes;
  slot.page = std::move(page);
  return true;
}

void PageCache::EraseLocked(Shard& shard, decltype(Shard::slots)::iterator found) {
  shard.bytes -= found->second.bytes;
  shard.order.erase(found->second.position);
  shard.slots.erase(found);
}

bool PageCache::EvictLocked(Shard& shard, std::int64_t now_ns, const std::string* keep,
                            std::size_t more_entries, std::size_t more_bytes, int candidate) {
  const std::size_t max_entries = options_.max_entries / kShards + 1;
  const std::size_t max_bytes = options_.max_bytes / kShards + 1;
  // Each spared entry loses its mark, so two passes over the shard always find one to drop.
  std::size_t spared = 0;
  while (
      (shard.slots.size() + more_entries > max_entries || shard.bytes + more_bytes > max_bytes) &&
      !shard.order.empty() && spared <= 2 * shard.order.size()) {
    const std::string* key = shard.order.front();
    const auto found = shard.slots.find(*key);
    Slot& slot = found->second;
    const bool live = !slot.stale && slot.expires_ns > now_ns;
    if (key == keep || (live && slot.used.exchange(false, std::memory_order_relaxed))) {
      shard.order.splice(shard.order.end(), shard.order, shard.order.begin());
      ++spared;
      continue;
    }
    // The page to drop stays first in line, unmarked: the next new page is weighed against it
    // too, until one asked for more often comes or a reader's Find marks it again. A candidate
    // asked for as often as the sketch counts always comes in: a tie there would keep it out
    // for good, however often it is asked for (until the counts are halved).
    if (live && candidate != kNoCandidate && candidate < FrequencySketch::kMaxFrequency &&
        frequency_.Frequency(Hash()(*key)) >= candidate) {
      return false;
    }
    EraseLocked(shard, found);
    evictions_.fetch_add(1, std::memory_order_relaxed);
  }
  return true;
}

void PageCache::Land(const std::string& key, const Flight* flight) {
  Shard& shard = ShardFor(key);
  {
    const std::unique_lock lock(shard.mutex);
    const auto it = shard.flights.find(key);
    if (it == shard.flights.end() || it->second.get() != flight) return;
    shard.flights.erase(it);
    // The render kept nothing (the page is gone, or an error now): the out-of-date page must
    // not be handed out again.
    const auto found = shard.slots.find(key);
    if (found != shard.slots.end() &&
        (found->second.stale || found->second.expires_ns <= NowNs())) {
      EraseLocked(shard, found);
    }
  }
  shard.landed.notify_all();
}

void PageCache::Erase(std::string_view key) {
  Shard& shard = ShardFor(key);
  const std::unique_lock lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found != shard.slots.end()) EraseLocked(shard, found);
}

void PageCache::Clear() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  drops_.fetch_add(1, std::memory_order_relaxed);
  for (Shard& shard : shards_) {
    const std::unique_lock lock(shard.mutex);
    shard.slots.clear();
    shard.order.clear();
    shard.bytes = 0;
  }
}

PageCache::Stats PageCache::stats() const {
  Stats stats;
  stats.hits = hits_.Value();
  stats.misses = misses_.Value();
  stats.evictions = evictions_.load(std::memory_order_relaxed);
  stats.drops = drops_.load(std::memory_order_relaxed);
  stats.rejections = rejections_.load(std::memory_order_relaxed);
  for (const Shard& shard : shards_) {
    const std::shared_lock lock(shard.mutex);
    stats.entries += shard.slots.size();
    stats.bytes += shard.bytes;
  }
  return stats;
}

std::size_t PageCache::size() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    const std::shared_lock lock(shard.mutex);
    total += shard.slots.size();
  }
  return total;
}

std::size_t PageCache::bytes() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    const std::shared_lock lock(shard.mutex);
    total += shard.bytes;
  }
  return total;
}

}  // namespace sinmun::site
