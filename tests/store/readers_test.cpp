// Views, recommends and the e-mail outbox (issue #4) on every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "store/store.hpp"
#include "support/store_probe.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;
using testing::Must;

using testing::kNow;
constexpr std::int64_t kHour = kNow / 3600;

class StoreReadersTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);

  ArticleId Insert(int section, const std::string& headline, Timestamp at = kNow - 3600) {
    return testing::InsertArticle(*store_, MakeArticle(sections_[section].id, headline, at));
  }

  NewMailRequest Mail(ArticleId article, std::string client, std::string sender,
                      std::vector<std::string> recipients, Timestamp at = kNow) {
    NewMailRequest request{.article_id = article,
                           .client = std::move(client),
                           .sender_email = std::move(sender),
                           .created_at = at,
                           .recipients = {}};
    for (std::string& to : recipients)
      request.recipients.push_back({to, "Subject: hi\r\n\r\n" + to});
    return request;
  }
};

TEST_P(StoreReadersTest, AddViewsRaisesTotalsAndHourlyBuckets) {
  const ArticleId a = Insert(0, "가");
  const ArticleId b = Insert(1, "나");
  const std::vector<HourlyViews> added =
      store_->AddViews(kHour, {{a, 3}, {b, 5}, {999'999, 4}, {a, 0}}).value();
  ASSERT_EQ(added.size(), 2u);  // the unknown article and the empty delta are left out
  EXPECT_EQ(added[0].article_id, a);
  EXPECT_EQ(added[0].section_id, sections_[0].id);
  EXPECT_EQ(added[1].section_id, sections_[1].id);
  store_->AddViews(kHour, {{a, 2}}).value();
  store_->AddViews(kHour + 1, {{a, 1}}).value();

  EXPECT_EQ(store_->PublishedArticle(a, kNow).value().views, 6);
  EXPECT_EQ(store_->PublishedArticle(b, kNow).value().views, 5);
  std::vector<HourlyViews> buckets = store_->HourlyViewsSince(kHour).value();
  std::sort(buckets.begin(), buckets.end(), [](const HourlyViews& x, const HourlyViews& y) {
    return std::tie(x.article_id, x.hour) < std::tie(y.article_id, y.hour);
  });
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[0].views, 5);  // a, kHour: 3 + 2 in one bucket
  EXPECT_EQ(buckets[1].hour, kHour + 1);
  EXPECT_EQ(buckets[2].article_id, b);
  EXPECT_EQ(store_->HourlyViewsSince(kHour + 1).value().size(), 1u);
}

TEST_P(StoreReadersTest, FlushedViewsShowOnTheArticleTheListsAndTheAllTimeRanking) {
  const ArticleId imported = testing::InsertArticle(
      *store_, MakeArticle(sections_[0].id, "옮겨 온 기사", kNow - 7200, {}, 40));
  const ArticleId read = Insert(0, "읽힌 기사", kNow - 3600);
  const ArticleId unread = Insert(1, "안 읽힌 기사", kNow - 600);
  const ArticleId older_unread = Insert(0, "더 오래된 안 읽힌 기사", kNow - 9000);

  Must(store_->AddViews(kHour, {{read, 30}, {imported, 5}}));
  Must(store_->AddViews(kHour, {{read, 20}}));

  EXPECT_EQ(Must(store_->PublishedArticle(read, kNow)).views, 50);
  EXPECT_EQ(Must(store_->PublishedArticle(imported, kNow)).views, 45);  // its start, then counts
  EXPECT_EQ(Must(store_->PublishedArticle(unread, kNow)).views, 0);
  for (const ArticleSummary& item : Must(store_->LatestArticles({}, {}, kNow)).items) {
    if (item.id == read) EXPECT_EQ(item.views, 50);
  }

  // Counted articles by views; the uncounted fill the rest, newest first.
  const auto ids_of = [](const std::vector<ArticleSummary>& items) {
    std::vector<ArticleId> ids;
    for (const ArticleSummary& item : items) ids.push_back(item.id);
    return ids;
  };
  EXPECT_EQ(ids_of(Must(store_->MostViewed(std::nullopt, std::nullopt, 10, kNow))),
            (std::vector<ArticleId>{read, imported, unread, older_unread}));
  EXPECT_EQ(ids_of(Must(store_->MostViewed(std::nullopt, std::nullopt, 3, kNow))),
            (std::vector<ArticleId>{read, imported, unread}));
  EXPECT_EQ(ids_of(Must(store_->MostViewed(sections_[0].id, std::nullopt, 10, kNow))),
            (std::vector<ArticleId>{read, imported, older_unread}));
  EXPECT_EQ(ids_of(Must(store_->MostViewed(std::nullopt, kNow - 3600, 10, kNow))),
            (std::vector<ArticleId>{read, unread}));
  EXPECT_EQ(Must(store_->MostViewed(std::nullopt, std::nullopt, 1, kNow)).at(0).views, 50);

  // A ranking that changes with the next flush.
  Must(store_->AddViews(kHour + 1, {{unread, 100}}));
  EXPECT_EQ(ids_of(Must(store_->MostViewed(std::nullopt, std::nullopt, 2, kNow))),
            (std::vector<ArticleId>{unread, read}));
}

TEST_P(StoreReadersTest, SummariesByIdsKeepTheOrderAndSkipUnpublished) {
  const ArticleId a = Insert(0, "가");
  const ArticleId b = Insert(1, "나");
  const ArticleId later = Insert(2, "예약", kNow + 3600);
  const std::vector<ArticleSummary> found =
      store_->SummariesByIds({b, later, 424242, a}, kNow).value();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].id, b);
  EXPECT_EQ(found[0].headline, "나");
  EXPECT_EQ(found[1].id, a);
  EXPECT_EQ(found[1].section.slug, sections_[0].slug);
  EXPECT_TRUE(store_->SummariesByIds({}, kNow).value().empty());
}

