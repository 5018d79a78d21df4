// Where a view came from: the referrer classes the newsroom's 통계 page shows, and phones.
#include "counters/traffic_source.hpp"

#include <gtest/gtest.h>

namespace sinmun::counters {
namespace {

constexpr std::string_view kOwn = "news.example.com";

TEST(TrafficSourceTest, RefererHostsFallIntoTheirClass) {
  EXPECT_EQ(ClassifyReferrer("https://search.naver.com/search.naver?query=x", kOwn),
            Referrer::kNaver);
  EXPECT_EQ(ClassifyReferrer("https://m.naver.com/", kOwn), Referrer::kNaver);
  EXPECT_EQ(ClassifyReferrer("https://n.news.naver.com/article/1", kOwn), Referrer::kNaver);
  EXPECT_EQ(ClassifyReferrer("https://m.search.daum.net/search?q=x", kOwn), Referrer::kDaum);
  EXPECT_EQ(ClassifyReferrer("https://www.google.co.kr/", kOwn), Referrer::kGoogle);
  EXPECT_EQ(ClassifyReferrer("https://news.google.com/stories", kOwn), Referrer::kGoogle);
  EXPECT_EQ(ClassifyReferrer("https://talk.kakao.com/x", kOwn), Referrer::kKakao);
  EXPECT_EQ(ClassifyReferrer("https://m.facebook.com/", kOwn), Referrer::kSocial);
  EXPECT_EQ(ClassifyReferrer("https://t.co/abc", kOwn), Referrer::kSocial);
  EXPECT_EQ(ClassifyReferrer("https://x.com/someone", kOwn), Referrer::kSocial);
  EXPECT_EQ(ClassifyReferrer("https://twitter.com/someone", kOwn), Referrer::kSocial);
  EXPECT_EQ(ClassifyReferrer("https://blog.example.org/post", kOwn), Referrer::kOther);
}

TEST(TrafficSourceTest, LookalikeHostsAreNotTheirNamesakes) {
  EXPECT_EQ(ClassifyReferrer("https://notnaver.com/", kOwn), Referrer::kOther);
  EXPECT_EQ(ClassifyReferrer("https://naver.com.evil.example/", kOwn), Referrer::kOther);
  EXPECT_EQ(ClassifyReferrer("https://next.co/", kOwn), Referrer::kOther);  // not t.co
  EXPECT_EQ(ClassifyReferrer("https://google/", kOwn), Referrer::kOther);
}

TEST(TrafficSourceTest, NoRefererAndThePapersOwnPagesAreDirect) {
  EXPECT_EQ(ClassifyReferrer("", kOwn), Referrer::kDirect);
  EXPECT_EQ(ClassifyReferrer("https://news.example.com/article/3", kOwn), Referrer::kDirect);
  EXPECT_EQ(ClassifyReferrer("http://NEWS.example.com:8080/", "news.example.com:8080"),
            Referrer::kDirect);
  EXPECT_EQ(ClassifyReferrer("not a url", kOwn), Referrer::kOther);
}

TEST(TrafficSourceTest, PhonesAreMobileAndTabletsAndDesktopsAreNot) {
  EXPECT_TRUE(IsMobileAgent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"));
  EXPECT_TRUE(IsMobileAgent(
      "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 Chrome/120 Mobile Safari"));
  EXPECT_FALSE(IsMobileAgent("Mozilla/5.0 (Linux; Android 13; SM-X710) Chrome/120 Safari/537.36"));
  EXPECT_FALSE(IsMobileAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120 Safari/537.36"));
}

TEST(TrafficSourceTest, CountsAreTakenOnceAndCanBeGivenBack) {
  TrafficCounts counts;
  for (std::uint64_t spread = 0; spread < 1000; ++spread) {
    counts.Add({Referrer::kNaver, spread % 2 == 0}, spread * 0x9E3779B97F4A7C15ULL);
  }
  counts.Add({Referrer::kOther, false}, 7);
  TrafficCounts::Counts taken = counts.Take();
  EXPECT_EQ(taken[TrafficCounts::Cell({Referrer::kNaver, true})], 500);
  EXPECT_EQ(taken[TrafficCounts::Cell({Referrer::kNaver, false})], 500);
  EXPECT_EQ(taken[TrafficCounts::Cell({Referrer::kOther, false})], 1);
  EXPECT_EQ(counts.Take()[TrafficCounts::Cell({Referrer::kNaver, true})], 0);
  counts.GiveBack(taken);
  EXPECT_EQ(counts.Take(), taken);
}

}  // namespace
}  // namespace sinmun::counters
