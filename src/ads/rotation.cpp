#include "ads/rotation.hpp"

#include <spdlog/spdlog.h>

#include <limits>
#include <random>
#include <unordered_map>

namespace sinmun::ads {
namespace {

bool LiveFor(const LiveBanner& banner, std::string_view section, Timestamp now) {
  return banner.starts_at <= now && now < banner.ends_at &&
         (banner.section.empty() || banner.section == section);
}

std::int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

LiveSet::LiveSet(std::int64_t sequence, Timestamp made_at,
                 std::array<std::vector<LiveBanner>, kSlots.size()> per_slot)
    : sequence_(sequence),
      next_boundary_(std::numeric_limits<Timestamp>::max()),
      per_slot_(std::move(per_slot)) {
  for (const auto& banners : per_slot_) {
    for (const LiveBanner& banner : banners) {
      if (banner.starts_at > made_at) next_boundary_ = std::min(next_boundary_, banner.starts_at);
      next_boundary_ = std::min(next_boundary_, banner.ends_at);
    }
  }
}

const LiveBanner* LiveSet::Pick(std::size_t slot, std::string_view section, Timestamp now,
                                std::uint64_t random) const {
  if (slot >= per_slot_.size()) return nullptr;
  const std::vector<LiveBanner>& banners = per_slot_[slot];
  // Two passes over a handful of campaigns: no allocation on the request path.
  std::uint64_t total = 0;
  for (const LiveBanner& banner : banners) {
    if (LiveFor(banner, section, now)) total += static_cast<std::uint64_t>(banner.weight);
  }
  if (total == 0) return nullptr;
  // Multiply-shift maps the 64-bit number onto [0, total) without modulo bias worth naming.
  std::uint64_t point =
      static_cast<std::uint64_t>((static_cast<unsigned __int128>(random) * total) >> 64);
  for (const LiveBanner& banner : banners) {
    if (!LiveFor(banner, section, now)) continue;
    const auto weight = static_cast<std::uint64_t>(banner.weight);
    if (point < weight) return &banner;
    point -= weight;
  }
  return nullptr;  // unreachable: point < total
}

bool LiveSet::MayFill(std::size_t slot, std::string_view section) const {
  if (slot >= per_slot_.size()) return false;
  for (const LiveBanner& banner : per_slot_[slot]) {
    if (banner.section.empty() || banner.section == section) return true;
  }
  return false;
}

bool LiveSet::Rotates(std::size_t slot, std::string_view section) const {
  if (slot >= per_slot_.size()) return false;
  int candidates = 0;
  for (const LiveBanner& banner : per_slot_[slot]) {
    if ((banner.section.empty() || banner.section == section) && ++candidates > 1) return true;
  }
  return false;
}

std::size_t LiveSet::size() const {
  std::size_t count = 0;
  for (const auto& banners : per_slot_) count += banners.size();
  return count;
}

Rotation::Rotation(RotationStore store, const Clock* clock, MakeBanner make_banner, Options options)
    : store_(store),
      clock_(clock),
      make_banner_(std::move(make_banner)),
      options_(options),
      current_(std::make_shared<const LiveSet>()) {}

std::shared_ptr<const LiveSet> Rotation::Current() {
  std::shared_ptr<const LiveSet> set = current_.load(std::memory_order_acquire);
  const std::int64_t now_ns = SteadyNs();
  const bool boundary = clock_->Now() >= set->next_boundary();
  if (!boundary && now_ns < next_check_ns_.load(std::memory_order_relaxed)) return set;
  // One thread checks; the others serve the set they have.
  std::unique_lock lock(refresh_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return set;
  next_check_ns_.store(now_ns + std::chrono::nanoseconds(options_.check_interval).count(),
                       std::memory_order_relaxed);
  return RefreshLocked(current_.load(std::memory_order_acquire), boundary);
}

std::shared_ptr<const LiveSet> Rotation::CurrentChecked() {
  std::lock_guard lock(refresh_mutex_);
  std::shared_ptr<const LiveSet> set = current_.load(std::memory_order_acquire);
  const bool boundary = clock_->Now() >= set->next_boundary();
  return RefreshLocked(std::move(set), boundary);
}

std::shared_ptr<const LiveSet> Rotation::CurrentCovering(std::int64_t seen) {
  // A set is made from the campaigns read after its sequence: it holds every change up to it.
  const std::shared_ptr<const LiveSet> set = current_.load(std::memory_order_acquire);
  if (seen >= 0 && set->sequence() >= seen && clock_->Now() < set->next_boundary()) return set;
  return CurrentChecked();
}

std::shared_ptr<const LiveSet> Rotation::RefreshLocked(std::shared_ptr<const LiveSet> set,
                                                       bool boundary) {
  const Result<std::int64_t> sequence = store_.changes->ChangeSequence();
  if (!sequence) {
    spdlog::error("ads: reading the change sequence failed: {}", sequence.error().detail);
    return set;
  }
  if (*sequence == set->sequence() && !boundary) return set;
  Result<std::shared_ptr<const LiveSet>> loaded = Load(*sequence);
  if (!loaded) {
    spdlog::error("ads: reading the campaigns failed: {}", loaded.error().detail);
    return set;
  }
  current_.store(*loaded, std::memory_order_release);
  return std::move(*loaded);
}

Result<> Rotation::Refresh() {
  std::lock_guard lock(refresh_mutex_);
  const Result<std::int64_t> sequence = store_.changes->ChangeSequence();
  if (!sequence) return tl::unexpected(sequence.error());
  Result<std::shared_ptr<const LiveSet>> loaded = Load(*sequence);
  if (!loaded) return tl::unexpected(loaded.error());
  current_.store(std::move(*loaded), std::memory_order_release);
  return {};
}

Result<std::shared_ptr<const LiveSet>> Rotation::Load(std::int64_t sequence) const {
  const Timestamp now = clock_->Now();
  const Result<std::vector<store::AdCampaign>> campaigns = store_.ads->ServableAdCampaigns(now);
  if (!campaigns) return tl::unexpected(campaigns.error());
  std::unordered_map<store::SectionId, std::string> slugs;
  if (!campaigns->empty()) {
    const Result<std::vector<store::SectionAdmin>> sections = store_.catalog->AllSections();
    if (!sections) return tl::unexpected(sections.error());
    for (const store::SectionAdmin& admin : *sections) slugs[admin.section.id] = admin.section.slug;
  }
  std::array<std::vector<LiveBanner>, kSlots.size()> per_slot;
  for (const store::AdCampaign& campaign : *campaigns) {
    for (const std::string& name : campaign.slots) {
      const std::optional<std::size_t> slot = SlotIndex(name);
      if (!slot) continue;  // a slot this version does not have
      per_slot[*slot].push_back(
          LiveBanner{.campaign = campaign.id,
                     .weight = campaign.weight,
                     .starts_at = campaign.starts_at,
                     .ends_at = campaign.ends_at,
                     .section = campaign.section_id ? slugs[*campaign.section_id] : std::string(),
                     .bytes = make_banner_(campaign, kSlots[*slot])});
    }
  }
  return std::make_shared<const LiveSet>(sequence, now, std::move(per_slot));
}

std::uint64_t Rotation::Random() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return generator();
}

}  // namespace sinmun::ads
