// Reader features through the site's routes over a real store: view counting (cached pages
// too), the most-viewed box, page and API, recommend, e-mail this article, sharing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "counters/counters.hpp"
#include "site_fixture.hpp"
#include "support/store_probe.hpp"

namespace sinmun::site {
namespace {

using nlohmann::json;

class ReadersSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    CountReaders();
    writable_ = true;
    MakeSite();
    first_ = Insert(
        sinmun::testing::MakeArticle(sections_[0].id, "첫째 기사", kNow - 7200, {reporters_[0]}));
    second_ = Insert(
        sinmun::testing::MakeArticle(sections_[1].id, "둘째 기사", kNow - 3600, {reporters_[0]}));
  }

  http::Response View(store::ArticleId id, const std::string& cookie = "",
                      const std::string& agent = kChrome,
                      http::Method method = http::Method::kGet) {
    std::vector<std::pair<std::string, std::string>> headers = {{"user-agent", agent}};
    if (!cookie.empty()) headers.emplace_back("cookie", "sinmun_v=" + cookie);
    return Send(method, "/article/" + std::to_string(id), headers);
  }
  std::int64_t FlushedViews(store::ArticleId id) {
    EXPECT_TRUE(counters_->Flush().has_value());
    return store_->PublishedArticle(id, kNow).value().views;
  }
  // A form post from one of our own pages.
  http::Response PostForm(const std::string& target, const std::string& body,
                          const std::string& cookie = "",
                          const std::string& address = "203.0.113.5") {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"user-agent", kChrome},
        {"origin", kOrigin},
        {"content-type", "application/x-www-form-urlencoded"}};
    if (!cookie.empty()) headers.emplace_back("cookie", "sinmun_v=" + cookie);
    return Send(http::Method::kPost, target, headers, WithToken(target, body), address);
  }
  // An e-mail form as a person sends it: with the token of the form shown a minute ago.
  std::string WithToken(const std::string& target, const std::string& body) {
    const std::string suffix = "/email";
    if (target.size() < suffix.size() ||
        target.compare(target.size() - suffix.size(), suffix.size(), suffix) != 0 ||
        body.find("form_token=") != std::string::npos) {
      return body;
    }
    const std::int64_t article = std::stoll(target.substr(9));  // "/article/{id}/email"
    const std::string issued = std::to_string(kNow - 60);
    return body + "&form_token=" + issued + "." +
           form_signer_.Sign(article, "email-form\n" + issued);
  }

  void MakeSiteWithMailCaps(int per_article_per_hour, int site_per_hour) {
    config_.mail_per_article_per_hour = per_article_per_hour;
    config_.mail_site_per_hour = site_per_hour;
    MakeSite();
  }
  static std::string EmailPath(store::ArticleId id) {
    return "/article/" + std::to_string(id) + "/email";
  }
  // Sends the e-mail form from another address and sender each time: only the article's and
  // the site's caps can stop it. The status.
  int MailFromSomeoneNew(const std::string& target) {
    ++senders_;
    return PostForm(target,
                    "sender_name=a&sender_email=s" + std::to_string(senders_) +
                        "%40example.com&recipients=r%40example.org",
                    "", "198.51.100." + std::to_string(senders_))
        .status;
  }

  store::ArticleId first_ = 0, second_ = 0;
  int senders_ = 0;
};

std::string CookieValue(const std::string& set_cookie) {
  const size_t start = set_cookie.find('=') + 1;
  return set_cookie.substr(start, set_cookie.find(';') - start);
}

