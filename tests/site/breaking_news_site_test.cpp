// The breaking-news ticker (issue #18) on the site: set in the store, it shows on pages the
// cache already holds, without the change sequence moving (no page is rendered again); it
// goes away at its expiry or when taken down; it is never counted as an ad impression.

#include <gmock/gmock.h>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class BreakingNewsSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    // The fixture reads the ticker for every page: no test waits for the refresh.
    MakeSite("ko", 60);
    article_ = Insert(sinmun::testing::MakeArticle(sections_[0].id, "평범한 기사", kNow - kHour));
  }
  store::ArticleId article_ = 0;
};

TEST_F(BreakingNewsSiteTest, ATickerShowsOnCachedPagesWithoutDroppingThem) {
  const std::string path = "/article/" + std::to_string(article_);
  const http::Response before = Get(path);
  ASSERT_EQ(before.status, 200);
  EXPECT_THAT(Body(before), Not(HasSubstr("breaking-news")));
  EXPECT_THAT(Body(before), Not(HasSubstr("sinmun-ad:breaking")));  // the marker never shows
  EXPECT_THAT(GetBody("/"), Not(HasSubstr("breaking-news")));
  const std::int64_t sequence = store_->ChangeSequence().value();

  store_
      ->SetBreaking({.text = "[속보] 국회 본회의 통과",
                     .url = path,
                     .starts_at = kNow,
                     .expires_at = kNow + 600})
      .value();
  EXPECT_EQ(store_->ChangeSequence().value(), sequence);
  for (const std::string& page : {path, std::string("/"), std::string("/corrections")}) {
    const http::Response after = Get(page);
    ASSERT_EQ(after.status, 200) << page;
    EXPECT_THAT(Body(after), HasSubstr("[속보] 국회 본회의 통과")) << page;
    EXPECT_THAT(Body(after), HasSubstr("href=\"" + path + "\"")) << page;
  }
  // A new representation: a browser holding the old page does not keep it.
  EXPECT_NE(Get(path).body.etag, before.body.etag);

  ASSERT_TRUE(store_->ClearBreaking(kNow));
  EXPECT_THAT(GetBody(path), Not(HasSubstr("국회 본회의")));
}

TEST_F(BreakingNewsSiteTest, AnExpiredTickerIsGoneAtOnce) {
  store_->SetBreaking({.text = "[속보] 곧 끝남", .starts_at = kNow - 600, .expires_at = kNow})
      .value();
  EXPECT_THAT(GetBody("/"), Not(HasSubstr("곧 끝남")));
}

}  // namespace
}  // namespace sinmun::site
