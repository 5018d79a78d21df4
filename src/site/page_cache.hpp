#pragma once
// Rendered pages kept as prepared bytes (body, gzip, ETag), so a popular page is rendered once
// and then served as a hash lookup handing out shared bytes.
//
// Freshness: at most every `check_interval` one request thread asks the store for its change
// sequence and drops everything when it moved, so a publish shows on every page within about
// that interval. Besides, a kTimed entry lives `ttl` (pages that show view counts, or a window
// of time such as "the last 48 hours", change without a change to any article); a
// kUntilChange entry (feeds, sitemaps: made of articles alone) lives until that drop. A render that
// began before such a drop cannot put its (possibly stale) page back: Insert takes the generation
// that Find returned. Size: each shard is cleared of expired entries, and if still over its share
// of max_entries/max_bytes, cleared outright; crude but bounded and lock-cheap. Thread safety: all
// methods from any thread. Find holds one shard's shared lock for a hash lookup; rendering happens
// outside any lock.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/response.hpp"
#include "store/change_feed.hpp"

namespace sinmun::site {

struct AdPage;  // site/ad_splice.hpp

class PageCache {
 public:
  struct Options {
    std::chrono::milliseconds ttl{60'000};  // 0 disables caching
    std::chrono::milliseconds check_interval{250};
    std::size_t max_entries = 20'000;
    std::size_t max_bytes = std::size_t{256} << 20;  // bodies + gzip forms
  };

  struct Page {
    int status = 200;
    std::string content_type;
    http::PreparedBody body;
    // HTML pages with banner slots (issue #7): served by splicing banners in; null otherwise.
    std::shared_ptr<const AdPage> ads;
  };

  enum class Freshness { kTimed, kUntilChange };

  struct Lookup {
    std::shared_ptr<const Page> page;  // null on a miss
    std::uint64_t generation = 0;      // pass to Insert after rendering on a miss
  };

  // REQUIRES: store outlives the cache.
  PageCache(const store::ChangeFeed* store, Options options);

  Lookup Find(std::string_view key);
  // Keeps `page` under `key` unless the cache was dropped since the Find that gave `generation`.
  // A ttl of 0 keeps nothing, whatever the freshness.
  void Insert(std::string key, std::uint64_t generation, std::shared_ptr<const Page> page,
              Freshness freshness = Freshness::kTimed);
  // Drops every entry (and makes renders in flight unable to insert).
  void Clear();
  // Drops the entry under `key`, if any: a page whose counter a reader just changed
  // (recommend). A render in flight may still put the previous page back.
  void Erase(std::string_view key);
  std::size_t size() const;

 private:
  struct Slot {
    std::shared_ptr<const Page> page;
    std::int64_t expires_ns = 0;  // steady clock
    std::size_t bytes = 0;
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
    std::size_t bytes = 0;
  };
  static constexpr std::size_t kShards = 16;

  static std::int64_t NowNs();
  // One thread per interval reads the change sequence; the others go on without waiting.
  void MaybeCheckChanges(std::int64_t now_ns);
  Shard& ShardFor(std::string_view key) { return shards_[Hash()(key) % kShards]; }

  const store::ChangeFeed* store_;
  Options options_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::int64_t> next_check_ns_{0};
  std::atomic<std::int64_t> last_sequence_{-1};
};

}  // namespace sinmun::site
