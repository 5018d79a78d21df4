// Who counts as a visitor, and who is a bot.
#include "counters/visitor.hpp"

#include <gtest/gtest.h>

#include "counters/bot_filter.hpp"
#include "support/test_store.hpp"

namespace sinmun::counters {
namespace {

using testing::kNow;
constexpr char kChrome[] =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36";

TEST(VisitorTest, WithoutACookieTheKeyIsAHashAndACookieIsIssued) {
  const VisitorIdentifier visitors;
  const Visitor first = visitors.Identify(std::nullopt, "203.0.113.7", kChrome, kNow);
  EXPECT_EQ(first.Id().front(), 'h');
  EXPECT_EQ(first.new_cookie.size(), 32u);
  EXPECT_EQ(first.Id().find("203.0.113.7"), std::string::npos);
  // Same address and browser the same day: the same visitor; a fresh cookie each time.
  const Visitor again = visitors.Identify(std::nullopt, "203.0.113.7", kChrome, kNow + 3600);
  EXPECT_EQ(again.key, first.key);
  EXPECT_NE(again.new_cookie, first.new_cookie);
  // Another address, another browser, another day (the salt rotates): another visitor.
  EXPECT_NE(visitors.Identify(std::nullopt, "203.0.113.8", kChrome, kNow).key, first.key);
  EXPECT_NE(visitors.Identify(std::nullopt, "203.0.113.7", "Firefox", kNow).key, first.key);
  EXPECT_NE(visitors.Identify(std::nullopt, "203.0.113.7", kChrome, kNow + 86400).key, first.key);
  // Another process (another secret): the hashes cannot be matched across restarts.
  EXPECT_NE(VisitorIdentifier().Identify(std::nullopt, "203.0.113.7", kChrome, kNow).key,
            first.key);
}

TEST(VisitorTest, TheCookieIdentifiesTheVisitorEverywhere) {
  const VisitorIdentifier visitors;
  const std::string cookie = visitors.Identify(std::nullopt, "a", "b", kNow).new_cookie;
  const Visitor home = visitors.Identify(cookie, "198.51.100.1", kChrome, kNow);
  const Visitor office = visitors.Identify(cookie, "192.0.2.9", "Other", kNow + 86400 * 3);
  EXPECT_EQ(home.key, office.key);
  EXPECT_EQ(home.Id(), office.Id());
  EXPECT_EQ(home.Id().front(), 'c');
  EXPECT_TRUE(home.new_cookie.empty());
  // Restart-proof: a new identifier reads the same cookie as the same visitor.
  EXPECT_EQ(VisitorIdentifier().Identify(cookie, "x", "y", kNow).Id(), home.Id());
  // Cookies that differ in any byte are different visitors.
  EXPECT_NE(visitors.Identify(std::string(31, '0') + "1", "a", "b", kNow).key,
            visitors.Identify(std::string(31, '0') + "2", "a", "b", kNow).key);
  EXPECT_NE(visitors.Identify("1" + std::string(31, '0'), "a", "b", kNow).key,
            visitors.Identify("2" + std::string(31, '0'), "a", "b", kNow).key);
  // A malformed cookie is no cookie.
  EXPECT_EQ(visitors.Identify(std::string("not-hex"), "a", "b", kNow).Id().front(), 'h');
  EXPECT_EQ(visitors.Identify(std::string(32, 'z'), "a", "b", kNow).Id().front(), 'h');
}

TEST(VisitorTest, SetCookieHeaderIsFirstPartyAndLongLived) {
  const std::string header = VisitorIdentifier::SetCookieHeader("00ff");
  EXPECT_EQ(header.rfind("sinmun_v=00ff;", 0), 0u);
  EXPECT_NE(header.find("Path=/"), std::string::npos);
  EXPECT_NE(header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(header.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(header.find("Max-Age=31536000"), std::string::npos);
}

TEST(BotFilterTest, CrawlersPreviewFetchersAndLibrariesAreBots) {
  const BotFilter bots;
  EXPECT_GT(bots.fragment_count(), 30u);
  for (const char* agent :
       {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)",
        "Mozilla/5.0 (compatible; Daumoa/4.0)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "kakaotalk-scrap/1.0; +https://devtalk.kakao.com/", "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "curl/7.88.1",
        "python-requests/2.31", "Go-http-client/1.1", "", "GPTBot/1.0"}) {
    EXPECT_TRUE(bots.IsBot(agent)) << agent;
    EXPECT_TRUE(bots.IsBot(agent)) << agent << " (remembered)";
  }
  for (const char* agent :
       {kChrome,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.4.5",
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile "
        "Safari/537.36 NAVER(inapp; search; 2000; 12.1.1)"}) {
    EXPECT_FALSE(bots.IsBot(agent)) << agent;
    EXPECT_FALSE(bots.IsBot(agent)) << agent << " (remembered)";
  }
}

}  // namespace
}  // namespace sinmun::counters
