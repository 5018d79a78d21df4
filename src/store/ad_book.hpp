#pragma once
// Ads: campaigns and their impression and click counts.
// Campaign rules, checked by InsertAdCampaign and UpdateAdCampaign (kInvalidInput): a
// non-empty advertiser, a non-empty title of one line, at least one slot and none twice,
// slot names of a-z, 0-9 and _, a target_url starting with http:// or https:// and without
// spaces or control characters, starts_at < ends_at, weight in 1..1000, a known photo and
// section when set. Which slot names exist is the ads module's business, not the store's.
// Every campaign write appends a change (article id 0) in its transaction, so that the
// followers of the change sequence (the banner rotation, the page cache) read it again.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <vector>

#include "core/error.hpp"
#include "store/ad_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class AdBook {
 public:
  virtual ~AdBook() = default;

  // Stores a new campaign and returns its id (campaign.id is ignored).
  virtual Result<AdCampaignId> InsertAdCampaign(const AdCampaign& campaign) = 0;

  // Saves every field of the campaign `campaign.id` except created_at. kNotFound for an
  // unknown id.
  virtual Result<> UpdateAdCampaign(const AdCampaign& campaign) = 0;

  // Pauses (false) or resumes (true) a campaign, setting updated_at = at. kNotFound for an
  // unknown id.
  virtual Result<> SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) = 0;

  // kNotFound for an unknown id.
  virtual Result<AdCampaign> AdCampaignById(AdCampaignId id) const = 0;

  // Every campaign, newest first (id descending).
  virtual Result<std::vector<AdCampaign>> AdCampaigns() const = 0;

  // The active campaigns that have not ended at `now` (ends_at > now), including those that
  // start later, by id: what the banner rotation keeps in memory.
  virtual Result<std::vector<AdCampaign>> ServableAdCampaigns(Timestamp now) const = 0;

  // Adds each delta's impressions and clicks to its (campaign, day, slot) totals, in one
  // transaction. Deltas of unknown campaigns are left out (a campaign row is never deleted,
  // but counts may name one from a stale page). kInvalidInput for negative counts or an
  // empty slot; nothing is written then.
  virtual Result<> AddAdCounts(const std::vector<AdCountDelta>& deltas) = 0;

  // The campaign's totals per KST day over all its slots, oldest day first; days without
  // counts are left out. kNotFound for an unknown campaign.
  virtual Result<std::vector<AdDayCounts>> AdCountsByDay(AdCampaignId id) const = 0;
};

}  // namespace sinmun::store