TEST_F(ReadersSiteTest, AViewCountsOncePerVisitorAndSetsTheCookie) {
  const http::Response first = View(first_);
  ASSERT_EQ(first.status, 200);
  const std::string set_cookie = Header(first, "Set-Cookie");
  ASSERT_EQ(set_cookie.rfind("sinmun_v=", 0), 0u) << set_cookie;
  const std::string cookie = CookieValue(set_cookie);
  // Without the cookie, the same address and browser are the same visitor (hashed).
  View(first_);
  EXPECT_EQ(FlushedViews(first_), 1);
  // With the cookie given by the first view: the same reader, so not counted again (it was
  // counted twice, once per key, before issue #20); no new cookie.
  const http::Response with_cookie = View(first_, cookie);
  EXPECT_EQ(Header(with_cookie, "Set-Cookie"), "");
  View(first_, cookie);
  EXPECT_EQ(FlushedViews(first_), 1);
  // On another article the cookie is a reader as any other: once there.
  View(second_, cookie);
  View(second_, cookie);
  EXPECT_EQ(FlushedViews(second_), 1);
  // Another visitor.
  View(first_, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(FlushedViews(first_), 2);
}

TEST_F(ReadersSiteTest, CachedPagesCountToo) {
  // The page cache keeps the first render; later views are cache hits and still count.
  for (int i = 0; i < 5; ++i) {
    const std::string cookie = fmt::format("{:032x}", i + 1);
    ASSERT_EQ(View(first_, cookie).status, 200);
  }
  EXPECT_EQ(FlushedViews(first_), 5);
}

TEST_F(ReadersSiteTest, BotsHeadRequestsAndMissingArticlesDoNotCount) {
  const http::Response bot = View(first_, "", "Mozilla/5.0 (compatible; Googlebot/2.1)");
  EXPECT_EQ(bot.status, 200);
  EXPECT_EQ(Header(bot, "Set-Cookie"), "");
  View(first_, "", "facebookexternalhit/1.1");
  View(first_, "", "");
  View(first_, "", kChrome, http::Method::kHead);
  EXPECT_EQ(View(999999).status, 404);
  EXPECT_EQ(FlushedViews(first_), 0);
  EXPECT_TRUE(counters_->Top(counters::Window::k30Days, std::nullopt, 7).empty());
}

TEST_F(ReadersSiteTest, MostViewedBoxPageAndApiRankTheLast24Hours) {
  for (int i = 0; i < 3; ++i) View(second_, fmt::format("{:032x}", i + 1));
  View(first_, fmt::format("{:032x}", 9));
  ASSERT_TRUE(counters_->Flush().has_value());
  MakeSite("ko", 0);  // no page cache: the box shows the ranking at once

  const std::string page = GetBody("/most-viewed");
  EXPECT_NE(page.find("24시간"), std::string::npos);
  EXPECT_LT(Find(page, "둘째 기사"), Find(page, "첫째 기사"));
  EXPECT_NE(page.find("조회수 3"), std::string::npos);
  const std::string politics = GetBody("/most-viewed?window=7d&section=" + sections_[0].slug);
  EXPECT_NE(politics.find("첫째 기사"), std::string::npos);
  EXPECT_EQ(politics.find("둘째 기사</a></h2>"), std::string::npos);
  EXPECT_EQ(Get("/most-viewed?window=1y").status, 400);
  EXPECT_EQ(Get("/most-viewed?section=nowhere").status, 404);

  const std::string front = GetBody("/");
  const size_t box = Find(front, "most-viewed-box");
  ASSERT_NE(box, std::string::npos);
  EXPECT_LT(front.find("둘째 기사", box), front.find("첫째 기사", box));

  const json api = json::parse(GetBody("/api/v1/most-viewed?window=24h&limit=1"));
  EXPECT_EQ(api["window"], "24h");
  ASSERT_EQ(api["items"].size(), 1u);
  EXPECT_EQ(api["items"][0]["id"], second_);
  EXPECT_EQ(api["items"][0]["headline"], "둘째 기사");
  EXPECT_EQ(api["items"][0]["url"], "https://news.example.com/article/" + std::to_string(second_));
  EXPECT_EQ(api["items"][0]["views"], 3);
  EXPECT_EQ(json::parse(GetBody("/api/v1/most-viewed"))["items"].size(), 2u);
  const json section = json::parse(GetBody("/api/v1/most-viewed?section=" + sections_[0].slug));
  ASSERT_EQ(section["items"].size(), 1u);
  EXPECT_EQ(section["items"][0]["id"], first_);
}

TEST_F(ReadersSiteTest, MostViewedApiRefusesBadWindowsAndLimits) {
  for (const char* target : {"/api/v1/most-viewed?window=1y", "/api/v1/most-viewed?window=",
                             "/api/v1/most-viewed?limit=0", "/api/v1/most-viewed?limit=51",
                             "/api/v1/most-viewed?limit=abc", "/api/v1/most-viewed?limit=5x"}) {
    const http::Response response = Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8") << target;
    EXPECT_EQ(json::parse(Body(response))["error"]["status"], 400) << target;
  }
  EXPECT_EQ(Get("/api/v1/most-viewed?section=nowhere").status, 404);
}

TEST_F(ReadersSiteTest, RecommendOncePerVisitorWithAndWithoutJavaScript) {
  const std::string target = "/article/" + std::to_string(first_) + "/recommend";
  const std::string cookie(32, 'a');
  EXPECT_NE(Body(View(first_, cookie)).find("<span class=\"count\">0</span>"), std::string::npos);
  // Without JavaScript: a form post, then back to the article.
  const http::Response plain = PostForm(target, "", cookie);
  EXPECT_EQ(plain.status, 303);
  EXPECT_EQ(Header(plain, "Location"), "/article/" + std::to_string(first_) + "#recommend");
  // The article page shows the new count at once (its cached copy was dropped).
  EXPECT_NE(Body(View(first_, cookie)).find("<span class=\"count\">1</span>"), std::string::npos);

  // With JavaScript: JSON, and the same visitor counts no second time.
  std::vector<std::pair<std::string, std::string>> json_headers = {
      {"user-agent", kChrome},
      {"origin", kOrigin},
      {"accept", "application/json"},
      {"cookie", "sinmun_v=" + cookie}};
  const json again = json::parse(Body(Send(http::Method::kPost, target, json_headers)));
  EXPECT_EQ(again, json({{"recommends", 1}, {"counted", false}}));
  json_headers.back() = {"cookie", "sinmun_v=" + std::string(32, 'b')};
  const json other = json::parse(Body(Send(http::Method::kPost, target, json_headers)));
  EXPECT_EQ(other, json({{"recommends", 2}, {"counted", true}}));
  EXPECT_EQ(store_->PublishedArticle(first_, kNow).value().recommends, 2);
}

TEST_F(ReadersSiteTest, RecommendRefusesOtherSitesBotsAndMissingArticles) {
  const std::string target = "/article/" + std::to_string(first_) + "/recommend";
  EXPECT_EQ(Send(http::Method::kPost, target, {{"user-agent", kChrome}}).status, 403);
  EXPECT_EQ(Send(http::Method::kPost, target,
                 {{"user-agent", kChrome}, {"origin", "https://evil.example.net"}})
                .status,
            403);
  EXPECT_EQ(
      Send(http::Method::kPost, target,
           {{"user-agent", kChrome}, {"referer", "https://evil.example.net/news.example.com/"}})
          .status,
      403);
  EXPECT_EQ(
      Send(http::Method::kPost, target, {{"user-agent", "curl/8.0"}, {"origin", kOrigin}}).status,
      403);
  EXPECT_EQ(PostForm("/article/999999/recommend", "").status, 404);
  EXPECT_EQ(store_->PublishedArticle(first_, kNow).value().recommends, 0);
  // A Referer from one of our pages is enough when the browser sent no Origin.
  EXPECT_EQ(Send(http::Method::kPost, target,
                 {{"user-agent", kChrome}, {"referer", "https://news.example.com/article/1"}})
                .status,
            303);
}

TEST_F(ReadersSiteTest, EmailFormKeepsWhatWasTypedAndNamesEachProblem) {
  const std::string target = "/article/" + std::to_string(first_) + "/email";
  const std::string form = GetBody(target);
  for (const char* field : {"name=\"sender_name\"", "name=\"sender_email\"", "name=\"recipients\"",
                            "name=\"note\"", "name=\"website\"", "첫째 기사"}) {
    EXPECT_NE(form.find(field), std::string::npos) << field;
  }
  const http::Response bad =
      PostForm(target,
               "sender_name=%ED%99%8D%EA%B8%B8%EB%8F%99&sender_email=not-an-address&recipients="
               "a%40example.com%2C+b%40&note=" +
                   std::string(501, 'x'));
  EXPECT_EQ(bad.status, 400);
  const std::string page = Body(bad);
  EXPECT_NE(page.find("value=\"홍길동\""), std::string::npos);
  EXPECT_NE(page.find("value=\"not-an-address\""), std::string::npos);
  EXPECT_NE(page.find("a@example.com, b@</textarea>"), std::string::npos);
  EXPECT_NE(page.find(std::string(501, 'x') + "</textarea>"), std::string::npos);
  EXPECT_NE(page.find("올바른 이메일 주소를 입력하세요."), std::string::npos);
  EXPECT_NE(page.find("올바르지 않은 주소가 있습니다: b@"), std::string::npos);
  EXPECT_NE(page.find("전할 말은 500자 이내로 써 주세요."), std::string::npos);
  EXPECT_EQ(page.find("이름을 입력하세요"), std::string::npos);  // the name was fine

  const http::Response six =
      PostForm(target,
               "sender_name=a&sender_email=a%40example.com&recipients=1%40x.kr+2%40x.kr+3%40x.kr+"
               "4%40x.kr+5%40x.kr+6%40x.kr");
  EXPECT_EQ(six.status, 400);
  EXPECT_NE(Body(six).find("받는 사람 이메일을 1~5개 입력하세요."), std::string::npos);
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow, 10).empty());
}

