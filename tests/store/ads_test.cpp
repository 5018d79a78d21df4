// Sponsor banner campaigns and their counts (issue #7) on every backend.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;

using testing::kNow;

class StoreAdsTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);

  static AdCampaign Campaign(std::string title, Timestamp starts_at = kNow - 3600,
                             Timestamp ends_at = kNow + 3600) {
    return AdCampaign{.advertiser = "대전상회",
                      .title = std::move(title),
                      .slots = {"top", "right_1"},
                      .target_url = "https://shop.example.com/sale?a=1",
                      .starts_at = starts_at,
                      .ends_at = ends_at,
                      .weight = 3,
                      .created_at = kNow,
                      .updated_at = kNow};
  }
};

TEST_P(StoreAdsTest, InsertedCampaignReadsBackWhole) {
  AdCampaign campaign = Campaign("가을 세일");
  campaign.section_id = sections_[1].id;
  const AdCampaignId id = store_->InsertAdCampaign(campaign).value();
  campaign.id = id;
  EXPECT_EQ(store_->AdCampaignById(id).value(), campaign);
  EXPECT_EQ(ErrorCodeOf(store_->AdCampaignById(id + 1)), ErrorCode::kNotFound);
}

TEST_P(StoreAdsTest, CampaignWritesMoveTheChangeSequence) {
  const std::int64_t before = store_->ChangeSequence().value();
  const AdCampaignId id = store_->InsertAdCampaign(Campaign("가")).value();
  const std::int64_t inserted = store_->ChangeSequence().value();
  EXPECT_GT(inserted, before);
  ASSERT_TRUE(store_->SetAdCampaignActive(id, false, kNow).has_value());
  EXPECT_GT(store_->ChangeSequence().value(), inserted);
}

TEST_P(StoreAdsTest, RefusesBrokenCampaigns) {
  auto code = [&](auto change) {
    AdCampaign campaign = Campaign("가");
    change(campaign);
    return ErrorCodeOf(store_->InsertAdCampaign(campaign));
  };
  EXPECT_EQ(code([](AdCampaign& c) { c.advertiser = ""; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.title = "두\n줄"; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.slots = {}; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.slots = {"top", "top"}; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.slots = {"Top Slot"}; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.target_url = "javascript:alert(1)"; }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.target_url = "https://a.example/ b"; }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.ends_at = c.starts_at; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.weight = 0; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.weight = 1001; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.section_id = 999'999; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(code([](AdCampaign& c) { c.photo_id = 999'999; }), ErrorCode::kInvalidInput);
  EXPECT_TRUE(store_->AdCampaigns().value().empty());
}

TEST_P(StoreAdsTest, UpdateSavesEverythingButCreation) {
  const AdCampaignId id = store_->InsertAdCampaign(Campaign("가")).value();
  AdCampaign changed = Campaign("나");
  changed.id = id;
  changed.slots = {"in_list"};
  changed.weight = 7;
  changed.created_at = kNow + 99;
  changed.updated_at = kNow + 10;
  ASSERT_TRUE(store_->UpdateAdCampaign(changed).has_value());
  const AdCampaign read = store_->AdCampaignById(id).value();
  EXPECT_EQ(read.title, "나");
  EXPECT_EQ(read.slots, std::vector<std::string>{"in_list"});
  EXPECT_EQ(read.weight, 7);
  EXPECT_EQ(read.created_at, kNow);
  EXPECT_EQ(read.updated_at, kNow + 10);
  changed.id = id + 100;
  EXPECT_EQ(ErrorCodeOf(store_->UpdateAdCampaign(changed)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->SetAdCampaignActive(id + 100, true, kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreAdsTest, ServableLeavesOutPausedAndEndedButKeepsFutureOnes) {
  const AdCampaignId live = store_->InsertAdCampaign(Campaign("지금")).value();
  const AdCampaignId future =
      store_->InsertAdCampaign(Campaign("다음 주", kNow + 7 * 86400, kNow + 14 * 86400)).value();
  store_->InsertAdCampaign(Campaign("지난달", kNow - 60 * 86400, kNow - 30 * 86400)).value();
  store_->InsertAdCampaign(Campaign("방금 끝남", kNow - 3600, kNow)).value();
  const AdCampaignId paused = store_->InsertAdCampaign(Campaign("중지")).value();
  ASSERT_TRUE(store_->SetAdCampaignActive(paused, false, kNow).has_value());

  std::vector<AdCampaignId> ids;
  const std::vector<AdCampaign> servable = store_->ServableAdCampaigns(kNow).value();
  for (const AdCampaign& campaign : servable) {
    ids.push_back(campaign.id);
  }
  EXPECT_EQ(ids, (std::vector<AdCampaignId>{live, future}));
  EXPECT_EQ(store_->AdCampaigns().value().size(), 5u);
  EXPECT_EQ(store_->AdCampaigns().value().front().id, paused);  // newest first
}

TEST_P(StoreAdsTest, CountsAddUpPerDayOverSlots) {
  const AdCampaignId a = store_->InsertAdCampaign(Campaign("가")).value();
  const AdCampaignId b = store_->InsertAdCampaign(Campaign("나")).value();
  ASSERT_TRUE(store_
                  ->AddAdCounts({{a, "top", 19'700, 10, 1},
                                 {a, "right_1", 19'700, 5, 0},
                                 {b, "top", 19'700, 4, 4},
                                 {999'999, "top", 19'700, 3, 3},  // unknown: left out
                                 {a, "top", 19'701, 2, 0}})
                  .has_value());
  ASSERT_TRUE(store_->AddAdCounts({{a, "top", 19'700, 1, 1}}).has_value());
  EXPECT_EQ(store_->AdCountsByDay(a).value(),
            (std::vector<AdDayCounts>{{19'700, 16, 2}, {19'701, 2, 0}}));
  EXPECT_EQ(store_->AdCountsByDay(b).value(), (std::vector<AdDayCounts>{{19'700, 4, 4}}));
  EXPECT_EQ(ErrorCodeOf(store_->AdCountsByDay(999'999)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->AddAdCounts({{a, "top", 19'700, -1, 0}})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->AdCountsByDay(a).value().front().impressions, 16);
}

TEST_P(StoreAdsTest, AdManagerRoleIsStoredByName) {
  const UserId id = store_
                        ->InsertUser(NewUser{.email = "ads@example.com",
                                             .name = "광고담당",
                                             .role = Role::kAdManager,
                                             .password_hash = "x",
                                             .created_at = kNow})
                        .value();
  EXPECT_EQ(store_->UserById(id).value().role, Role::kAdManager);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreAdsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
