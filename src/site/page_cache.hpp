#pragma once
// Rendered pages kept as prepared bytes (body, gzip, ETag), so a popular page is rendered once
// and then served as a hash lookup handing out shared bytes.
//
// Freshness: at most every `check_interval` one request thread asks the store for its change
// sequence; when it moved, the changes since the last check say which pages are out of date.
// An article's own pages (Insert's `article_id`) go stale only when that article changed;
// every other page (lists, front, feeds, sitemaps, error pages) goes stale on any change, and
// everything on a change that is not about one article (sections, settings, campaigns) or on
// more changes than one check reads. So a publish does not throw away the archive: an article
// page keeps its neighbour links and boxes until its `ttl` (like the most-viewed box always did).
// Besides, a kTimed entry lives `ttl` (pages that show view counts, or a window of time such as
// "the last 48 hours", change without a change to any article); a kUntilChange entry (feeds,
// sitemaps: made of articles alone) lives until a change makes it stale.
//
// Stampedes: the first Find of a missing or stale page gets no page and a `ticket`: it renders
// and Inserts (or drops the ticket, for an answer it does not keep). While it renders, other
// Finds of that key get the stale page if there is one, and otherwise wait for its Insert (at
// most `render_wait`, once), so a page invalidated by a publish is rendered once, not by every
// reader that asks for it meanwhile. A render that began before a change cannot put its
// (possibly stale) page back: Insert takes the generation that Find returned.
//
// Size: bounded by max_bytes and max_entries, split over 16 shards. Each shard evicts by use
// (CLOCK, second chance: a Find marks its entry used; eviction walks the shard's entries oldest
// first, spares and unmarks used ones, drops the first unused one), so a flood of distinct
// addresses asked once each cycles through the unused entries and cannot push out pages readers
// keep asking for.
//
// Admission by frequency (TinyLFU): every Find counts its key in a FrequencySketch. A new page
// for a full shard comes in only when its key was asked for more often lately than the page
// CLOCK would drop for it, or as often as the sketch counts; otherwise it is served (to its
// reader and to the Finds waiting for its render) but not kept. So an archive page asked for
// once does not push out one that readers come back to, even one they have not asked for since
// the hand last passed. Pages that replace their own key, feeds and sitemaps (kUntilChange),
// and pages for a shard with room come in as before; a stale or expired page is always dropped.
//
// Thread safety: all methods from any thread. Find holds one shard's shared lock for a hash
// lookup (and counts its key without a lock); rendering happens outside any lock.

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/striped_counter.hpp"
#include "http/response.hpp"
#include "site/frequency_sketch.hpp"
#include "store/change_feed.hpp"