TEST_F(ReadersSiteTest, EmailGoesToTheOutboxAndHoneypotsAndFloodsAreStopped) {
  const std::string target = "/article/" + std::to_string(first_) + "/email";
  const std::string good =
      "sender_name=%ED%99%8D%EA%B8%B8%EB%8F%99&sender_email=Hong%40Example.com&recipients="
      "one%40example.org%0D%0Atwo%40example.org&note=%EC%9D%BD%EC%96%B4%EB%B3%B4%EC%84%B8%EC%9A%94";
  // A bot that fills the hidden field is told "sent"; nothing is queued.
  const http::Response trap = PostForm(target, good + "&website=http%3A%2F%2Fspam.example");
  EXPECT_EQ(trap.status, 303);
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow, 10).empty());
  // From another site: refused.
  EXPECT_EQ(Send(http::Method::kPost, target, {{"user-agent", kChrome}}, good).status, 403);

  const http::Response sent = PostForm(target, good);
  EXPECT_EQ(sent.status, 303);
  EXPECT_EQ(Header(sent, "Location"), target + "?sent=1");
  EXPECT_NE(GetBody(target + "?sent=1").find("메일을 보냈습니다"), std::string::npos);
  const std::vector<store::OutboxMail> queued = sinmun::testing::DueMails(*store_, kNow, 10);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].recipient, "one@example.org");
  EXPECT_NE(queued[0].message.find("To: <one@example.org>"), std::string::npos);
  EXPECT_NE(queued[1].message.find("To: <two@example.org>"), std::string::npos);

  // Per sender: the default allows 20 a day, so from the same address (any client)...
  for (int i = 0; i < 19; ++i) {
    EXPECT_EQ(PostForm(target, good, "", "198.51.100." + std::to_string(i)).status, 303) << i;
  }
  const http::Response flood = PostForm(target, good, "", "192.0.2.1");
  EXPECT_EQ(flood.status, 429);
  EXPECT_NE(Body(flood).find("메일을 너무 많이 보냈습니다"), std::string::npos);
  EXPECT_NE(Body(flood).find("value=\"홍길동\""), std::string::npos);
}

