// Reader features end to end with the real binary: views survive a graceful stop, a
// recommend survives a restart, and "e-mail this article" reaches a real SMTP server
// (Debian's aiosmtpd), also when that server was down when the reader pressed send.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "integration/newsroom_staff.hpp"
#include "integration/sinmun_process.hpp"
#include "mail/parse_mail.hpp"
#include "mail/smtp_server.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

using nlohmann::json;

class ReadersFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "paper").string();
    const CommandResult demo = MakeDemoPaper(data_, {"--articles", "60", "--seed", "3"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
  }
  // Replaces sinmun.toml with `toml` (every other key keeps its default).
  void Configure(const std::string& toml) { std::ofstream(data_ + "/sinmun.toml") << toml; }

  std::int64_t SomeArticle(std::uint16_t port) {
    const json list = json::parse(HttpGet(port, "/api/v1/articles").body, nullptr, false);
    return list.at("items").at(3).at("id").get<std::int64_t>();
  }
  static std::int64_t WindowViews(std::uint16_t port, std::int64_t id) {
    const json top =
        json::parse(HttpGet(port, "/api/v1/most-viewed?window=24h&limit=50").body, nullptr, false);
    for (const json& item : top.at("items")) {
      if (item.at("id").get<std::int64_t>() == id) return item.at("views").get<std::int64_t>();
    }
    return 0;
  }

  // Waits up to 30 s until /metrics counts a flush of the views done.
  static bool FirstFlushDone(std::uint16_t port) {
    for (int i = 0; i < 300; ++i) {
      if (MetricValue(HttpGet(port, "/metrics").body,
                      R"(sinmun_counters_flushes_total{outcome="ok"})") > 0) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  std::string data_;
};

TEST_F(ReadersFlowTest, AGracefulStopLosesNoView) {
  // Flushing only once an hour: every view below is written by the shutdown flush.
  Configure("[counters]\nflush_seconds = 3600\n[server]\npage_cache_seconds = 60\n");
  constexpr int kViews = 120;
  std::int64_t id = 0;
  {
    ServeProcess server(data_);
    ASSERT_NE(server.port(), 0) << server.output();
    // The rankings load in the flusher's first flush, which then writes the views counted
    // until it takes them: the views below come after that flush (on a busy machine its
    // low-priority thread can run it seconds late).
    ASSERT_TRUE(FirstFlushDone(server.port())) << server.output();
    id = SomeArticle(server.port());
    const std::string target = "/article/" + std::to_string(id);
    for (int i = 0; i < kViews; ++i) {
      char cookie[64];
      std::snprintf(cookie, sizeof cookie, "sinmun_v=%032x", i + 1);
      const HttpResponse page =
          HttpGet(server.port(), target, {{"Cookie", cookie}, {"User-Agent", kDesktopChrome}});
      ASSERT_EQ(page.status, 200);
    }
    // Not counted: a repeat, a bot, a HEAD.
    HttpGet(
        server.port(), target,
        {{"Cookie", "sinmun_v=00000000000000000000000000000001"}, {"User-Agent", kDesktopChrome}});
    HttpGet(server.port(), target, {{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"}});
    HttpRequest(server.port(), "HEAD", target, {{"User-Agent", kDesktopChrome}});
    EXPECT_EQ(WindowViews(server.port(), id), 0);  // still in memory
    EXPECT_EQ(server.Stop(), 0) << server.output();
  }
  ServeProcess again(data_);
  ASSERT_NE(again.port(), 0) << again.output();
  EXPECT_EQ(WindowViews(again.port(), id), kViews);
}

// Behind a load balancer every request comes from its address: readers without a cookie are
// told apart by X-Forwarded-For, which only a configured proxy is believed for.
TEST_F(ReadersFlowTest, ReadersBehindATrustedLoadBalancerAreToldApart) {
  auto views_from = [&](const std::string& trusted) {
    Configure("[counters]\nflush_seconds = 3600\n[server]\ntrusted_proxies = \"" + trusted +
              "\"\n");
    std::int64_t id = 0;
    {
      ServeProcess server(data_);
      EXPECT_NE(server.port(), 0) << server.output();
      id = SomeArticle(server.port());
      const std::string target = "/article/" + std::to_string(id);
      for (const char* forwarded_for :
           {"203.0.113.5", "203.0.113.6", "203.0.113.5",
            // The reader sent a header of their own: the balancer appended the real address.
            "198.51.100.1, 203.0.113.5"}) {
        EXPECT_EQ(HttpGet(server.port(), target,
                          {{"X-Forwarded-For", forwarded_for}, {"User-Agent", kDesktopChrome}})
                      .status,
                  200);
      }
      EXPECT_EQ(server.Stop(), 0) << server.output();
    }
    ServeProcess again(data_);
    EXPECT_NE(again.port(), 0) << again.output();
    return WindowViews(again.port(), id);
  };
  EXPECT_EQ(views_from("127.0.0.1"), 2);
  // Not trusted: all four are the one address and user agent of the balancer.
  EXPECT_EQ(views_from("10.0.0.0/8"), 2 + 1);
}

TEST_F(ReadersFlowTest, AnUnreadableTrustedProxyListStopsServe) {
  Configure("[server]\ntrusted_proxies = \"10.0.0.0/99\"\n");
  const CommandResult serve = RunSinmun({"serve", "--data", data_, "--listen", "127.0.0.1:0"});
  EXPECT_NE(serve.exit_code, 0);
  EXPECT_NE(serve.out.find("10.0.0.0/99"), std::string::npos) << serve.out;
}

TEST_F(ReadersFlowTest, ARecommendCountsOncePerVisitorAcrossRestarts) {
  std::int64_t id = 0;
  const std::string cookie = "sinmun_v=" + std::string(32, 'c');
  auto recommend = [&](std::uint16_t port) {
    const std::string origin = "http://127.0.0.1:" + std::to_string(port);
    return json::parse(HttpRequest(port, "POST", "/article/" + std::to_string(id) + "/recommend",
                                   {{"Origin", origin},
                                    {"Accept", "application/json"},
                                    {"Cookie", cookie},
                                    {"User-Agent", kDesktopChrome}})
                           .body,
                       nullptr, false);
  };
  json first;
  {
    ServeProcess server(data_);
    ASSERT_NE(server.port(), 0) << server.output();
    id = SomeArticle(server.port());
    first = recommend(server.port());
    ASSERT_TRUE(first.is_object());
    EXPECT_EQ(first["counted"], true);
  }
  ServeProcess again(data_);
  ASSERT_NE(again.port(), 0) << again.output();
  const json second = recommend(again.port());
  EXPECT_EQ(second["counted"], false);
  EXPECT_EQ(second["recommends"], first["recommends"]);
}

TEST_F(ReadersFlowTest, EmailReachesTheSmtpServerEvenWhenItWasDown) {
  SmtpServer smtp((dir_.path() / "mailbox").string());
  ASSERT_TRUE(smtp.running());
  // Links in the mail come from base_url (never from Host); the form's minimum fill time is
  // off, since this test sends the form the moment it has it.
  const std::string origin = "https://news.example.com";
  Configure("[server]\nbase_url = \"" + origin +
            "\"\n[mail]\nsmtp_url = \"smtp://127.0.0.1:" + std::to_string(smtp.port()) +
            "\"\nfrom = \"news@example.com\"\nretry_seconds = 1\nmin_fill_seconds = 0\n");
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  const std::int64_t id = SomeArticle(server.port());
  const json article = json::parse(
      HttpGet(server.port(), "/api/v1/articles/" + std::to_string(id)).body, nullptr, false);
  const std::string form_url = "/article/" + std::to_string(id) + "/email";
  auto send = [&](const std::string& to) {
    const std::string form =
        HttpGet(server.port(), form_url, {{"User-Agent", kDesktopChrome}}).body;
    const std::string token = InputValue(form, "form_token");
    return HttpRequest(server.port(), "POST", form_url,
                       {{"Origin", origin},
                        {"Content-Type", "application/x-www-form-urlencoded"},
                        {"User-Agent", kDesktopChrome}},
                       "sender_name=%ED%99%8D%EA%B8%B8%EB%8F%99&sender_email=hong%40example.com"
                       "&recipients=" +
                           to + "&note=%EA%BC%AD+%EC%9D%BD%EC%96%B4+%EB%B3%B4%EC%84%B8%EC%9A%94" +
                           "&form_token=" + token);
  };

  ASSERT_EQ(send("friend%40example.org").status, 303);
  std::vector<std::string> received = smtp.WaitForMessages(1, 30);
  ASSERT_EQ(received.size(), 1u) << server.output();
  const json mail = ParseMail(received[0]);
  EXPECT_EQ(mail["defects"], 0);
  EXPECT_EQ(mail["type"], "multipart/alternative");
  EXPECT_EQ(mail["rcpt"], json::array({"friend@example.org"}));
  EXPECT_EQ(mail["subject"], "[한밭일보] " + article["headline"].get<std::string>());
  EXPECT_EQ(mail["from"], "한밭일보 <news@example.com>");
  EXPECT_EQ(mail["reply_to"], "홍길동 <hong@example.com>");
  const std::string link = origin + "/article/" + std::to_string(id);
  for (const char* part : {"text", "html"}) {
    const std::string body = mail[part];
    EXPECT_NE(body.find(link), std::string::npos) << part;
    EXPECT_NE(body.find("꼭 읽어 보세요"), std::string::npos) << part;
    for (const json& sub : article["subheadlines"]) {
      EXPECT_NE(body.find(sub.get<std::string>()), std::string::npos) << part;
    }
  }

  // The SMTP server goes down; the reader sends; nothing is lost.
  smtp.Stop();
  ASSERT_EQ(send("second%40example.org").status, 303);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // a failed attempt or two meanwhile
  ASSERT_TRUE(smtp.Start());
  received = smtp.WaitForMessages(2, 60);
  ASSERT_EQ(received.size(), 2u) << server.output();
  EXPECT_EQ(ParseMail(received[1])["rcpt"], json::array({"second@example.org"}));
}

// The reader pages of this issue are valid HTML5 (Nu Html Checker), an e-mail form with
// errors included.
TEST_F(ReadersFlowTest, ReaderPagesPassTheNuHtmlChecker) {
  const std::string vnu =
      std::string(SINMUN_SOURCE_DIR) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  ASSERT_TRUE(std::filesystem::exists(vnu)) << vnu << " is missing: run `make deps`";
  ServeProcess server(data_);
  ASSERT_NE(server.port(), 0) << server.output();
  const std::string id = std::to_string(SomeArticle(server.port()));
  const std::string origin = "http://127.0.0.1:" + std::to_string(server.port());
  const std::string html_dir = (dir_.path() / "html").string();
  std::filesystem::create_directories(html_dir);
  int n = 0;
  auto keep = [&](const HttpResponse& page) {
    std::ofstream(html_dir + "/page" + std::to_string(n++) + ".html") << page.body;
  };
  for (const std::string& target :
       {"/article/" + id, "/article/" + id + "/email", "/article/" + id + "/email?sent=1",
        std::string("/most-viewed?window=7d"),
        std::string("/most-viewed?window=all&section=politics")}) {
    const HttpResponse page = HttpGet(server.port(), target, {{"User-Agent", kDesktopChrome}});
    ASSERT_EQ(page.status, 200) << target;
    keep(page);
  }
  const HttpResponse errors = HttpRequest(server.port(), "POST", "/article/" + id + "/email",
                                          {{"Origin", origin},
                                           {"Content-Type", "application/x-www-form-urlencoded"},
                                           {"User-Agent", kDesktopChrome}},
                                          "sender_name=&sender_email=x&recipients=y&note=%3Cb%3E");
  ASSERT_EQ(errors.status, 400);
  keep(errors);
  EXPECT_EQ(NuHtmlCheckerErrors(vnu, html_dir, (dir_.path() / "vnu.txt").string()), "");
}

}  // namespace
}  // namespace sinmun::testing
