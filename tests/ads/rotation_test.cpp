// Which banner a slot shows: weights, live windows, section targeting, refresh (issue #7).
#include "ads/rotation.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "counters/manual_clock.hpp"
#include "support/test_store.hpp"

namespace sinmun::ads {
namespace {

constexpr Timestamp kRotationNow = 1'714'705'200;
const std::size_t kTop = *SlotIndex("top");
const std::size_t kRight = *SlotIndex("right_1");

LiveBanner Banner(store::AdCampaignId id, int weight, Timestamp starts_at = kRotationNow - 60,
                  Timestamp ends_at = kRotationNow + 60, std::string section = "") {
  return LiveBanner{.campaign = id,
                    .weight = weight,
                    .starts_at = starts_at,
                    .ends_at = ends_at,
                    .section = std::move(section)};
}

LiveSet SetOf(std::vector<LiveBanner> top) {
  std::array<std::vector<LiveBanner>, kSlots.size()> per_slot;
  per_slot[kTop] = std::move(top);
  return LiveSet(1, kRotationNow, std::move(per_slot));
}

TEST(RotationTest, ChoicesFollowTheWeights) {
  const LiveSet set = SetOf({Banner(1, 1), Banner(2, 2), Banner(3, 7)});
  std::mt19937_64 random(20240503);  // fixed seed: the test is reproducible
  constexpr int kDraws = 100'000;
  std::map<store::AdCampaignId, int> seen;
  for (int i = 0; i < kDraws; ++i) ++seen[set.Pick(kTop, "", kRotationNow, random())->campaign];
  // Pearson's chi-square against weights 1:2:7; 13.82 is the 0.999 quantile for 2 degrees of
  // freedom, so a correct rotation fails this about once in a thousand seeds.
  const std::map<store::AdCampaignId, double> expected = {
      {1, kDraws * 0.1}, {2, kDraws * 0.2}, {3, kDraws * 0.7}};
  double chi_square = 0;
  for (const auto& [id, count] : expected) {
    const double diff = seen[id] - count;
    chi_square += diff * diff / count;
  }
  EXPECT_LT(chi_square, 13.82) << seen[1] << " " << seen[2] << " " << seen[3];
  // And a rotation that ignored weights would be far off: each share within 1 point.
  EXPECT_NEAR(seen[3] / double(kDraws), 0.7, 0.01);
  EXPECT_NEAR(seen[1] / double(kDraws), 0.1, 0.01);
}

// A slot rotates when more than one campaign may fill it on the page's section: what makes a
// cached page keep pieces to join each response's banner (site/ad_splice.hpp).
TEST(RotationTest, ASlotRotatesWithMoreThanOneCampaignForTheSection) {
  const LiveSet one = SetOf({Banner(1, 1)});
  EXPECT_TRUE(one.MayFill(kTop, "politics"));
  EXPECT_FALSE(one.Rotates(kTop, "politics"));
  const LiveSet two = SetOf({Banner(1, 1), Banner(2, 5, kRotationNow + 60, kRotationNow + 120)});
  EXPECT_TRUE(two.Rotates(kTop, "politics"));
  EXPECT_FALSE(two.Rotates(kRight, "politics"));  // nothing there
  const LiveSet elsewhere =
      SetOf({Banner(1, 1), Banner(2, 1, kRotationNow - 60, kRotationNow + 60, "economy")});
  EXPECT_FALSE(elsewhere.Rotates(kTop, "politics"));
  EXPECT_TRUE(elsewhere.Rotates(kTop, "economy"));
  EXPECT_FALSE(elsewhere.Rotates(kSlots.size(), "economy"));  // no such slot
}

TEST(RotationTest, ExpiredFutureAndOtherSectionsNeverShow) {
  const LiveSet set =
      SetOf({Banner(1, 100, kRotationNow - 3600, kRotationNow),      // ended at now
             Banner(2, 100, kRotationNow + 1, kRotationNow + 3600),  // starts in a second
             Banner(3, 1),                                           // live, everywhere
             Banner(4, 100, kRotationNow - 60, kRotationNow + 60, "economy")});
  std::mt19937_64 random(7);
  std::set<store::AdCampaignId> on_politics, on_economy;
  for (int i = 0; i < 2000; ++i) {
    on_politics.insert(set.Pick(kTop, "politics", kRotationNow, random())->campaign);
    on_economy.insert(set.Pick(kTop, "economy", kRotationNow, random())->campaign);
  }
  EXPECT_EQ(on_politics, (std::set<store::AdCampaignId>{3}));
  EXPECT_EQ(on_economy, (std::set<store::AdCampaignId>{3, 4}));
  // A second later the future campaign is live; its start is a boundary the rotation watches.
  EXPECT_EQ(
      SetOf({Banner(2, 1, kRotationNow + 1, kRotationNow + 3600), Banner(3, 1)}).next_boundary(),
      kRotationNow + 1);
  bool future_shown = false;
  for (int i = 0; i < 200; ++i) {
    future_shown = future_shown || set.Pick(kTop, "", kRotationNow + 1, random())->campaign == 2;
  }
  EXPECT_TRUE(future_shown);
  EXPECT_EQ(set.Pick(kRight, "", kRotationNow, random()), nullptr);  // no campaign: empty slot
  EXPECT_EQ(
      SetOf({Banner(1, 5, kRotationNow - 10, kRotationNow)}).Pick(kTop, "", kRotationNow, random()),
      nullptr);
}

class RotationStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> store_ = testing::OpenTestStore(testing::Backend::kSqlite);
  counters::ManualClock clock_{kRotationNow};
  int made_ = 0;
  Rotation rotation_{store_.get(), &clock_,
                     [this](const store::AdCampaign& campaign, const SlotSpec& slot) {
                       ++made_;
                       return BannerBytes{.html = campaign.title + "@" + std::string(slot.name)};
                     },
                     Rotation::Options{.check_interval = std::chrono::milliseconds(0)}};