TEST_F(ReadersSiteTest, EmailIsLimitedPerClient) {
  const std::string target = "/article/" + std::to_string(first_) + "/email";
  // Per client: 5 an hour from one address, whatever the sender says.
  for (int i = 0; i < 5; ++i) {
    const std::string body = "sender_name=a&sender_email=s" + std::to_string(i) +
                             "%40example.com&recipients=r%40example.org";
    EXPECT_EQ(PostForm(target, body).status, 303) << i;
  }
  EXPECT_EQ(
      PostForm(target, "sender_name=a&sender_email=new%40example.com&recipients=r%40example.org")
          .status,
      429);
  EXPECT_EQ(
      PostForm(target, "sender_name=a&sender_email=new%40example.com&recipients=r%40example.org",
               "", "203.0.113.99")
          .status,
      303);
}

// The value of the hidden form_token field in a rendered e-mail form.
std::string FormTokenIn(const std::string& page) {
  const std::string marker = "name=\"form_token\" value=\"";
  const size_t at = page.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return page.substr(start, page.find('"', start) - start);
}

constexpr char kGoodMail[] =
    "sender_name=a&sender_email=a%40example.com&recipients=r%40example.org";

TEST_F(ReadersSiteTest, EmailNeedsTheTokenOfAFormShownLongEnoughAgo) {
  const std::string target = "/article/" + std::to_string(first_) + "/email";
  const std::string token = FormTokenIn(GetBody(target));
  ASSERT_FALSE(token.empty());
  // At once: too quick for a person. The form comes back as typed, with a fresh token.
  const http::Response quick = PostForm(target, std::string(kGoodMail) + "&form_token=" + token);
  EXPECT_EQ(quick.status, 400);
  EXPECT_NE(Body(quick).find("너무 빨리 보냈습니다"), std::string::npos);
  EXPECT_NE(Body(quick).find("value=\"a@example.com\""), std::string::npos);
  EXPECT_FALSE(FormTokenIn(Body(quick)).empty());
  // None, forged, or another article's: refused.
  const std::string other = FormTokenIn(GetBody("/article/" + std::to_string(second_) + "/email"));
  for (const std::string& bad :
       {std::string(), std::string("1714705000.abcdef"), token.substr(0, token.size() - 1) + "0",
        other, std::string("x.y"), std::string("17147052000000000000000.0")}) {
    EXPECT_EQ(PostForm(target, std::string(kGoodMail) + "&form_token=" + bad).status, 400) << bad;
  }
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow + 3600, 10).empty());
  // A few seconds later the same token is good.
  clock_ = FixedClock(kNow + 5);
  EXPECT_EQ(PostForm(target, std::string(kGoodMail) + "&form_token=" + token).status, 303);
  EXPECT_EQ(sinmun::testing::DueMails(*store_, kNow + 3600, 10).size(), 1u);
  // A day later it has expired.
  clock_ = FixedClock(kNow + 2 * 86400);
  EXPECT_EQ(
      PostForm(target, std::string(kGoodMail) + "&form_token=" + token, "", "192.0.2.9").status,
      400);
}