TEST_P(StoreReadersTest, OneRecommendPerVisitorSurvivesReopening) {
  const ArticleId a = Insert(0, "가");
  RecommendResult first = store_->Recommend(a, "c1", kNow).value();
  EXPECT_TRUE(first.counted);
  EXPECT_EQ(first.recommends, 1);
  EXPECT_FALSE(store_->Recommend(a, "c1", kNow).value().counted);
  EXPECT_EQ(store_->Recommend(a, "c2", kNow).value().recommends, 2);

  store_.reset();
  store_ = database_.Open();
  const RecommendResult again = store_->Recommend(a, "c1", kNow + 86400).value();
  EXPECT_FALSE(again.counted);
  EXPECT_EQ(again.recommends, 2);
  EXPECT_EQ(store_->PublishedArticle(a, kNow).value().recommends, 2);
  EXPECT_EQ(testing::ErrorCodeOf(store_->Recommend(777777, "c1", kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreReadersTest, MostRecommendedAndMostEmailedCountTheWeekOnly) {
  const ArticleId a = Insert(0, "가", kNow - 10 * 86400);
  const ArticleId b = Insert(1, "나", kNow - 10 * 86400);
  store_->Recommend(a, "old", kNow - 8 * 86400).value();
  store_->Recommend(a, "old2", kNow - 8 * 86400).value();
  store_->Recommend(b, "v1", kNow - 3600).value();
  store_->Recommend(a, "v2", kNow - 60).value();
  store_->Recommend(b, "v3", kNow - 60).value();
  const std::vector<RankedSummary> recommended =
      store_->MostRecommended(kNow - 7 * 86400, 10, kNow).value();
  ASSERT_EQ(recommended.size(), 2u);
  EXPECT_EQ(recommended[0].article.id, b);
  EXPECT_EQ(recommended[0].count, 2);
  EXPECT_EQ(recommended[1].count, 1);

  store_->EnqueueMail(Mail(a, "x", "s@example.com", {"r1@example.com", "r2@example.com"}), {})
      .value();
  store_->EnqueueMail(Mail(b, "x", "s@example.com", {"r1@example.com"}), {}).value();
  store_
      ->EnqueueMail(
          Mail(b, "x", "s@example.com", {"r1@example.com", "r3@example.com"}, kNow - 8 * 86400), {})
      .value();
  const std::vector<RankedSummary> emailed = store_->MostEmailed(kNow - 7 * 86400, 1, kNow).value();
  ASSERT_EQ(emailed.size(), 1u);
  EXPECT_EQ(emailed[0].article.id, a);
  EXPECT_EQ(emailed[0].count, 2);
}

TEST_P(StoreReadersTest, OutboxKeepsMailUntilSentOrRejected) {
  const ArticleId a = Insert(0, "가");
  EXPECT_EQ(testing::ErrorCodeOf(store_->EnqueueMail(Mail(a, "x", "s@example.com", {}), {})),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(testing::ErrorCodeOf(
                store_->EnqueueMail(Mail(55555, "x", "s@example.com", {"r@example.com"}), {})),
            ErrorCode::kNotFound);
  store_->EnqueueMail(Mail(a, "x", "s@example.com", {"one@example.com", "two@example.com"}), {})
      .value();

  EXPECT_EQ(store_->PendingMailCount().value(), 2);
  std::vector<OutboxMail> due = sinmun::testing::DueMails(*store_, kNow, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].recipient, "one@example.com");
  EXPECT_EQ(due[0].message, "Subject: hi\r\n\r\none@example.com");
  EXPECT_EQ(due[0].status, MailStatus::kPending);
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow - 1, 10).empty());

  ASSERT_TRUE(store_->MarkMailRetry(due[0].id, kNow + 60, "connection refused").has_value());
  ASSERT_TRUE(store_->MarkMailRejected(due[1].id, "550 no such user").has_value());
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow, 10).empty());
  EXPECT_EQ(store_->PendingMailCount().value(), 1);  // the retry waits; the rejected is done
  const OutboxMail retry = sinmun::testing::MailById(*store_, due[0].id);
  EXPECT_EQ(retry.attempts, 1);
  EXPECT_EQ(retry.next_attempt_at, kNow + 60);
  EXPECT_EQ(retry.last_error, "connection refused");
  const OutboxMail rejected = sinmun::testing::MailById(*store_, due[1].id);
  EXPECT_EQ(rejected.status, MailStatus::kRejected);
  EXPECT_EQ(rejected.last_error, "550 no such user");

  // Still there after a restart, due when its time comes.
  store_.reset();
  store_ = database_.Open();
  due = sinmun::testing::DueMails(*store_, kNow + 60, 10);
  ASSERT_EQ(due.size(), 1u);
  ASSERT_TRUE(store_->MarkMailSent(due[0].id, kNow + 61).has_value());
  EXPECT_EQ(sinmun::testing::MailById(*store_, due[0].id).status, MailStatus::kSent);
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow + 10000, 10).empty());
  EXPECT_EQ(store_->PendingMailCount().value(), 0);
  EXPECT_EQ(testing::ErrorCodeOf(store_->MarkMailRetry(due[0].id, kNow, "x")),
            ErrorCode::kNotFound);
}

