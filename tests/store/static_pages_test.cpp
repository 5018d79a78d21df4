// Static pages and their versions (issue #18) on every backend.
#include <gtest/gtest.h>

#include <limits>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;

using testing::kNow;
constexpr Timestamp kDay = 86'400;

class StoreStaticPagesTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();

  std::int64_t Save(std::string path, std::string title, std::string body, Timestamp effective_at,
                    int footer = 0) {
    return testing::SaveStaticPage(*store_, std::move(path), std::move(title), std::move(body),
                                   effective_at, footer, kNow);
  }
};

TEST_P(StoreStaticPagesTest, TheVersionInForceIsShownAndEarlierOnesStayReadable) {
  EXPECT_EQ(Save("privacy", "개인정보처리방침", "제1조 (목적) 처음", kNow - 30 * kDay, 2), 1);
  EXPECT_EQ(Save("privacy", "개인정보처리방침", "제1조 (목적) 개정", kNow - kDay, 2), 2);
  EXPECT_EQ(Save("privacy", "개인정보처리방침", "제1조 (목적) 다음 개정", kNow + 7 * kDay, 2), 3);

  const StaticPage now = store_->StaticPageAt("privacy", kNow).value();
  EXPECT_EQ(now.version, 2);
  EXPECT_EQ(now.body_markdown, "제1조 (목적) 개정");
  EXPECT_EQ(store_->StaticPageAt("privacy", kNow - 10 * kDay)->version, 1);
  EXPECT_EQ(store_->StaticPageAt("privacy", kNow + 7 * kDay)->version, 3);
  const auto before = store_->StaticPageAt("privacy", kNow - 31 * kDay);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);

  const std::vector<StaticPage> versions = store_->StaticPageVersions("privacy").value();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version, 3);
  EXPECT_EQ(versions[2].body_markdown, "제1조 (목적) 처음");
  EXPECT_TRUE(store_->StaticPageVersions("nothing").value().empty());
}

TEST_P(StoreStaticPagesTest, AVersionDatedBackInForceWinsOverALaterNumberDatedLater) {
  Save("terms", "이용약관", "둘째 시행", kNow - kDay);
  Save("terms", "이용약관", "소급 정정", kNow - kDay);  // same date, higher number
  EXPECT_EQ(store_->StaticPageAt("terms", kNow)->body_markdown, "소급 정정");
}

TEST_P(StoreStaticPagesTest, SavingTheSameVersionAgainAddsNone) {
  const std::int64_t first = Save("about", "회사소개", "본문", kNow - kDay);
  const std::int64_t sequence = store_->ChangeSequence().value();
  EXPECT_EQ(Save("about", "회사소개", "본문", kNow - kDay), first);
  EXPECT_EQ(store_->StaticPageVersions("about")->size(), 1u);
  EXPECT_EQ(store_->ChangeSequence().value(), sequence);  // nothing changed, no cache drop
  EXPECT_EQ(Save("about", "회사소개", "본문 수정", kNow - kDay), first + 1);
  EXPECT_GT(store_->ChangeSequence().value(), sequence);
}

TEST_P(StoreStaticPagesTest, PagesInForceListFooterLinksFirstInTheirOrder) {
  Save("youth", "청소년보호정책", "청소년", kNow - kDay, 2);
  Save("privacy", "개인정보처리방침", "개인정보", kNow - kDay, 1);
  Save("imported/회사-연혁", "회사 연혁", "가져온 페이지", kNow - kDay);
  Save("ethics", "윤리강령", "아직", kNow + kDay, 3);  // not in force yet

  const auto paths_at = [&](Timestamp now) {
    const std::vector<StaticPage> pages = store_->StaticPagesAt(now).value();
    std::vector<std::string> paths;
    for (const StaticPage& page : pages) paths.push_back(page.path);
    return paths;
  };
  EXPECT_EQ(paths_at(kNow), (std::vector<std::string>{"privacy", "youth", "imported/회사-연혁"}));
  const std::vector<std::string> paths = paths_at(std::numeric_limits<Timestamp>::max());
  EXPECT_EQ(paths, (std::vector<std::string>{"privacy", "youth", "ethics", "imported/회사-연혁"}));
}

TEST_P(StoreStaticPagesTest, BadPathsAndEmptyTitlesAreRefused) {
  for (const std::string& path :
       std::vector<std::string>{"", "/privacy", "privacy/", "a//b", "../etc", "Privacy", "a b",
                                "a?b", "a%2Fb", std::string(201, 'a')}) {
    const auto saved = store_->SaveStaticPage(
        StaticPage{.path = path, .title = "제목", .effective_at = kNow, .saved_at = kNow});
    ASSERT_FALSE(saved.has_value()) << path;
    EXPECT_EQ(saved.error().code, ErrorCode::kInvalidInput);
  }
  const auto untitled = store_->SaveStaticPage(
      StaticPage{.path = "terms", .title = "", .effective_at = kNow, .saved_at = kNow});
  ASSERT_FALSE(untitled.has_value());
  EXPECT_EQ(untitled.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(store_->StaticPagesAt(kNow + kDay).value().empty());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreStaticPagesTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
