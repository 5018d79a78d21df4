// The newsroom's sponsor banner pages (issue #7): campaigns created, edited, paused and
// resumed through the forms; the daily report as a page and as CSV.

#include <gmock/gmock.h>

#include "ads/slots.hpp"
#include "core/time.hpp"
#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AdsAdminTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    AddUser("ads@example.com", store::Role::kAdManager);
    ASSERT_EQ(Login(manager_, "ads@example.com").status, 303);
  }

  Fields Form(std::string title = "가을 세일") const {
    return {{"advertiser", "대전상회"},
            {"title", std::move(title)},
            {"slot", "top"},
            {"slot", "right_1"},
            {"target_url", "https://shop.example.com/sale"},
            {"starts_at", "2024-05-03T09:00"},
            {"ends_at", "2024-06-03T09:00"},
            {"weight", "5"},
            {"section", std::to_string(sections_[1].id)},
            {"active", "1"}};
  }

  Browser manager_;
};

TEST_F(AdsAdminTest, AnAdManagerCreatesACampaignFromTheForm) {
  EXPECT_EQ(Get(manager_, "/newsroom/ads/new").status, 200);
  const http::Response created = Act(manager_, "/newsroom/ads", Form());
  ASSERT_EQ(created.status, 303) << Body(created);
  EXPECT_EQ(Header(created, "Location"), "/newsroom/ads?saved=1");

  const std::vector<store::AdCampaign> campaigns = store_->AdCampaigns().value();
  ASSERT_EQ(campaigns.size(), 1u);
  const store::AdCampaign& campaign = campaigns[0];
  EXPECT_EQ(campaign.advertiser, "대전상회");
  EXPECT_EQ(campaign.slots, (std::vector<std::string>{"top", "right_1"}));
  EXPECT_EQ(campaign.starts_at, *ParseKst("2024-05-03 09:00"));  // read as KST
  EXPECT_EQ(campaign.ends_at, *ParseKst("2024-06-03 09:00"));
  EXPECT_EQ(campaign.weight, 5);
  EXPECT_EQ(campaign.section_id, sections_[1].id);
  EXPECT_TRUE(campaign.active);
  EXPECT_FALSE(campaign.photo_id.has_value());
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"ad_campaign_add"});

  const std::string list = Body(Get(manager_, "/newsroom/ads"));
  EXPECT_THAT(list, HasSubstr("가을 세일"));
  EXPECT_THAT(list, HasSubstr("2024-05-03 09:00 ~ 2024-06-03 09:00"));
  EXPECT_THAT(list, HasSubstr("게재 중"));
}

TEST_F(AdsAdminTest, ABadFormIsShownAgainWithItsMessageAndStoresNothing) {
  Fields no_slot = Form();
  no_slot.erase(no_slot.begin() + 2, no_slot.begin() + 4);
  Fields backwards = Form();
  backwards[6].second = "2024-04-03T09:00";  // ends before it starts
  Fields script = Form();
  script[4].second = "javascript:alert(1)";
  Fields unknown_slot = Form();
  unknown_slot[2].second = "nowhere";
  for (const Fields& fields : {no_slot, backwards, script, unknown_slot}) {
    const http::Response response = Act(manager_, "/newsroom/ads", fields);
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(Body(response), HasSubstr("nr-message-error"));
    EXPECT_EQ(InputValue(Body(response), "advertiser"), "대전상회");  // kept as typed
  }
  EXPECT_TRUE(store_->AdCampaigns().value().empty());
}

TEST_F(AdsAdminTest, EditPauseAndResume) {
  ASSERT_EQ(Act(manager_, "/newsroom/ads", Form()).status, 303);
  const store::AdCampaignId id = store_->AdCampaigns().value().front().id;
  const std::string path = "/newsroom/ads/" + std::to_string(id);
  EXPECT_EQ(InputValue(Body(Get(manager_, path)), "starts_at"), "2024-05-03T09:00");

  Fields changed = Form("겨울 세일");
  changed.erase(changed.begin() + 8);  // every section
  ASSERT_EQ(Act(manager_, path, changed).status, 303);
  store::AdCampaign campaign = store_->AdCampaignById(id).value();
  EXPECT_EQ(campaign.title, "겨울 세일");
  EXPECT_FALSE(campaign.section_id.has_value());

  ASSERT_EQ(Act(manager_, path + "/active", {{"active", "0"}}).status, 303);
  EXPECT_FALSE(store_->AdCampaignById(id).value().active);
  EXPECT_THAT(Body(Get(manager_, "/newsroom/ads")), HasSubstr("중지됨"));
  ASSERT_EQ(Act(manager_, path + "/active", {{"active", "1"}}).status, 303);
  EXPECT_TRUE(store_->AdCampaignById(id).value().active);
  EXPECT_EQ(Act(manager_, path + "/active", {{"active", "maybe"}}).status, 400);
  EXPECT_EQ(Get(manager_, "/newsroom/ads/999999").status, 404);
}

TEST_F(AdsAdminTest, ReportShowsDaysWithCtrAsAPageAndAsCsv) {
  ASSERT_EQ(Act(manager_, "/newsroom/ads", Form()).status, 303);
  const store::AdCampaignId id = store_->AdCampaigns().value().front().id;
  const std::int64_t day = ads::KstDay(*ParseKst("2024-05-03 12:00"));
  ASSERT_TRUE(store_
                  ->AddAdCounts({{id, "top", day, 1000, 25},
                                 {id, "right_1", day, 200, 5},
                                 {id, "top", day + 1, 400, 0}})
                  .has_value());
  const std::string page = Body(Get(manager_, "/newsroom/ads/" + std::to_string(id) + "/report"));
  EXPECT_THAT(page,
              HasSubstr("<tr><td>2024-05-03</td><td>1200</td><td>30</td><td>2.50%</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><td>2024-05-04</td><td>400</td><td>0</td><td>0.00%</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<td>1600</td><td>30</td><td>1.88%</td>"));  // the totals

  const http::Response csv = Get(manager_, "/newsroom/ads/" + std::to_string(id) + "/report.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(Header(csv, "Content-Disposition"), HasSubstr("attachment"));
  EXPECT_EQ(Body(csv),
            "date,impressions,clicks,ctr\r\n"
            "2024-05-03,1200,30,2.50%\r\n"
            "2024-05-04,400,0,0.00%\r\n");
  EXPECT_EQ(Get(manager_, "/newsroom/ads/999999/report.csv").status, 404);
}

TEST_F(AdsAdminTest, AnAdManagerSeesOnlyTheBannersInTheNav) {
  const std::string html = Body(Get(manager_, "/newsroom/ads"));
  EXPECT_THAT(html, HasSubstr("href=\"/newsroom/ads\""));
  EXPECT_THAT(html, Not(HasSubstr("href=\"/newsroom/articles/new\"")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"/newsroom/admin\"")));
  EXPECT_EQ(Header(Get(manager_, "/newsroom"), "Location"), "/newsroom/ads");
}

}  // namespace
}  // namespace sinmun::newsroom
