// Breaking news (issue #18) on every backend: the ticker in force, its expiry, taking it down,
// and that setting it leaves the change sequence (and so the pages' cache) alone.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::Must;

using testing::kNow;

class StoreBreakingNewsTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
};

TEST_P(StoreBreakingNewsTest, TheLatestTickerShowsUntilItExpiresOrIsTakenDown) {
  EXPECT_FALSE(Must(store_->BreakingAt(kNow)));
  const std::int64_t sequence = Must(store_->ChangeSequence());
  const std::int64_t first = Must(store_->SetBreaking({.text = "[속보] 첫 소식",
                                                       .url = "/article/1",
                                                       .starts_at = kNow,
                                                       .expires_at = kNow + 600}));
  EXPECT_EQ(store_->ChangeSequence().value(), sequence);  // no cache drop
  EXPECT_EQ(store_->BreakingAt(kNow)->value().id, first);
  EXPECT_EQ(store_->BreakingAt(kNow)->value().url, "/article/1");
  EXPECT_FALSE(store_->BreakingAt(kNow - 1).value());
  EXPECT_FALSE(store_->BreakingAt(kNow + 600).value());  // expired

  const std::int64_t second = Must(store_->SetBreaking(
      {.text = "[속보] 둘째", .starts_at = kNow + 60, .expires_at = kNow + 120}));
  EXPECT_EQ(store_->BreakingAt(kNow + 60)->value().id, second);
  EXPECT_EQ(store_->BreakingAt(kNow + 120)->value().id, first);  // the first is still up

  const Result<> cleared = store_->ClearBreaking(kNow + 130);
  ASSERT_TRUE(cleared) << cleared.error().detail;
  EXPECT_FALSE(store_->BreakingAt(kNow + 131).value());
  const std::vector<BreakingItem> recent = Must(store_->RecentBreaking(10));
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].id, second);
  EXPECT_EQ(recent[1].cleared_at, kNow + 130);
  EXPECT_EQ(store_->ChangeSequence().value(), sequence);
}

TEST_P(StoreBreakingNewsTest, ATickerNeedsOneLineAndAnExpiry) {
  for (const BreakingItem& bad :
       {BreakingItem{.text = "", .starts_at = kNow, .expires_at = kNow + 1},
        BreakingItem{.text = "두\n줄", .starts_at = kNow, .expires_at = kNow + 1},
        BreakingItem{.text = "만료 없음", .starts_at = kNow, .expires_at = kNow}}) {
    EXPECT_EQ(store_->SetBreaking(bad).error().code, ErrorCode::kInvalidInput) << bad.text;
  }
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreBreakingNewsTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