TEST_F(ReadersSiteTest, EmailIsCappedPerArticleAndForTheWholeSite) {
  MakeSiteWithMailCaps(2, 3);
  const std::string first = EmailPath(first_);
  const std::string second = EmailPath(second_);
  // Every form from another address and sender: only the article's and the site's caps stop
  // them.
  const auto send = [this](const std::string& target) { return MailFromSomeoneNew(target); };
  EXPECT_EQ(send(first), 303);
  EXPECT_EQ(send(first), 303);
  EXPECT_EQ(send(first), 429);
  EXPECT_EQ(send(second), 303);
  EXPECT_EQ(send(second), 429);  // the site's 3 an hour are spent
  EXPECT_EQ(sinmun::testing::DueMails(*store_, kNow, 10).size(), 3u);
  // An hour later there is room again.
  clock_ = FixedClock(kNow + 3600);
  EXPECT_EQ(send(second), 303);
}

// The caps are the store's, not a node's: another node on the same store (or this one
// restarted) does not allow them again (issue #17).
TEST_F(ReadersSiteTest, EmailCapsHoldForAnotherNodeOnTheSameStore) {
  MakeSiteWithMailCaps(2, 3);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(MailFromSomeoneNew(EmailPath(first_)), 303);
  MakeSite();  // the other node: the article's 2 are spent there too
  EXPECT_EQ(MailFromSomeoneNew(EmailPath(first_)), 429);
  EXPECT_EQ(MailFromSomeoneNew(EmailPath(second_)), 303);
  MakeSite();  // and a third: so are the site's 3
  EXPECT_EQ(MailFromSomeoneNew(EmailPath(second_)), 429);
  EXPECT_EQ(sinmun::testing::DueMails(*store_, kNow, 10).size(), 3u);
}