// Mail to a correction requester or a tipster (issue #18) belongs to the case or the tip: it
// is sent and retried as any outbox mail, but is neither an article e-mailed nor counted in the
// hourly caps of "e-mail this article", and goes when its case or tip does.
TEST_P(StoreReadersTest, NoticesAboutACaseOrATipAreQueuedButNeverCountAsArticlesEmailed) {
  const ArticleId a = Insert(0, "가", kNow - 7200);
  const CorrectionId case_id = store_
                                   ->FileCorrection({.article_id = a,
                                                     .kind = CorrectionKind::kCorrection,
                                                     .requester = "홍길동",
                                                     .contact = "hong@example.com",
                                                     .text = "바로잡아 주십시오.",
                                                     .status_token = "case-token",
                                                     .received_at = kNow})
                                   .value();
  const TipId tip = store_
                        ->FileTip({.kind = TipKind::kTip,
                                   .name = "김제보",
                                   .contact = "tipster@example.com",
                                   .title = "제보",
                                   .text = "내용",
                                   .status_token = "tip-token",
                                   .received_at = kNow})
                        .value();
  const auto notice = [&](std::optional<std::int64_t> about_case,
                          std::optional<std::int64_t> about_tip, std::string to) {
    return store_->EnqueueNotice({.correction_id = about_case,
                                  .tip_id = about_tip,
                                  .recipient = std::move(to),
                                  .message = "Subject: step\r\n\r\nreceived",
                                  .created_at = kNow});
  };
  ASSERT_TRUE(notice(case_id, std::nullopt, "hong@example.com"));
  ASSERT_TRUE(notice(std::nullopt, tip, "tipster@example.com"));
  EXPECT_EQ(testing::ErrorCodeOf(notice(case_id, tip, "x@example.com")), ErrorCode::kInvalidInput);
  EXPECT_EQ(testing::ErrorCodeOf(notice(std::nullopt, std::nullopt, "x@example.com")),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(testing::ErrorCodeOf(notice(std::nullopt, tip, "")), ErrorCode::kInvalidInput);
  EXPECT_EQ(testing::ErrorCodeOf(notice(std::nullopt, tip + 100, "x@example.com")),
            ErrorCode::kNotFound);
  EXPECT_EQ(testing::ErrorCodeOf(notice(case_id + 100, std::nullopt, "x@example.com")),
            ErrorCode::kNotFound);

  const std::vector<OutboxMail> due = sinmun::testing::DueMails(*store_, kNow, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].recipient, "hong@example.com");
  EXPECT_EQ(due[1].recipient, "tipster@example.com");
  EXPECT_EQ(due[1].message, "Subject: step\r\n\r\nreceived");
  ASSERT_TRUE(store_->MarkMailRetry(due[1].id, kNow + 60, "connection refused"));
  EXPECT_EQ(store_->PendingMailCount().value(), 2);

  // Not an article e-mailed, and no part of the site's hourly cap of one.
  EXPECT_TRUE(store_->MostEmailed(kNow - 86400, 10, kNow).value().empty());
  EXPECT_TRUE(store_->EnqueueMail(Mail(a, "x", "s@example.com", {"r@example.com"}),
                                  {.per_article_per_hour = 1, .site_per_hour = 1}));
  EXPECT_EQ(store_->MailRequestsSince("x", "s@example.com", kNow - 60).value().by_client, 1);
}

