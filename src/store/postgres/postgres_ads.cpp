// PgStore: sponsor banner campaigns and their daily impressions and clicks (issue #7).
// See sqlite_ads.cpp; the rules are shared (ad_rules.hpp).

#include <fmt/format.h>

#include <ctime>
#include <string>

#include "store/ad_rules.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/query.hpp"
#include "store/row_records.hpp"

namespace sinmun::store::postgres {
namespace {

#define SINMUN_AD_COLUMNS                                                            \
  "id, advertiser, title, slots, photo_id, target_url, starts_at, ends_at, weight, " \
  "section_id, active::int, created_at, updated_at"

constexpr char kInsertCampaign[] =
    "INSERT INTO ad_campaigns (advertiser, title, slots, photo_id, target_url, starts_at, "
    "ends_at, weight, section_id, active, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
constexpr char kUpdateCampaign[] =
    "UPDATE ad_campaigns SET advertiser = $2, title = $3, slots = $4, photo_id = $5, "
    "target_url = $6, starts_at = $7, ends_at = $8, weight = $9, section_id = $10, "
    "active = $11, updated_at = $12 WHERE id = $1";
constexpr char kSetActive[] = "UPDATE ad_campaigns SET active = $2, updated_at = $3 WHERE id = $1";
constexpr char kCampaignById[] = "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns WHERE id = $1";
constexpr char kCampaigns[] = "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns ORDER BY id DESC";
constexpr char kServable[] =
    "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns WHERE active AND ends_at > $1 ORDER BY id";
constexpr char kCampaignExists[] = "SELECT COUNT(*) FROM ad_campaigns WHERE id = $1";
constexpr char kAddCounts[] =
    "INSERT INTO ad_daily_counts (campaign_id, day, slot, impressions, clicks) "
    "SELECT id, $2, $3, $4, $5 FROM ad_campaigns WHERE id = $1 "
    "ON CONFLICT (campaign_id, day, slot) DO UPDATE SET "
    "impressions = ad_daily_counts.impressions + excluded.impressions, "
    "clicks = ad_daily_counts.clicks + excluded.clicks";
constexpr char kCountsByDay[] =
    "SELECT day, SUM(impressions)::bigint, SUM(clicks)::bigint FROM ad_daily_counts "
    "WHERE campaign_id = $1 GROUP BY day ORDER BY day";

#undef SINMUN_AD_COLUMNS

// Every campaign write is a change (article id 0), for the rotation and the page cache.
Result<> RecordAdsChange(Connection& connection) {
  return AppendChange(connection, 0, "ads", static_cast<Timestamp>(std::time(nullptr)));
}

}  // namespace

Result<AdCampaignId> PgStore::InsertAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return tl::unexpected(valid.error());
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<AdCampaignId> {
    Result<std::int64_t> id =
        ReadCount(Query(connection, kInsertCampaign, campaign.advertiser, campaign.title,
                        JoinAdSlots(campaign.slots), campaign.photo_id, campaign.target_url,
                        campaign.starts_at, campaign.ends_at, campaign.weight, campaign.section_id,
                        campaign.active, campaign.created_at, campaign.updated_at));
    if (!id) return tl::unexpected(ExplainAdCampaignWriteError(id.error()));
    if (Result<> done = RecordAdsChange(connection); !done) return tl::unexpected(done.error());
    return *id;
  });
}

Result<> PgStore::UpdateAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return valid;
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    Result<std::int64_t> changed = ReadAffected(
        Query(connection, kUpdateCampaign, campaign.id, campaign.advertiser, campaign.title,
              JoinAdSlots(campaign.slots), campaign.photo_id, campaign.target_url,
              campaign.starts_at, campaign.ends_at, campaign.weight, campaign.section_id,
              campaign.active, campaign.updated_at));
    if (!changed) return tl::unexpected(ExplainAdCampaignWriteError(changed.error()));
    if (*changed == 0)
      return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", campaign.id));
    return RecordAdsChange(connection);
  });
}

Result<> PgStore::SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) {
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    Result<std::int64_t> changed = ReadAffected(Query(connection, kSetActive, id, active, at));
    if (!changed) return tl::unexpected(changed.error());
    if (*changed == 0) return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", id));
    return RecordAdsChange(connection);
  });
}

Result<AdCampaign> PgStore::AdCampaignById(AdCampaignId id) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadOne<AdCampaign>(Query(connection, kCampaignById, id), rows::ReadAdCampaign<Row>,
                               fmt::format("no ad campaign {}", id));
  });
}

Result<std::vector<AdCampaign>> PgStore::AdCampaigns() const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kCampaigns), rows::ReadAdCampaign<Row>);
  });
}

Result<std::vector<AdCampaign>> PgStore::ServableAdCampaigns(Timestamp now) const {
  return WithConnection(pool(), [&](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kServable, now), rows::ReadAdCampaign<Row>);
  });
}

Result<> PgStore::AddAdCounts(const std::vector<AdCountDelta>& deltas) {
  for (const AdCountDelta& delta : deltas) {
    if (delta.impressions < 0 || delta.clicks < 0 || delta.slot.empty()) {
      return Fail(ErrorCode::kInvalidInput, "ad counts: negative count or empty slot");
    }
  }
  if (deltas.empty()) return {};
  return InWriteTransaction(pool(), [&](Connection& connection) -> Result<> {
    for (const AdCountDelta& delta : deltas) {
      if (delta.impressions == 0 && delta.clicks == 0) continue;
      const Result<> done = Write(connection, kAddCounts, delta.campaign_id, delta.day,
                                  std::string_view(delta.slot), delta.impressions, delta.clicks);
      if (!done) return done;
    }
    return Result<>{};
  });
}

Result<std::vector<AdDayCounts>> PgStore::AdCountsByDay(AdCampaignId id) const {
  return InSnapshot(pool(), [&](Connection& connection) -> Result<std::vector<AdDayCounts>> {
    const Result<std::int64_t> exists = ReadCount(Query(connection, kCampaignExists, id));
    if (!exists) return tl::unexpected(exists.error());
    if (*exists == 0) return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", id));
    return ReadAll<AdDayCounts>(Query(connection, kCountsByDay, id), [](const Row& row) {
      return AdDayCounts{.day = row.Int(0), .impressions = row.Int(1), .clicks = row.Int(2)};
    });
  });
}

}  // namespace sinmun::store::postgres
