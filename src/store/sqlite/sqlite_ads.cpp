// SqliteStore: sponsor banner campaigns and their daily impressions and clicks (issue #7).

#include <fmt/format.h>

#include <ctime>
#include <set>
#include <string>
#include <utility>

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

std::vector<std::string> SplitSlots(const std::string& text) {
  std::vector<std::string> slots;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) slots.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return slots;
}

std::string JoinSlots(const std::vector<std::string>& slots) {
  std::string text;
  for (const std::string& slot : slots) {
    if (!text.empty()) text += ' ';
    text += slot;
  }
  return text;
}

AdCampaign ReadCampaign(const Statement& row) {
  return AdCampaign{.id = row.Int(0),
                    .advertiser = row.Text(1),
                    .title = row.Text(2),
                    .slots = SplitSlots(row.Text(3)),
                    .photo_id = row.OptionalInt(4),
                    .target_url = row.Text(5),
                    .starts_at = row.Int(6),
                    .ends_at = row.Int(7),
                    .weight = static_cast<int>(row.Int(8)),
                    .section_id = row.OptionalInt(9),
                    .active = row.Int(10) != 0,
                    .created_at = row.Int(11),
                    .updated_at = row.Int(12)};
}

bool IsSlotName(const std::string& slot) {
  if (slot.empty() || slot.size() > 40) return false;
  for (const char c : slot) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsTargetUrl(std::string_view url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return false;
  if (url.size() > 2000) return false;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

// The content rules of store.hpp that the schema does not check itself.
Result<> CheckCampaign(const AdCampaign& campaign) {
  auto invalid = [](std::string detail) {
    return Fail(ErrorCode::kInvalidInput, std::move(detail));
  };
  if (campaign.advertiser.empty()) return invalid("ad campaign: empty advertiser");
  if (campaign.title.empty() || campaign.title.find_first_of("\r\n") != std::string::npos) {
    return invalid("ad campaign: empty title or more than one line");
  }
  if (campaign.slots.empty()) return invalid("ad campaign: no slot");
  std::set<std::string> seen;
  for (const std::string& slot : campaign.slots) {
    if (!IsSlotName(slot)) return invalid(fmt::format("ad campaign: bad slot name '{}'", slot));
    if (!seen.insert(slot).second) return invalid(fmt::format("ad campaign: slot {} twice", slot));
  }
  if (!IsTargetUrl(campaign.target_url))
    return invalid("ad campaign: target is not an http(s) URL");
  if (campaign.starts_at >= campaign.ends_at) return invalid("ad campaign: ends before it starts");
  if (campaign.weight < 1 || campaign.weight > 1000)
    return invalid("ad campaign: weight not 1..1000");
  return {};
}

// Unknown photo or section ids are foreign-key violations (kInvalidInput): say which.
Error Explained(Error error) {
  if (error.code == ErrorCode::kInvalidInput)
    error.detail = "ad campaign: unknown photo or section";
  return error;
}

Timestamp WallClock() { return static_cast<Timestamp>(std::time(nullptr)); }

}  // namespace

Result<AdCampaignId> SqliteStore::InsertAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckCampaign(campaign); !valid) return tl::unexpected(valid.error());
  const std::string slots = JoinSlots(campaign.slots);
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  const Result<> inserted =
      Write(*writer_, kInsertCampaign, campaign.advertiser, campaign.title, slots,
            campaign.photo_id, campaign.target_url, campaign.starts_at, campaign.ends_at,
            std::int64_t{campaign.weight}, campaign.section_id,
            std::int64_t{campaign.active ? 1 : 0}, campaign.created_at, campaign.updated_at);
  if (!inserted) return tl::unexpected(Explained(inserted.error()));
  const AdCampaignId id = writer_->LastInsertId();
  if (Result<> done = Write(*writer_, kInsertAdsChange, WallClock()); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return id;
}

Result<> SqliteStore::UpdateAdCampaign(const AdCampaign& campaign) {
  if (Result<> valid = CheckCampaign(campaign); !valid) return valid;
  const std::string slots = JoinSlots(campaign.slots);
  std::lock_guard lock(writer_mutex_);
  Result<Transaction> transaction = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  const Result<> updated =
      Write(*writer_, kUpdateCampaign, campaign.id, campaign.advertiser, campaign.title, slots,
            campaign.photo_id, campaign.target_url, campaign.starts_at, campaign.ends_at,
            std::int64_t{campaign.weight}, campaign.section_id,
            std::int64_t{campaign.active ? 1 : 0}, campaign.updated_at);
  if (!updated) return tl::unexpected(Explained(updated.error()));
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
    return ReadOne<AdCampaign>(Query(connection, kCampaignById, id), ReadCampaign,
                               fmt::format("no ad campaign {}", id));
  });
}

Result<std::vector<AdCampaign>> SqliteStore::AdCampaigns() const {
  return WithPooledReader([](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kCampaigns), ReadCampaign);
  });
}

Result<std::vector<AdCampaign>> SqliteStore::ServableAdCampaigns(Timestamp now) const {
  return WithPooledReader([now](Connection& connection) {
    return ReadAll<AdCampaign>(Query(connection, kServable, now), ReadCampaign);
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
