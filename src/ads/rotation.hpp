#pragma once
// Which banner a slot shows (issue #7): a weighted random choice, made per request, among the
// campaigns of that slot that are live at now (active, starts_at <= now < ends_at) and target
// the page's section or none. The campaigns are kept in memory as an immutable LiveSet, so a
// request never queries the store; the set is made again when the store's change sequence has
// moved (checked at most every check_interval, by one request thread while the others go on
// with the set they have) or when a campaign in it starts or ends.
//
// The banner's bytes (its HTML and their deflate form for splicing into gzip pages) are made
// once per set by the caller's MakeBanner, so that this module knows nothing of templates.
// Thread safety: every method from any thread. A LiveSet is immutable.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ads/slots.hpp"
#include "core/time.hpp"
#include "store/ad_book.hpp"
#include "store/catalog.hpp"
#include "store/change_feed.hpp"

namespace sinmun::ads {

// What a page receives in place of a slot's marker.
struct BannerBytes {
  std::string html;
  std::string deflate;       // raw deflate of html ending on a byte boundary, for gzip splicing
  std::uint32_t crc32 = 0;   // of html
  std::uint64_t crc_op = 0;  // http::CrcCombineOp(html.size())
};

struct LiveBanner {
  store::AdCampaignId campaign = 0;
  int weight = 1;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::string section;  // slug of the targeted section; "" for every page
  BannerBytes bytes;
};

class LiveSet {
 public:
  LiveSet() = default;
  LiveSet(std::int64_t sequence, Timestamp made_at,
          std::array<std::vector<LiveBanner>, kSlots.size()> per_slot);

  // The banner for slot `slot` (an index into kSlots) on a page of section `section` ("" for
  // pages of no section) at `now`: each live candidate is chosen with probability weight /
  // (sum of the live candidates' weights), by `random` (a uniform 64-bit number). Null when
  // no campaign is live for the slot there.
  const LiveBanner* Pick(std::size_t slot, std::string_view section, Timestamp now,
                         std::uint64_t random) const;

  // True when some campaign of the set (live now or later) may fill slot `slot` on a page of
  // `section`: a page is cut only at such slots.
  bool MayFill(std::size_t slot, std::string_view section) const;
  // True when more than one campaign of the set may fill slot `slot` on a page of `section`:
  // the slot's banner then changes from response to response.
  bool Rotates(std::size_t slot, std::string_view section) const;

  std::int64_t sequence() const { return sequence_; }
  // The first time after the set was made at which one of its campaigns starts or ends.
  Timestamp next_boundary() const { return next_boundary_; }
  std::size_t size() const;

 private:
  std::int64_t sequence_ = -1;
  Timestamp next_boundary_ = 0;
  std::array<std::vector<LiveBanner>, kSlots.size()> per_slot_;
};

// The store roles the rotation reads; made from any one object that serves them all.
struct RotationStore {
  template <typename S>
  RotationStore(const S* store)  // NOLINT(google-explicit-constructor): one store, three roles
      : ads(store), changes(store), catalog(store) {}
  RotationStore(const store::AdBook* ads, const store::ChangeFeed* changes,
                const store::Catalog* catalog)
      : ads(ads), changes(changes), catalog(catalog) {}
  const store::AdBook* ads;
  const store::ChangeFeed* changes;
  const store::Catalog* catalog;  // section slugs
};

class Rotation {
 public:
  using MakeBanner = std::function<BannerBytes(const store::AdCampaign&, const SlotSpec&)>;
  struct Options {
    std::chrono::milliseconds check_interval{250};
  };

  // REQUIRES: store and clock outlive the rotation; make_banner is callable from any thread.
  Rotation(RotationStore store, const Clock* clock, MakeBanner make_banner, Options options);

  // The live set to pick from, made again first when it is due (see above). Never null: an
  // empty set before the first successful read; when the store fails, the previous set is
  // kept and the failure logged.
  std::shared_ptr<const LiveSet> Current();
  // As Current, but the change sequence is read now (one small store read), waiting for a
  // rebuild in progress: for cutting a page that will be kept, which must see every campaign
  // written before it was rendered.
  std::shared_ptr<const LiveSet> CurrentChecked();
  // As CurrentChecked, but without the store read when the set already covers every change up
  // to `seen` (a change sequence the caller knows of, such as the page cache's as of the
  // page's lookup; negative: unknown) and no campaign has started or ended since it was made.
  std::shared_ptr<const LiveSet> CurrentCovering(std::int64_t seen);
  // Reads the campaigns now, whatever the interval.
  Result<> Refresh();

  // A uniform 64-bit random number from a per-thread generator (not for secrets).
  static std::uint64_t Random();

 private:
  Result<std::shared_ptr<const LiveSet>> Load(std::int64_t sequence) const;
  // Rebuilds the set when the sequence moved or a boundary passed. REQUIRES: refresh_mutex_.
  std::shared_ptr<const LiveSet> RefreshLocked(std::shared_ptr<const LiveSet> set, bool boundary);

  RotationStore store_;
  const Clock* clock_;
  MakeBanner make_banner_;
  Options options_;
  std::atomic<std::shared_ptr<const LiveSet>> current_;
  std::atomic<std::int64_t> next_check_ns_{0};
  std::mutex refresh_mutex_;  // one rebuild at a time; Current never waits for it
};

}  // namespace sinmun::ads