// Several nodes (issue #8): each runs a sender over the same outbox, through its own store.
TEST_P(StoreReadersTest, TwoSendersClaimingAtOnceNeverGetTheSameMail) {
  const ArticleId a = Insert(0, "가");
  constexpr int kMails = 60;
  for (int i = 0; i < kMails; ++i) {
    store_
        ->EnqueueMail(Mail(a, "x", "s@example.com", {"r" + std::to_string(i) + "@example.com"}), {})
        .value();
  }
  std::unique_ptr<Store> other_node = database_.Open();
  std::vector<OutboxMail> claimed[2];
  auto sender = [&](Store* store, std::vector<OutboxMail>* out) {
    for (int failures = 0; failures < 100;) {
      Result<std::vector<OutboxMail>> batch = store->ClaimDueMails(kNow, 3, kNow + 600);
      if (!batch) {  // busy: the other node is claiming; ask again (the count below tells)
        ++failures;
        continue;
      }
      if (batch->empty()) return;
      out->insert(out->end(), batch->begin(), batch->end());
    }
  };
  std::thread first(sender, store_.get(), &claimed[0]);
  std::thread second(sender, other_node.get(), &claimed[1]);
  first.join();
  second.join();
  std::vector<std::int64_t> ids;
  for (const auto& node : claimed) {
    for (const OutboxMail& mail : node) {
      ids.push_back(mail.id);
      EXPECT_EQ(mail.next_attempt_at, kNow + 600);
    }
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids.size(), static_cast<size_t>(kMails));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "a mail claimed twice";

  // Claimed mail is not due for anyone until its lease ends (its sender died meanwhile).
  EXPECT_TRUE(sinmun::testing::DueMails(*store_, kNow + 599, 100).empty());
  EXPECT_EQ(store_->ClaimDueMails(kNow + 600, 100, kNow + 1200).value().size(),
            static_cast<size_t>(kMails));
  ASSERT_TRUE(store_->MarkMailSent(ids[0], kNow + 601).has_value());
  EXPECT_EQ(sinmun::testing::MailById(*store_, ids[0]).status, MailStatus::kSent);
  EXPECT_TRUE(store_->ClaimDueMails(kNow + 100000, 0, kNow).value().empty());
}

