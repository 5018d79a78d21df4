// Correction and reply cases in the newsroom (issue #18): each flow a case can take, handled
// by a 고충처리인; the deadlines of the 언론중재법 on an injected clock, flagged on the list and
// the dashboard; the requester's mail at each step; the evidence downloaded as sent.

#include <gmock/gmock.h>

#include "core/time.hpp"
#include "newsroom_fixture.hpp"
#include "store/store_text.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// kStart is 2024-05-03 12:00 KST: the answer is due at the end of 05-06, publication at the
// end of 05-10.
const Timestamp kReplyDue = ParseKst("2024-05-07 00:00").value();
const Timestamp kPublishDue = ParseKst("2024-05-11 00:00").value();

class CorrectionsDeskTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    ombudsman_id_ = AddUser("ombuds@example.com", store::Role::kOmbudsman);
    editor_id_ = AddUser("editor@example.com", store::Role::kEditor);
    AddUser("reporter@example.com", store::Role::kReporter);
    ASSERT_EQ(Login(ombudsman_, "ombuds@example.com").status, 303);
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
    article_ = sinmun::testing::InsertArticle(
        *store_, sinmun::testing::MakeArticle(sections_[0].id, "문제의 기사", kStart - 3600));
    case_ = store_
                ->FileCorrection({.article_id = article_,
                                  .kind = store::CorrectionKind::kCorrection,
                                  .requester = "김청구",
                                  .contact = "claimant@example.com",
                                  .text = "사실은 이렇습니다.",
                                  .status_token = "status-token",
                                  .files = {{.name = "proof.png",
                                             .media_type = "image/png",
                                             .data = "\x89PNG\r\n\x1A\nrest"}},
                                  .received_at = kStart})
                .value();
  }

  std::string CaseUrl() const { return "/newsroom/corrections/" + std::to_string(case_); }

  http::Response Move(Browser& browser, const std::string& to, const std::string& answer = "",
                      const std::string& text = "") {
    return Act(browser, CaseUrl() + "/move",
               {{"to", to}, {"answer", answer}, {"published_text", text}});
  }

  // Moves the clock on; the editor's session has ended meanwhile, so they log in again, in a
  // fresh browser.
  void Later(Timestamp seconds) {
    clock_.Advance(seconds);
    editor_ = Browser{};
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
  }

  store::CaseState State() const { return store_->CorrectionById(case_).value().state; }

  std::vector<std::pair<std::string, std::string>> Mails() { return QueuedMails(); }

  Browser ombudsman_;
  Browser editor_;
  store::UserId ombudsman_id_ = 0;
  store::UserId editor_id_ = 0;
  store::ArticleId article_ = 0;
  store::CorrectionId case_ = 0;
};

TEST_F(CorrectionsDeskTest, AnAcceptedRequestIsPublishedWithAMailAtEachStep) {
  // The ombudsman's home is the cases.
  EXPECT_EQ(Header(Get(ombudsman_, "/newsroom"), "Location"), "/newsroom/corrections");
  const std::string list = Body(Get(ombudsman_, "/newsroom/corrections"));
  EXPECT_THAT(list, HasSubstr("문제의 기사"));
  EXPECT_THAT(list, HasSubstr("2024-05-07 00:00"));  // the answer's deadline

  EXPECT_EQ(
      Act(ombudsman_, CaseUrl() + "/assign", {{"assignee", std::to_string(ombudsman_id_)}}).status,
      303);
  EXPECT_EQ(store_->CorrectionById(case_)->assignee, ombudsman_id_);
  const std::string page = Body(Get(ombudsman_, CaseUrl()));
  EXPECT_THAT(page, HasSubstr("사실은 이렇습니다."));
  EXPECT_THAT(page, HasSubstr("proof.png"));

  ASSERT_EQ(Move(ombudsman_, "reviewing").status, 303);
  EXPECT_EQ(State(), store::CaseState::kReviewing);
  ASSERT_EQ(Move(ombudsman_, "accepted", "정정하겠습니다").status, 303);
  EXPECT_EQ(State(), store::CaseState::kAccepted);
  const std::int64_t sequence = store_->ChangeSequence().value();
  ASSERT_EQ(Move(ombudsman_, "published", "", "바로잡습니다. 사실은 이렇습니다.").status, 303);
  EXPECT_EQ(State(), store::CaseState::kPublished);
  EXPECT_GT(store_->ChangeSequence().value(), sequence);
  ASSERT_EQ(store_->PublishedCorrections(article_, {}).value().size(), 1u);
  EXPECT_EQ(store_->PublishedCorrections(article_, {})->front().text,
            "바로잡습니다. 사실은 이렇습니다.");
  EXPECT_EQ(AuditActions(4),
            (std::vector<std::string>{"correction_published", "correction_accepted",
                                      "correction_reviewing", "correction_assign"}));

  const auto mails = Mails();
  ASSERT_EQ(mails.size(), 3u);
  for (const auto& [to, text] : mails) {
    EXPECT_EQ(to, "claimant@example.com");
    EXPECT_THAT(text, HasSubstr("/corrections/status/status-token"));
  }
  EXPECT_THAT(mails[0].second, HasSubstr("검토하고"));
  EXPECT_THAT(mails[1].second, HasSubstr("정정하겠습니다"));
  EXPECT_THAT(mails[2].second, HasSubstr("바로잡습니다."));
  // Published is final.
  EXPECT_EQ(Move(ombudsman_, "refused", "늦은 거부").status, 409);
}

