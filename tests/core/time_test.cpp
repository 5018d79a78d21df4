#include "core/time.hpp"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

// 2017-08-01 13:13 KST is 04:13 UTC.
constexpr Timestamp kAug1_0413Utc = 1501560780;

TEST(KstTimeTest, FormatsInKoreanStandardTime) {
  EXPECT_EQ(FormatKst(kAug1_0413Utc), "2017-08-01 13:13");
  EXPECT_EQ(FormatIso8601Kst(kAug1_0413Utc), "2017-08-01T13:13:00+09:00");
  EXPECT_EQ(FormatKstDate(kAug1_0413Utc), "2017-08-01");
}

TEST(KstTimeTest, LateUtcEveningIsTheNextDayInSeoul) {
  // 2017-07-31 20:30 UTC = 2017-08-01 05:30 KST.
  EXPECT_EQ(FormatKst(1501533000), "2017-08-01 05:30");
}

TEST(KstTimeTest, ParsesWhatItFormats) {
  EXPECT_EQ(ParseKst("2017-08-01 13:13"), kAug1_0413Utc);
  EXPECT_EQ(ParseKst("2017-08-01"), kAug1_0413Utc - (13 * 3600 + 13 * 60));
}

TEST(KstTimeTest, RejectsMalformedDates) {
  EXPECT_FALSE(ParseKst("2017-02-30"));
  EXPECT_FALSE(ParseKst("2017-8-1"));
  EXPECT_FALSE(ParseKst("2017-08-01 24:00"));
  EXPECT_FALSE(ParseKst("어제"));
  EXPECT_FALSE(ParseKst(""));
}

}  // namespace
}  // namespace sinmun
