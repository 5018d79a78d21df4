// Comment bans (issue #16) on every backend: a ban names a visitor, an address hash or an
// address range; it holds until it expires by the clock or is lifted.
#include <gtest/gtest.h>

#include "core/address_range.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::kNow;

constexpr Timestamp kDay = 24 * 3600;

class StoreCommentBansTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();

  CommentBanId Ban(BanKind kind, std::string target, std::optional<Timestamp> expires_at,
                   Timestamp at = kNow) {
    NewCommentBan ban{.kind = kind,
                      .target = std::move(target),
                      .reason = "욕설 반복",
                      .created_at = at,
                      .expires_at = expires_at};
    if (kind == BanKind::kRange) {
      const AddressRange range = ParseAddressRange(ban.target).value();
      ban.target = range.text;
      ban.range_low = range.low;
      ban.range_high = range.high;
    }
    return store_->PutCommentBan(ban).value();
  }

  std::optional<CommentBan> InForce(std::string visitor, std::string address_hash,
                                    std::string address, Timestamp at) {
    return store_
        ->BanInForce(BanSubject{.visitor = std::move(visitor),
                                .address_hash = std::move(address_hash),
                                .address_hex = AddressHex(address).value_or("")},
                     at)
        .value();
  }
};

TEST_P(StoreCommentBansTest, AVisitorBanHoldsUntilItExpires) {
  const CommentBanId id = Ban(BanKind::kVisitor, "c0123", kNow + kDay);
  const std::optional<CommentBan> found = InForce("c0123", "", "", kNow + 10);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->kind, BanKind::kVisitor);
  EXPECT_EQ(found->reason, "욕설 반복");
  EXPECT_EQ(found->expires_at, kNow + kDay);

  EXPECT_FALSE(InForce("c9999", "", "", kNow + 10));       // another visitor
  EXPECT_FALSE(InForce("", "c0123", "", kNow + 10));       // a visitor id is no address hash
  EXPECT_TRUE(InForce("c0123", "", "", kNow + kDay - 1));  // the last second
  EXPECT_FALSE(InForce("c0123", "", "", kNow + kDay));     // over by the clock
  EXPECT_FALSE(InForce("", "", "", kNow + 10));            // nothing to match
}

TEST_P(StoreCommentBansTest, AnAddressBanAndAPermanentOne) {
  Ban(BanKind::kAddress, "a77", std::nullopt);
  EXPECT_TRUE(InForce("c1", "a77", "203.0.113.7", kNow + 3650 * kDay));
  EXPECT_FALSE(InForce("a77", "", "", kNow));  // an address hash is no visitor id
}

TEST_P(StoreCommentBansTest, ARangeBanCoversItsAddressesOnly) {
  Ban(BanKind::kRange, "211.234.0.0/16", kNow + 7 * kDay);
  Ban(BanKind::kRange, "2001:db8::/32", std::nullopt);
  EXPECT_TRUE(InForce("", "", "211.234.0.0", kNow));
  EXPECT_TRUE(InForce("", "", "211.234.255.255", kNow));
  EXPECT_TRUE(InForce("", "", "::ffff:211.234.10.20", kNow));
  EXPECT_FALSE(InForce("", "", "211.233.255.255", kNow));
  EXPECT_FALSE(InForce("", "", "211.235.0.0", kNow));
  EXPECT_TRUE(InForce("", "", "2001:db8:1:2::3", kNow));
  EXPECT_FALSE(InForce("", "", "2001:db9::", kNow));
  EXPECT_FALSE(InForce("", "", "211.234.1.1", kNow + 7 * kDay));
}

TEST_P(StoreCommentBansTest, OfSeveralBansTheOneThatEndsLastIsReported) {
  Ban(BanKind::kVisitor, "c1", kNow + kDay);
  const CommentBanId longer = Ban(BanKind::kAddress, "a1", kNow + 30 * kDay);
  EXPECT_EQ(InForce("c1", "a1", "", kNow)->id, longer);
  const CommentBanId forever = Ban(BanKind::kRange, "198.51.100.0/24", std::nullopt);
  EXPECT_EQ(InForce("c1", "a1", "198.51.100.9", kNow)->id, forever);
}