TEST_F(CorrectionsDeskTest, ARefusalNeedsItsGroundAndEndsTheCase) {
  ASSERT_EQ(Move(editor_, "reviewing").status, 303);
  // Without a ground: sent back, nothing moves, nothing is mailed for it.
  const http::Response bare = Move(editor_, "refused");
  EXPECT_EQ(Header(bare, "Location"), CaseUrl() + "?error=1");
  EXPECT_EQ(State(), store::CaseState::kReviewing);
  ASSERT_EQ(Move(editor_, "refused", "공익을 위한 보도로서 청구 대상이 아닙니다.").status, 303);
  EXPECT_EQ(State(), store::CaseState::kRefused);
  const auto mails = Mails();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_THAT(mails[1].second, HasSubstr("공익을 위한 보도로서"));
  EXPECT_EQ(Move(editor_, "published", "", "게재").status, 409);
  EXPECT_TRUE(store_->PublishedCorrections(article_, {}).value().empty());
  // Only a 고충처리인 is given a case; a reporter sees none.
  EXPECT_EQ(Act(editor_, CaseUrl() + "/assign", {{"assignee", std::to_string(editor_id_)}}).status,
            400);
  Browser reporter;
  ASSERT_EQ(Login(reporter, "reporter@example.com").status, 303);
  EXPECT_EQ(Get(reporter, "/newsroom/corrections").status, 403);
}

TEST_F(CorrectionsDeskTest, AnUnansweredRequestIsOverdueAfterThreeDays) {
  Later(kReplyDue - 60 - kStart);  // 05-06 23:59
  EXPECT_THAT(Body(Get(editor_, "/newsroom")), Not(HasSubstr("overdue-corrections")));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/corrections")), Not(HasSubstr("id=\"overdue\"")));
  ASSERT_EQ(Move(editor_, "reviewing").status, 303);  // reviewing is not an answer

  Later(60);  // 05-07 00:00
  const std::string dashboard = Body(Get(editor_, "/newsroom"));
  EXPECT_THAT(dashboard, HasSubstr("id=\"overdue-corrections\""));
  EXPECT_THAT(dashboard, HasSubstr("기한이 지난 정정·반론 청구: 1"));
  EXPECT_THAT(Body(Get(editor_, "/newsroom/corrections")), HasSubstr("id=\"overdue\""));

  // An answer ends the first deadline.
  ASSERT_EQ(Move(editor_, "refused", "사실입니다").status, 303);
  EXPECT_THAT(Body(Get(editor_, "/newsroom")), Not(HasSubstr("overdue-corrections")));
}

TEST_F(CorrectionsDeskTest, AnAcceptedRequestIsOverdueSevenDaysAfterReceiptUntilPublished) {
  ASSERT_EQ(Move(editor_, "reviewing").status, 303);
  ASSERT_EQ(Move(editor_, "accepted", "수용").status, 303);
  Later(kPublishDue - 60 - kStart);  // 05-10 23:59: answered, not yet late
  EXPECT_THAT(Body(Get(editor_, "/newsroom")), Not(HasSubstr("overdue-corrections")));
  Later(60);
  EXPECT_THAT(Body(Get(editor_, "/newsroom")), HasSubstr("overdue-corrections"));
  const std::string list = Body(Get(editor_, "/newsroom/corrections?state=accepted"));
  EXPECT_THAT(list, HasSubstr("2024-05-11 00:00"));
  EXPECT_THAT(list, HasSubstr("nr-overdue"));
  ASSERT_EQ(Move(editor_, "published", "", "정정보도문").status, 303);
  EXPECT_THAT(Body(Get(editor_, "/newsroom")), Not(HasSubstr("overdue-corrections")));
}

TEST_F(CorrectionsDeskTest, EvidenceIsDownloadedAsSentAndNeverShownInline) {
  const http::Response file = Get(ombudsman_, CaseUrl() + "/files/1");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.content_type, "image/png");
  EXPECT_EQ(Body(file), "\x89PNG\r\n\x1A\nrest");
  EXPECT_THAT(Header(file, "Content-Disposition"), HasSubstr("attachment"));
  EXPECT_EQ(Header(file, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Get(ombudsman_, CaseUrl() + "/files/2").status, 404);
  EXPECT_EQ(Get(ombudsman_, "/newsroom/corrections/999").status, 404);
  EXPECT_EQ(Get(ombudsman_, "/newsroom/corrections?state=bogus").status, 400);
}

}  // namespace
}  // namespace sinmun::newsroom
