// Delivery over SMTP to a real server (aiosmtpd), through the real store's outbox.
#include <gtest/gtest.h>

#include <thread>

#include "app/store_outbox.hpp"
#include "core/time.hpp"
#include "mail/outbox_sender.hpp"
#include "mail/parse_mail.hpp"
#include "mail/reader_mail.hpp"
#include "mail/smtp_server.hpp"
#include "mail/transport.hpp"
#include "support/store_probe.hpp"
#include "support/test_store.hpp"

namespace sinmun::mail {
namespace {

constexpr char kMessage[] =
    "From: news@example.com\r\nTo: <to@example.org>\r\nSubject: =?UTF-8?B?7ZWc6riA?=\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhello\r\n";

// A store with one article and a mail to each of `recipients` in its outbox.
std::unique_ptr<store::Store> StoreWithMail(const std::vector<std::string>& recipients) {
  std::unique_ptr<store::Store> store = testing::OpenTestStore(testing::Backend::kSqlite);
  const auto sections = testing::SeedSections(*store);
  const store::ArticleId article =
      testing::InsertArticle(*store, testing::MakeArticle(sections[0].id, "가", 1'000));
  store::NewMailRequest request{.article_id = article,
                                .client = "c",
                                .sender_email = "s@example.com",
                                .created_at = 1'000,
                                .recipients = {}};
  for (const std::string& to : recipients) request.recipients.push_back({to, kMessage});
  store->EnqueueMail(request, {}).value();
  return store;
}

class SmtpTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  testing::SmtpServer server_{(dir_.path() / "received").string()};
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(server_.port()); }
};

TEST_F(SmtpTest, TheTransportDeliversRejectsAndReportsAServerDown) {
  ASSERT_TRUE(server_.running());
  auto transport = MakeSmtpTransport(Url());
  EXPECT_EQ(transport->Send("news@example.com", "to@example.org", kMessage).delivery,
            Delivery::kSent);
  const std::vector<std::string> received = server_.WaitForMessages(1, 10);
  ASSERT_EQ(received.size(), 1u);
  const nlohmann::json parsed = testing::ParseMail(received[0]);
  EXPECT_EQ(parsed["subject"], "한글");
  EXPECT_EQ(parsed["rcpt"], nlohmann::json::array({"to@example.org"}));

  const DeliveryResult rejected =
      transport->Send("news@example.com", "reject@example.org", kMessage);
  EXPECT_EQ(rejected.delivery, Delivery::kRejected);
  EXPECT_NE(rejected.detail.find("550"), std::string::npos) << rejected.detail;

  server_.Stop();
  EXPECT_EQ(transport->Send("news@example.com", "to@example.org", kMessage).delivery,
            Delivery::kTemporaryFailure);
}

TEST_F(SmtpTest, OutboxMailWaitsForADownServerAndRejectionsAreNotRetried) {
  std::unique_ptr<store::Store> store = StoreWithMail({"to@example.org", "reject@example.org"});

  server_.Stop();
  FixedClock clock(2'000);
  app::StoreOutbox outbox(store.get());
  OutboxSenderOptions options;
  options.from = "news@example.com";
  options.first_retry = std::chrono::seconds(30);
  OutboxSender sender(&outbox, MakeSmtpTransport(Url()), &clock, options);
  EXPECT_EQ(sender.SendDue().value(), 0);
  const std::vector<store::OutboxMail> waiting = sinmun::testing::DueMails(*store, 2'030, 10);
  ASSERT_EQ(waiting.size(), 2u);  // both kept, due again after the backoff
  EXPECT_EQ(waiting[0].attempts, 1);
  EXPECT_TRUE(sinmun::testing::DueMails(*store, 2'029, 10).empty());

  ASSERT_TRUE(server_.Start());
  FixedClock later(2'030);
  OutboxSender again(&outbox, MakeSmtpTransport(Url()), &later, options);
  EXPECT_EQ(again.SendDue().value(), 1);
  ASSERT_EQ(server_.WaitForMessages(1, 10).size(), 1u);
  EXPECT_EQ(sinmun::testing::MailById(*store, waiting[0].id).status, store::MailStatus::kSent);
  const store::OutboxMail rejected = sinmun::testing::MailById(*store, waiting[1].id);
  EXPECT_EQ(rejected.status, store::MailStatus::kRejected);
  EXPECT_NE(rejected.last_error.find("550"), std::string::npos);
  EXPECT_TRUE(sinmun::testing::DueMails(*store, 1'000'000, 10).empty());  // nothing left to retry
}

TEST_F(SmtpTest, BackoffDoublesUpToTheCap) {
  std::unique_ptr<store::Store> store = StoreWithMail({"to@example.org"});
  server_.Stop();
  app::StoreOutbox outbox(store.get());
  OutboxSenderOptions options;
  options.first_retry = std::chrono::seconds(10);
  options.max_retry = std::chrono::seconds(35);
  Timestamp now = 1'000;
  std::vector<Timestamp> waits;
  for (int i = 0; i < 4; ++i) {
    FixedClock clock(now);
    OutboxSender sender(&outbox, MakeSmtpTransport(Url()), &clock, options);
    sender.SendDue().value();
    const store::OutboxMail mail = sinmun::testing::MailById(*store, 1);
    waits.push_back(mail.next_attempt_at - now);
    now = mail.next_attempt_at;
  }
  EXPECT_EQ(waits, (std::vector<Timestamp>{10, 20, 35, 35}));
}

// A tipster's receipt (issue #18) goes through the same outbox as any mail: kept while the
// server is down, delivered once it is back, and read by a mail client as the paper wrote it.
TEST_F(SmtpTest, ATipstersReceiptWaitsForADownServerAndArrivesWithItsStatusLink) {
  std::unique_ptr<store::Store> store = testing::OpenTestStore(testing::Backend::kSqlite);
  const store::TipId tip = store
                               ->FileTip({.kind = store::TipKind::kTip,
                                          .name = "김제보",
                                          .contact = "tipster@example.org",
                                          .title = "하천 오염 제보",
                                          .text = "거품이 흘러나옵니다.",
                                          .status_token = "tip-token",
                                          .received_at = 1'000})
                               .value();
  const std::string root = SINMUN_SOURCE_DIR;
  const auto labels = render::Renderer::Load(root + "/templates", root + "/messages", "ko").value();
  const std::string message = ComposeTipMail(*labels,
                                             {.paper_name = "한밭일보",
                                              .tip_id = tip,
                                              .kind = "tip",
                                              .title = "하천 오염 제보",
                                              .state = "received",
                                              .reply = "",
                                              .status_token = "tip-token"},
                                             {"news@example.com", "tipster@example.org",
                                              "https://news.example.com/", 1'000})
                                  .value();
  store
      ->EnqueueNotice({.correction_id = std::nullopt,
                       .tip_id = tip,
                       .recipient = "tipster@example.org",
                       .message = message,
                       .created_at = 1'000})
      .value();

  server_.Stop();
  app::StoreOutbox outbox(store.get());
  OutboxSenderOptions options;
  options.from = "news@example.com";
  options.first_retry = std::chrono::seconds(30);
  FixedClock clock(1'000);
  OutboxSender sender(&outbox, MakeSmtpTransport(Url()), &clock, options);
  EXPECT_EQ(sender.SendDue().value(), 0);
  EXPECT_EQ(store->PendingMailCount().value(), 1);

  ASSERT_TRUE(server_.Start());
  FixedClock later(1'030);
  OutboxSender again(&outbox, MakeSmtpTransport(Url()), &later, options);
  EXPECT_EQ(again.SendDue().value(), 1);
  const std::vector<std::string> received = server_.WaitForMessages(1, 10);
  ASSERT_EQ(received.size(), 1u);
  const nlohmann::json parsed = testing::ParseMail(received[0]);
  EXPECT_EQ(parsed["rcpt"], nlohmann::json::array({"tipster@example.org"}));
  EXPECT_EQ(parsed["subject"], "[한밭일보] 제보 #" + std::to_string(tip));
  const std::string text = parsed["text"];
  EXPECT_NE(text.find("하천 오염 제보"), std::string::npos) << text;
  EXPECT_NE(text.find("https://news.example.com/tip/status/tip-token"), std::string::npos) << text;
  EXPECT_EQ(parsed["defects"], 0);
  EXPECT_EQ(store->PendingMailCount().value(), 0);
}

}  // namespace
}  // namespace sinmun::mail
