#include "core/address_range.hpp"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(AddressRangeTest, AnIpv4AddressIsMappedIntoIpv6) {
  EXPECT_EQ(AddressHex("211.234.10.20"), "00000000000000000000ffffd3ea0a14");
  EXPECT_EQ(AddressHex("::ffff:211.234.10.20"), AddressHex("211.234.10.20"));
  EXPECT_EQ(AddressHex("2001:db8::1"), "20010db8000000000000000000000001");
  EXPECT_FALSE(AddressHex(""));
  EXPECT_FALSE(AddressHex("211.234.10"));
  EXPECT_FALSE(AddressHex("example.com"));
}

TEST(AddressRangeTest, ARangeCoversItsAddressesAndNoOthers) {
  const auto range = ParseAddressRange("211.234.5.6/16");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->text, "211.234.0.0/16");
  EXPECT_LE(range->low, *AddressHex("211.234.0.0"));
  EXPECT_GE(range->high, *AddressHex("211.234.255.255"));
  EXPECT_GT(range->low, *AddressHex("211.233.255.255"));
  EXPECT_LT(range->high, *AddressHex("211.235.0.0"));

  const auto v6 = ParseAddressRange("2001:db8:ffff::/32");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->text, "2001:db8::/32");
  EXPECT_LE(v6->low, *AddressHex("2001:db8::"));
  EXPECT_GE(v6->high, *AddressHex("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
  EXPECT_LT(v6->high, *AddressHex("2001:db9::"));
}

TEST(AddressRangeTest, ASingleAddressIsARangeOfOne) {
  const auto one = ParseAddressRange("203.0.113.7");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->text, "203.0.113.7/32");
  EXPECT_EQ(one->low, one->high);
  EXPECT_EQ(one->low, *AddressHex("203.0.113.7"));
}

TEST(AddressRangeTest, NonsenseAndTooWideRangesAreRefused) {
  for (const char* text : {"", "/16", "211.234.0.0/", "211.234.0.0/33", "211.234.0.0/x",
                           "211.234.0.0/16/2", "0.0.0.0/0", "10.0.0.0/7", "2001:db8::/8",
                           "2001:db8::/129", "211.234.0.0/-1", "211.234.0.0/ 16"}) {
    EXPECT_FALSE(ParseAddressRange(text)) << text;
  }
}

}  // namespace
}  // namespace sinmun
