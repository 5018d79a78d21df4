#pragma once
// SqlStore: sponsor banner campaigns and their daily impressions and clicks (issue #7), for
// both backends; the campaign rules are in ad_rules.hpp. Included by the backends' store .cpp
// files only (sql_store.hpp).

#include <fmt/format.h>

#include <string>

#include "store/ad_rules.hpp"
#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/row_checks.hpp"
#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace ad_sql {

#define SINMUN_AD_COLUMNS                                                            \
  "id, advertiser, title, slots, photo_id, target_url, starts_at, ends_at, weight, " \
  "section_id, active{::int}, created_at, updated_at"

inline const Sql kInsertCampaign{
    "INSERT INTO ad_campaigns (advertiser, title, slots, photo_id, target_url, starts_at, "
    "ends_at, weight, section_id, active, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id"};
inline const Sql kUpdateCampaign{
    "UPDATE ad_campaigns SET advertiser = ?2, title = ?3, slots = ?4, photo_id = ?5, "
    "target_url = ?6, starts_at = ?7, ends_at = ?8, weight = ?9, section_id = ?10, "
    "active = ?11, updated_at = ?12 WHERE id = ?1"};
inline const Sql kSetActive{"UPDATE ad_campaigns SET active = ?2, updated_at = ?3 WHERE id = ?1"};
inline const Sql kCampaignById{"SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns WHERE id = ?1"};
inline const Sql kCampaigns{"SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns ORDER BY id DESC"};
inline const Sql kServable{"SELECT " SINMUN_AD_COLUMNS
                           " FROM ad_campaigns WHERE active AND ends_at > ?1 ORDER BY id"};
inline const Sql kCampaignExists{"SELECT 1 FROM ad_campaigns WHERE id = ?1"};
inline const Sql kAddCounts{
    "INSERT INTO ad_daily_counts (campaign_id, day, slot, impressions, clicks) "
    "SELECT id, ?2, ?3, ?4, ?5 FROM ad_campaigns WHERE id = ?1 "
    "ON CONFLICT (campaign_id, day, slot) DO UPDATE SET "
    "impressions = ad_daily_counts.impressions + excluded.impressions, "
    "clicks = ad_daily_counts.clicks + excluded.clicks"};
inline const Sql kCountsByDay{
    "SELECT day, SUM(impressions){::bigint}, SUM(clicks){::bigint} FROM ad_daily_counts "
    "WHERE campaign_id = ?1 GROUP BY day ORDER BY day"};

#undef SINMUN_AD_COLUMNS

// One campaign write that must change a row: kNotFound otherwise; then the change every
// campaign write appends (article id 0), for the rotation and the page cache.
template <typename Backend, typename... Params>
Result<> UpdateCampaign(Backend& backend, AdCampaignId id, const Sql& sql,
                        const Params&... params) {
  return backend.OnWriteTransaction([&](auto& db) -> Result<> {
    const Result<std::int64_t> changed = ReadAffected(Query(db, sql, id, params...));
    if (!changed) return tl::unexpected(ExplainAdCampaignWriteError(changed.error()));
    if (*changed == 0) return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", id));
    return LogSiteChange(db, "ads");
  });
}

}  // namespace ad_sql

template <typename B>
Result<AdCampaignId> SqlStore<B>::InsertAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return tl::unexpected(valid.error());
  const std::string slots = JoinAdSlots(campaign.slots);
  return backend().OnWriteTransaction([&](auto& db) -> Result<AdCampaignId> {
    const Result<std::int64_t> id = ReadCount(Query(
        db, ad_sql::kInsertCampaign, campaign.advertiser, campaign.title, slots, campaign.photo_id,
        campaign.target_url, campaign.starts_at, campaign.ends_at, std::int64_t{campaign.weight},
        campaign.section_id, campaign.active, campaign.created_at, campaign.updated_at));
    if (!id) return tl::unexpected(ExplainAdCampaignWriteError(id.error()));
    if (Result<> done = LogSiteChange(db, "ads"); !done) return tl::unexpected(done.error());
    return *id;
  });
}

template <typename B>
Result<> SqlStore<B>::UpdateAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return valid;
  return ad_sql::UpdateCampaign(backend(), campaign.id, ad_sql::kUpdateCampaign,
                                campaign.advertiser, campaign.title, JoinAdSlots(campaign.slots),
                                campaign.photo_id, campaign.target_url, campaign.starts_at,
                                campaign.ends_at, std::int64_t{campaign.weight},
                                campaign.section_id, campaign.active, campaign.updated_at);
}

template <typename B>
Result<> SqlStore<B>::SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) {
  return ad_sql::UpdateCampaign(backend(), id, ad_sql::kSetActive, active, at);
}

template <typename B>
Result<AdCampaign> SqlStore<B>::AdCampaignById(AdCampaignId id) const {
  return ReadOneOn<AdCampaign>(
      backend(), [](const auto& row) { return rows::ReadAdCampaign(row); },
      fmt::format("no ad campaign {}", id), ad_sql::kCampaignById, id);
}

template <typename B>
Result<std::vector<AdCampaign>> SqlStore<B>::AdCampaigns() const {
  return ReadAllOn<AdCampaign>(
      backend(), [](const auto& row) { return rows::ReadAdCampaign(row); }, ad_sql::kCampaigns);
}

template <typename B>
Result<std::vector<AdCampaign>> SqlStore<B>::ServableAdCampaigns(Timestamp now) const {
  return ReadAllOn<AdCampaign>(
      backend(), [](const auto& row) { return rows::ReadAdCampaign(row); }, ad_sql::kServable, now);
}

template <typename B>
Result<> SqlStore<B>::AddAdCounts(const std::vector<AdCountDelta>& deltas) {
  for (const AdCountDelta& delta : deltas) {
    if (delta.impressions < 0 || delta.clicks < 0 || delta.slot.empty()) {
      return Fail(ErrorCode::kInvalidInput, "ad counts: negative count or empty slot");
    }
  }
  if (deltas.empty()) return {};
  return backend().OnWriteTransaction([&](auto& db) -> Result<> {
    for (const AdCountDelta& delta : deltas) {
      if (delta.impressions == 0 && delta.clicks == 0) continue;
      const Result<> done = Write(db, ad_sql::kAddCounts, delta.campaign_id, delta.day,
                                  std::string_view(delta.slot), delta.impressions, delta.clicks);
      if (!done) return done;
    }
    return Result<>{};
  });
}

template <typename B>
Result<std::vector<AdDayCounts>> SqlStore<B>::AdCountsByDay(AdCampaignId id) const {
  return backend().OnSnapshot([id](auto& db) -> Result<std::vector<AdDayCounts>> {
    const Result<> exists = row_checks::RequireRow(db, fmt::format("no ad campaign {}", id),
                                                   ad_sql::kCampaignExists, id);
    if (!exists) return tl::unexpected(exists.error());
    return ReadAll<AdDayCounts>(Query(db, ad_sql::kCountsByDay, id), [](const auto& row) {
      return AdDayCounts{.day = row.Int(0), .impressions = row.Int(1), .clicks = row.Int(2)};
    });
  });
}

}  // namespace sinmun::store