TEST_P(StoreCommentBansTest, ALiftedBanStopsAndIsListedOnlyInTheHistory) {
  const CommentBanId first = Ban(BanKind::kVisitor, "c1", kNow + kDay, kNow);
  const CommentBanId expired = Ban(BanKind::kVisitor, "c2", kNow + 10, kNow + 1);
  const CommentBanId third = Ban(BanKind::kRange, "10.0.0.0/8", std::nullopt, kNow + 2);

  const CommentBan lifted = store_->LiftCommentBan(first, 7, kNow + 100).value();
  EXPECT_EQ(lifted.id, first);
  EXPECT_EQ(lifted.target, "c1");
  EXPECT_EQ(lifted.lifted_at, kNow + 100);
  EXPECT_EQ(lifted.lifted_by, 7);
  EXPECT_FALSE(InForce("c1", "", "", kNow + 101));
  EXPECT_EQ(store_->LiftCommentBan(first, 7, kNow + 101).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->LiftCommentBan(424242, 7, kNow + 101).error().code, ErrorCode::kNotFound);

  const CommentBanPage current = store_->CommentBansList(true, kNow + 100, Page{1, 20}).value();
  EXPECT_EQ(current.total, 1);
  ASSERT_EQ(current.items.size(), 1u);
  EXPECT_EQ(current.items[0].id, third);
  EXPECT_EQ(current.items[0].target, "10.0.0.0/8");
  EXPECT_FALSE(current.items[0].expires_at);

  const CommentBanPage all = store_->CommentBansList(false, kNow + 100, Page{1, 2}).value();
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);  // newest first, a page of two
  EXPECT_EQ(all.items[0].id, third);
  EXPECT_EQ(all.items[1].id, expired);
  EXPECT_EQ(store_->CommentBansList(false, kNow, Page{2, 2}).value().items[0].id, first);
}

TEST_P(StoreCommentBansTest, BadBansAreRefused) {
  auto refused = [&](NewCommentBan ban) {
    const Result<CommentBanId> put = store_->PutCommentBan(ban);
    return !put && put.error().code == ErrorCode::kInvalidInput;
  };
  EXPECT_TRUE(refused({.kind = BanKind::kVisitor, .target = "", .created_at = kNow}));
  EXPECT_TRUE(
      refused({.kind = BanKind::kVisitor, .target = "c1", .created_at = kNow, .expires_at = kNow}));
  EXPECT_TRUE(refused({.kind = BanKind::kRange, .target = "1.0.0.0/8", .created_at = kNow}));
  const AddressRange range = ParseAddressRange("1.0.0.0/8").value();
  EXPECT_TRUE(refused({.kind = BanKind::kRange,
                       .target = range.text,
                       .range_low = range.high,
                       .range_high = range.low,
                       .created_at = kNow}));
  EXPECT_TRUE(refused({.kind = BanKind::kVisitor,
                       .target = "c1",
                       .range_low = range.low,
                       .range_high = range.high,
                       .created_at = kNow}));
  EXPECT_EQ(store_->CommentBansList(false, kNow, Page{1, 20}).value().total, 0);
}

TEST_P(StoreCommentBansTest, ACommentKeepsItsVisitorAndAddressHash) {
  const std::vector<Section> sections = testing::SeedSections(*store_);
  const ArticleId article =
      testing::InsertArticle(*store_, testing::MakeArticle(sections[0].id, "가", kNow - 7200));
  const CommentId id = store_
                           ->PostComment(NewComment{.article_id = article,
                                                    .nickname = "독자",
                                                    .password_hash = "$argon2id$fake",
                                                    .body = "본문",
                                                    .client = "h1",
                                                    .visitor = "c42",
                                                    .address_hash = "a42",
                                                    .created_at = kNow})
                           .value();
  const Comment comment = store_->CommentById(id).value();
  EXPECT_EQ(comment.visitor, "c42");
  EXPECT_EQ(comment.address_hash, "a42");
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreCommentBansTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