namespace sinmun::site {

struct AdPage;  // site/ad_splice.hpp

class PageCache {
 public:
  struct Options {
    std::chrono::milliseconds ttl{60'000};  // 0 disables caching
    std::chrono::milliseconds check_interval{250};
    // How long a Find waits for another thread's render of the same missing page.
    std::chrono::milliseconds render_wait{2'000};
    std::size_t max_entries = 20'000;
    std::size_t max_bytes = std::size_t{256} << 20;  // bodies + gzip forms
    int changes_per_check = 1'000;  // more changes than this at once: everything is stale
  };

  struct Page {
    int status = 200;
    std::string content_type;
    http::PreparedBody body;
    // HTML pages with banner slots (issue #7): served by splicing banners in; null otherwise.
    std::shared_ptr<const AdPage> ads;
  };

  enum class Freshness { kTimed, kUntilChange };

  // Held by the one caller that renders a missing or stale page; dropping it without an Insert
  // lets the waiting Finds go on (each then renders for itself).
  class Ticket;

  struct Lookup {
    std::shared_ptr<const Page> page;  // null on a miss: render, then Insert
    std::uint64_t generation = 0;      // pass to Insert after rendering on a miss
    // The store's change sequence up to which changes may have been applied as of
    // `generation` (-1: none known). A change after it moves the generation before a page
    // rendered now could be kept past it (Insert refuses it, or the change makes it stale).
    std::int64_t sequence = -1;
    std::shared_ptr<Ticket> ticket;  // non-null for the caller chosen to render
  };

  // REQUIRES: store outlives the cache.
  PageCache(const store::ChangeFeed* store, Options options);
  ~PageCache();

  Lookup Find(std::string_view key);
  // Keeps `page` under `key` unless a change happened since the Find that gave `generation`.
  // `article_id`: the article the page is about (its page, print page, API entry), which only
  // a change to that article makes stale; 0 for any other page. A ttl of 0 keeps nothing.
  // Returns whether the page was kept (not: a change since, too large, or refused admission).
  bool Insert(std::string key, std::uint64_t generation, std::shared_ptr<const Page> page,
              Freshness freshness = Freshness::kTimed, store::ArticleId article_id = 0);
  // Puts `page` in place of `old` under `key` when the entry still holds `old`, keeping its
  // expiry and freshness: the same page in another form (its pieces compressed again).
  // Returns whether it did.
  bool Replace(std::string_view key, const Page* old, std::shared_ptr<const Page> page);
  // Drops every entry (and makes renders in flight unable to insert).
  void Clear();
  // Drops the entry under `key`, if any: a page whose counter a reader just changed
  // (recommend). A render in flight may still put the previous page back.
  void Erase(std::string_view key);
  std::size_t size() const;
  std::size_t bytes() const;
  // Moves on every change to the paper (checked as Find does) and on Clear: what SharedPart
  // keys its parts by.
  std::uint64_t Generation();

  // For /metrics. Evictions are entries dropped to make room (expired or not); drops are
  // Clear()s (a change to the paper, a recommend's page is an Erase and counts in neither);
  // rejections are new pages not kept because the page they would push out is asked for at
  // least as often.
  struct Stats {
    std::uint64_t hits = 0, misses = 0, evictions = 0, drops = 0, rejections = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats() const;

 private:
  struct Flight;
  struct Slot {
    std::shared_ptr<const Page> page;
    std::int64_t expires_ns = 0;  // steady clock
    std::size_t bytes = 0;
    store::ArticleId article_id = 0;
    bool stale = false;                                // a change made it out of date
    std::atomic<bool> used{false};                     // found since the eviction hand last passed
    std::list<const std::string*>::iterator position;  // in Shard::order
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>()(key);
    }
  };
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, Slot, Hash, std::equal_to<>> slots;
    std::list<const std::string*> order;  // keys of slots, oldest (next to consider) first
    std::unordered_map<std::string, std::shared_ptr<Flight>, Hash, std::equal_to<>> flights;
    std::condition_variable_any landed;  // a flight ended
    std::size_t bytes = 0;
  };
  static constexpr std::size_t kShards = 16;

  static std::int64_t NowNs();
  static std::size_t PageBytes(std::string_view key, const Page& page);
  // One thread per interval reads the change sequence; the others go on without waiting.
  void MaybeCheckChanges(std::int64_t now_ns);
  // Marks stale what the changes after `seen` touched, up to `sequence`; returns the sequence
  // number they were read up to.
  std::int64_t ApplyChanges(std::int64_t seen, std::int64_t sequence);
  void EraseLocked(Shard& shard, decltype(Shard::slots)::iterator found);
  // Evicts until the shard, with `more_entries` entries and `more_bytes` bytes added, is within
  // its share; never `keep`. With a `candidate` frequency (a new page waiting to come in, asked
  // for that often), stops at the first live page to drop that is asked for at least as often
  // and returns false: the new page is not worth it. Returns true when there is room.
  static constexpr int kNoCandidate = -1;
  bool EvictLocked(Shard& shard, std::int64_t now_ns, const std::string* keep,
                   std::size_t more_entries = 0, std::size_t more_bytes = 0,
                   int candidate = kNoCandidate);
  // Ends `flight` when its ticket is dropped (unless an Insert did) and wakes its waiters.
  void Land(const std::string& key, const Flight* flight);
  Shard& ShardOf(std::size_t hash) { return shards_[hash % kShards]; }
  Shard& ShardFor(std::string_view key) { return ShardOf(Hash()(key)); }

  const store::ChangeFeed* store_;
  Options options_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::int64_t> next_check_ns_{0};
  std::mutex check_mutex_;
  std::atomic<std::int64_t> last_sequence_{-1};
  // The sequence read by the latest check that moved the generation, stored before it moved
  // it: Lookup::sequence.
  std::atomic<std::int64_t> applying_sequence_{-1};
  FrequencySketch frequency_;     // Finds per key lately, for admission
  StripedCounter hits_, misses_;  // on every lookup: no shared cache line
  std::atomic<std::uint64_t> evictions_{0}, drops_{0}, rejections_{0};
};

}  // namespace sinmun::site