TEST_F(ReadersSiteTest, EmailTakesItsLinksFromBaseUrlAndNeedsOne) {
  const std::string target = "/article/" + std::to_string(first_) + "/email";
  // A forged Host changes nothing in the message.
  const http::Response sent = Send(http::Method::kPost, target,
                                   {{"user-agent", kChrome},
                                    {"origin", kOrigin},
                                    {"host", "evil.example"},
                                    {"content-type", "application/x-www-form-urlencoded"}},
                                   WithToken(target, kGoodMail));
  EXPECT_EQ(sent.status, 303);
  const std::vector<store::OutboxMail> queued = sinmun::testing::DueMails(*store_, kNow, 10);
  ASSERT_EQ(queued.size(), 1u);
  // The bodies are base64: the link itself is checked in the delivered mail
  // (integration/readers_flow_test); the Message-ID header is plain text.
  EXPECT_NE(queued[0].message.find("@news.example.com>"), std::string::npos);
  EXPECT_EQ(queued[0].message.find("evil.example"), std::string::npos);

  // Without base_url nothing is sent, whatever the request says.
  MakeSite("ko", 60, "");
  const http::Response refused = Send(http::Method::kPost, target,
                                      {{"user-agent", kChrome},
                                       {"origin", "http://evil.example"},
                                       {"host", "evil.example"},
                                       {"content-type", "application/x-www-form-urlencoded"}},
                                      WithToken(target, kGoodMail), "192.0.2.77");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(sinmun::testing::DueMails(*store_, kNow, 10).size(), 1u);
}

TEST_F(ReadersSiteTest, ArticlePageSharesByPlainLinksAndOffersFontSizes) {
  const std::string page = Body(View(first_));
  const std::string url = "https%3A%2F%2Fnews.example.com%2Farticle%2F" + std::to_string(first_);
  EXPECT_NE(page.find("https://www.facebook.com/sharer/sharer.php?u=" + url), std::string::npos);
  EXPECT_NE(page.find("https://x.com/intent/post?url=" + url), std::string::npos);
  EXPECT_NE(page.find("https://band.us/plugin/share?body="), std::string::npos);
  EXPECT_NE(page.find("class=\"copy-link\""), std::string::npos);
  EXPECT_NE(page.find("data-font-step=\"-1\""), std::string::npos);
  EXPECT_NE(page.find("글자 크기"), std::string::npos);
  EXPECT_NE(page.find("/js/reader"), std::string::npos);
  // No third-party script unless a Kakao app key is configured.
  EXPECT_EQ(page.find("<script src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("data-kakao-key"), std::string::npos);
  kakao_app_key_ = "abc123";
  MakeSite();
  const std::string with_key = Body(View(second_));
  EXPECT_NE(with_key.find("data-kakao-key=\"abc123\""), std::string::npos);
  // The SDK is pinned with Subresource Integrity.
  EXPECT_NE(with_key.find("data-kakao-sdk=\"https://t1.kakaocdn.net/kakao_js_sdk/2.7.2/"
                          "kakao.min.js\" data-kakao-integrity=\"sha384-"),
            std::string::npos);
  std::ifstream file(std::string(SINMUN_SOURCE_DIR) + "/static/js/reader.js");
  const std::string script((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
  EXPECT_NE(script.find("sdk.integrity = kakao.getAttribute(\"data-kakao-integrity\")"),
            std::string::npos);
}

}  // namespace
}  // namespace sinmun::site