  store::AdCampaignId Add(std::string title, Timestamp starts_at, Timestamp ends_at) {
    return store_
        ->InsertAdCampaign({.advertiser = "광고주",
                            .title = std::move(title),
                            .slots = {"top"},
                            .target_url = "https://example.com/",
                            .starts_at = starts_at,
                            .ends_at = ends_at,
                            .weight = 1})
        .value();
  }
};

TEST_F(RotationStoreTest, FollowsTheStoreAndTheClockWithoutAQueryPerRequest) {
  EXPECT_EQ(rotation_.Current()->Pick(kTop, "", kRotationNow, 0), nullptr);
  const store::AdCampaignId id = Add("가을 세일", kRotationNow - 10, kRotationNow + 100);
  const LiveBanner* banner = rotation_.Current()->Pick(kTop, "", kRotationNow, 0);
  ASSERT_NE(banner, nullptr);
  EXPECT_EQ(banner->campaign, id);
  EXPECT_EQ(banner->bytes.html, "가을 세일@top");
  const int made = made_;
  for (int i = 0; i < 10; ++i) rotation_.Current();  // nothing changed: nothing made again
  EXPECT_EQ(made_, made);

  ASSERT_TRUE(store_->SetAdCampaignActive(id, false, kRotationNow).has_value());  // paused
  EXPECT_EQ(rotation_.Current()->Pick(kTop, "", kRotationNow, 0), nullptr);
  ASSERT_TRUE(store_->SetAdCampaignActive(id, true, kRotationNow).has_value());
  EXPECT_NE(rotation_.Current()->Pick(kTop, "", kRotationNow, 0), nullptr);
  clock_.Set(kRotationNow + 100);  // ended: the boundary drops it from the set
  EXPECT_EQ(rotation_.Current()->size(), 0u);
}

// A page cut for the cache needs the campaigns as of the changes its lookup knew of: the set
// it has when that set covers them (no store read per page miss, issue #14), else a new one.
TEST_F(RotationStoreTest, CoveringReadsTheStoreOnlyForChangesItsSetMayLack) {
  Add("가을 세일", kRotationNow - 10, kRotationNow + 100);
  ASSERT_TRUE(rotation_.Refresh().has_value());
  const std::int64_t known = store_->ChangeSequence().value();
  EXPECT_EQ(rotation_.CurrentCovering(known)->size(), 1u);

  const store::AdCampaignId later = Add("겨울 세일", kRotationNow - 10, kRotationNow + 200);
  const std::int64_t moved = store_->ChangeSequence().value();
  ASSERT_GT(moved, known);
  EXPECT_EQ(rotation_.CurrentCovering(known)->size(), 1u);  // the caller knew of nothing newer
  const std::shared_ptr<const LiveSet> covering = rotation_.CurrentCovering(moved);
  EXPECT_EQ(covering->size(), 2u);
  EXPECT_GE(covering->sequence(), moved);

  ASSERT_TRUE(store_->SetAdCampaignActive(later, false, kRotationNow).has_value());
  EXPECT_EQ(rotation_.CurrentCovering(-1)->size(), 1u);  // nothing known: read
  clock_.Set(kRotationNow + 100);  // the first campaign ended: its boundary makes the set again
  EXPECT_EQ(rotation_.CurrentCovering(store_->ChangeSequence().value())->size(), 0u);
}

}  // namespace
}  // namespace sinmun::ads
