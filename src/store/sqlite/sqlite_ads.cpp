// SqliteStore: sponsor banner campaigns and their daily impressions and clicks (issue #7).

#include <fmt/format.h>

#include <ctime>
#include <string>
#include <utility>

#include "store/ad_rules.hpp"
#include "store/row_records.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/query.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sinmun::store::sqlite {
namespace {

#define SINMUN_AD_COLUMNS                                                            \
  "id, advertiser, title, slots, photo_id, target_url, starts_at, ends_at, weight, " \
  "section_id, active, created_at, updated_at"

constexpr char kInsertCampaign[] =
    "INSERT INTO ad_campaigns (advertiser, title, slots, photo_id, target_url, starts_at, "
    "ends_at, weight, section_id, active, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr char kUpdateCampaign[] =
    "UPDATE ad_campaigns SET advertiser = ?2, title = ?3, slots = ?4, photo_id = ?5, "
    "target_url = ?6, starts_at = ?7, ends_at = ?8, weight = ?9, section_id = ?10, "
    "active = ?11, updated_at = ?12 WHERE id = ?1";
constexpr char kSetActive[] = "UPDATE ad_campaigns SET active = ?2, updated_at = ?3 WHERE id = ?1";
constexpr char kCampaignById[] = "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns WHERE id = ?1";
constexpr char kCampaigns[] = "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns ORDER BY id DESC";
constexpr char kServable[] =
    "SELECT " SINMUN_AD_COLUMNS " FROM ad_campaigns WHERE active = 1 AND ends_at > ?1 ORDER BY id";
constexpr char kCampaignExists[] = "SELECT COUNT(*) FROM ad_campaigns WHERE id = ?1";
constexpr char kAddCounts[] =
    "INSERT INTO ad_daily_counts (campaign_id, day, slot, impressions, clicks) "
    "SELECT id, ?2, ?3, ?4, ?5 FROM ad_campaigns WHERE id = ?1 "
    "ON CONFLICT (campaign_id, day, slot) DO UPDATE SET "
    "impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks";
constexpr char kCountsByDay[] =
    "SELECT day, SUM(impressions), SUM(clicks) FROM ad_daily_counts WHERE campaign_id = ?1 "
    "GROUP BY day ORDER BY day";
// A change that is not about one article: article_id 0 (see store.hpp).
constexpr char kInsertAdsChange[] =
    "INSERT INTO changes (article_id, kind, at) VALUES (0, 'ads', ?1)";

#undef SINMUN_AD_COLUMNS

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

}  // namespace

Result<AdCampaignId> SqliteStore::InsertAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return tl::unexpected(valid.error());
  const std::string slots = JoinAdSlots(campaign.slots);
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  const Result<> inserted =
      Write(*writer_, kInsertCampaign, campaign.advertiser, campaign.title, slots,
            campaign.photo_id, campaign.target_url, campaign.starts_at, campaign.ends_at,
            std::int64_t{campaign.weight}, campaign.section_id,
            std::int64_t{campaign.active ? 1 : 0}, campaign.created_at, campaign.updated_at);
  if (!inserted) return tl::unexpected(ExplainAdCampaignWriteError(inserted.error()));
  const AdCampaignId id = writer_->LastInsertId();
  if (Result<> done = Write(*writer_, kInsertAdsChange, WallClock()); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return id;
}

Result<> SqliteStore::UpdateAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckAdCampaign(campaign); !valid) return valid;
  const std::string slots = JoinAdSlots(campaign.slots);
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  const Result<> updated =
      Write(*writer_, kUpdateCampaign, campaign.id, campaign.advertiser, campaign.title, slots,
            campaign.photo_id, campaign.target_url, campaign.starts_at, campaign.ends_at,
            std::int64_t{campaign.weight}, campaign.section_id,
            std::int64_t{campaign.active ? 1 : 0}, campaign.updated_at);
  if (!updated) return tl::unexpected(ExplainAdCampaignWriteError(updated.error()));
  if (sqlite3_changes(writer_->handle()) == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", campaign.id));
  }
  if (Result<> done = Write(*writer_, kInsertAdsChange, WallClock()); !done) return done;
  return transaction->Commit();
}

Result<> SqliteStore::SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) {
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = Write(*writer_, kSetActive, id, std::int64_t{active ? 1 : 0}, at); !done) {
    return done;
  }
  if (sqlite3_changes(writer_->handle()) == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", id));
  }
  if (Result<> done = Write(*writer_, kInsertAdsChange, WallClock()); !done) return done;
  return transaction->Commit();
}

Result<AdCampaign> SqliteStore::AdCampaignById(AdCampaignId id) const {
  return WithPooledReader([id](Connection& connection) {
    return ReadOne<AdCampaign>(Query(connection, kCampaignById, id),
                               rows::ReadAdCampaign<Statement>,
                               fmt::format("no ad campaign {}", id));
  });
}

Result<std::vector<AdCampaign>> SqliteStore::AdCampaigns() const {
  return WithPooledReader([](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kCampaigns), rows::ReadAdCampaign<Statement>);
  });
}

Result<std::vector<AdCampaign>> SqliteStore::ServableAdCampaigns(Timestamp now) const {
  return WithPooledReader([now](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kServable, now), rows::ReadAdCampaign<Statement>);
  });
}

Result<> SqliteStore::AddAdCounts(const std::vector<AdCountDelta>& deltas) {
  for (const AdCountDelta& delta : deltas) {
    if (delta.impressions < 0 || delta.clicks < 0 || delta.slot.empty()) {
      return Fail(ErrorCode::kInvalidInput, "ad counts: negative count or empty slot");
    }
  }
  if (deltas.empty()) return {};
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  for (const AdCountDelta& delta : deltas) {
    if (delta.impressions == 0 && delta.clicks == 0) continue;
    const Result<> done = Write(*writer_, kAddCounts, delta.campaign_id, delta.day,
                                std::string_view(delta.slot), delta.impressions, delta.clicks);
    if (!done) return done;
  }
  return transaction->Commit();
}

Result<std::vector<AdDayCounts>> SqliteStore::AdCountsByDay(AdCampaignId id) const {
  return WithPooledReader([id](Connection& connection) -> Result<std::vector<AdDayCounts>> {
    return InSnapshot(connection, [&]() -> Result<std::vector<AdDayCounts>> {
      const Result<std::int64_t> exists = ReadCount(Query(connection, kCampaignExists, id));
      if (!exists) return tl::unexpected(exists.error());
      if (*exists == 0) return Fail(ErrorCode::kNotFound, fmt::format("no ad campaign {}", id));
      return ReadAll<AdDayCounts>(Query(connection, kCountsByDay, id), [](const Statement& row) {
        return AdDayCounts{.day = row.Int(0), .impressions = row.Int(1), .clicks = row.Int(2)};
      });
    });
  });
}

}  // namespace sinmun::store::sqlite
