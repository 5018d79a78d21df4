#pragma once
// ---- Ads: slots, campaigns, impressions (issue #7) ----
// Plain records of the sponsor banners: campaigns and their daily counts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using AdCampaignId = std::int64_t;

// A paid banner: shown in its slots, in rotation by weight, while starts_at <= now < ends_at
// and active. An image banner has a photo (the uploaded image, resized like article photos);
// a text banner has none and shows `title`.
struct AdCampaign {
  AdCampaignId id = 0;
  std::string advertiser;
  std::string title;               // the text of a text banner; the alt text of an image one
  std::vector<std::string> slots;  // slot names ("top", "right_1", …): [a-z0-9_], no repeats
  std::optional<PhotoId> photo_id;
  std::string target_url;  // http:// or https://
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  int weight = 1;                       // 1..1000, relative to the other live campaigns
  std::optional<SectionId> section_id;  // only on that section's pages; nullopt: everywhere
  bool active = true;                   // false: paused
  Timestamp created_at = 0;
  Timestamp updated_at = 0;

  bool operator==(const AdCampaign&) const = default;
};

// Impressions and clicks to add for one campaign in one slot on one KST day.
struct AdCountDelta {
  AdCampaignId campaign_id = 0;
  std::string slot;
  std::int64_t day = 0;  // days since 1970-01-01 in KST (see ads::KstDay)
  std::int64_t impressions = 0;
  std::int64_t clicks = 0;
};

// One campaign's counts on one KST day, all slots together.
struct AdDayCounts {
  std::int64_t day = 0;
  std::int64_t impressions = 0;
  std::int64_t clicks = 0;

  bool operator==(const AdDayCounts&) const = default;
};

}  // namespace sinmun::store
