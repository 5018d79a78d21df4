#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace sinmun::http {
namespace {

TrustedProxies Trust(std::string_view list) {
  Result<TrustedProxies> proxies = TrustedProxies::Parse(list);
  EXPECT_TRUE(proxies) << list;
  return proxies ? *proxies : TrustedProxies();
}

TEST(TrustedProxies, NobodyIsTrustedByDefault) {
  const TrustedProxies none = Trust("");
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.ClientAddress("10.0.0.2", "203.0.113.9"), "10.0.0.2");
}

TEST(TrustedProxies, AddressesAndNetworksOfBothFamilies) {
  const TrustedProxies proxies = Trust("127.0.0.1, 10.0.0.0/8 fd00::/8,::1");
  EXPECT_TRUE(proxies.Contains("127.0.0.1"));
  EXPECT_FALSE(proxies.Contains("127.0.0.2"));
  EXPECT_TRUE(proxies.Contains("10.200.3.4"));
  EXPECT_FALSE(proxies.Contains("11.0.0.1"));
  EXPECT_TRUE(proxies.Contains("fd12:3456::1"));
  EXPECT_TRUE(proxies.Contains("::1"));
  EXPECT_FALSE(proxies.Contains("2001:db8::1"));
  // A dual-stack socket reports IPv4 peers as IPv4-mapped IPv6.
  EXPECT_TRUE(proxies.Contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(proxies.Contains("not an address"));
}

TEST(TrustedProxies, BadEntriesAreRefusedByName) {
  for (const char* bad :
       {"10.0.0.0/33", "::/129", "example.com", "10.0.0.0/", "10.0.0.0/x8", "1.2.3.4.5"}) {
    const Result<TrustedProxies> proxies = TrustedProxies::Parse(std::string("127.0.0.1, ") + bad);
    ASSERT_FALSE(proxies) << bad;
    EXPECT_NE(proxies.error().detail.find(bad), std::string::npos) << proxies.error().detail;
  }
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedAddress) {
  const TrustedProxies proxies = Trust("10.0.0.0/8");
  // The load balancer appended the reader's address.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", "203.0.113.9"), "203.0.113.9");
  // A reader who sends the header themselves cannot choose who they are.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", "198.51.100.1, 203.0.113.9"), "203.0.113.9");
  // Two proxies in a row: the inner one is skipped.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", "203.0.113.9, 10.0.0.7"), "203.0.113.9");
  // Only proxies listed: the leftmost.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", "10.0.0.9, 10.0.0.7"), "10.0.0.9");
  // Garbage stops the walk at the last good address.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", "203.0.113.9, <script>"), "10.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.2", ""), "10.0.0.2");
  // From a peer that is not a trusted proxy the header is ignored.
  EXPECT_EQ(proxies.ClientAddress("203.0.113.50", "198.51.100.1"), "203.0.113.50");
}

}  // namespace
}  // namespace sinmun::http