TEST_P(StoreReadersTest, MailRequestsAreCountedByClientAndSender) {
  const ArticleId a = Insert(0, "가");
  store_->EnqueueMail(Mail(a, "client-a", "s@example.com", {"r@example.com"}, kNow - 7200), {})
      .value();
  store_->EnqueueMail(Mail(a, "client-a", "t@example.com", {"r@example.com"}), {}).value();
  store_->EnqueueMail(Mail(a, "client-b", "s@example.com", {"r@example.com"}), {}).value();
  const Store::MailRequestCounts hour =
      store_->MailRequestsSince("client-a", "s@example.com", kNow - 3600).value();
  EXPECT_EQ(hour.by_client, 1);
  EXPECT_EQ(hour.by_sender, 1);
  const Store::MailRequestCounts day =
      store_->MailRequestsSince("client-a", "s@example.com", kNow - 86400).value();
  EXPECT_EQ(day.by_client, 2);
  EXPECT_EQ(day.by_sender, 2);
}

// "E-mail this article"'s hourly caps (issue #17) are counted by the store as it writes: two
// nodes enqueueing at once, about one article and another, pass neither the per-article cap
// nor the site-wide one together, and requests older than an hour do not count.
TEST_P(StoreReadersTest, MailCapsHoldForTwoNodesEnqueueingAtOnce) {
  const ArticleId a = Insert(0, "가");
  const ArticleId b = Insert(1, "나");
  store_->EnqueueMail(Mail(a, "old", "s@example.com", {"r@example.com"}, kNow - 3600), {}).value();
  const MailOutbox::MailCaps caps{.per_article_per_hour = 4, .site_per_hour = 6};
  std::unique_ptr<Store> other_node = database_.Open();
  int accepted[2][2] = {};  // [node][article a, b]
  auto node = [&](Store* store, int* about) {
    for (int i = 0; i < 10; ++i) {
      const ArticleId article = i % 2 == 0 ? a : b;
      for (int busy = 0; busy < 100; ++busy) {
        const Result<std::int64_t> queued =
            store->EnqueueMail(Mail(article, "c", "s@example.com", {"r@example.com"}), caps);
        if (queued) ++about[article == a ? 0 : 1];
        // kUnavailable: the other node holds the lock; ask again (kConflict: a cap).
        if (queued || queued.error().code != ErrorCode::kUnavailable) break;
      }
    }
  };
  std::thread first(node, store_.get(), accepted[0]);
  std::thread second(node, other_node.get(), accepted[1]);
  first.join();
  second.join();
  const int about_a = accepted[0][0] + accepted[1][0];
  const int about_b = accepted[0][1] + accepted[1][1];
  EXPECT_LE(about_a, 4);
  EXPECT_LE(about_b, 4);
  EXPECT_EQ(about_a + about_b, 6);  // 20 tries: the site's cap is what stops them

  EXPECT_EQ(testing::ErrorCodeOf(
                store_->EnqueueMail(Mail(b, "d", "t@example.com", {"r@example.com"}), caps)),
            ErrorCode::kConflict);
  // An hour on, the hour's requests are forgotten.
  EXPECT_TRUE(
      store_->EnqueueMail(Mail(a, "d", "t@example.com", {"r@example.com"}, kNow + 3600), caps)
          .has_value());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreReadersTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
