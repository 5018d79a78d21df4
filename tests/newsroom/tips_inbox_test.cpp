// The newsroom's inbox of news tips and reader submissions (issue #18): filtered by state and
// kind, a tip assigned, noted, replied to and used with its history and the audit log, files
// downloaded by staff only, and a reader submission made into a draft bylined 독자 in one
// action.

#include <gmock/gmock.h>

#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TipsInboxTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    editor_id_ = AddUser("editor@example.com", store::Role::kEditor);
    reporter_id_ = AddUser("reporter@example.com", store::Role::kReporter);
    ombudsman_id_ = AddUser("ombuds@example.com", store::Role::kOmbudsman);
    ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
    ASSERT_EQ(Login(ombudsman_, "ombuds@example.com").status, 303);
    tip_ = File(store::TipKind::kTip, "tip-token", "tipster@example.com");
    submission_ = File(store::TipKind::kSubmission, "letter-token", "");
  }

  store::TipId File(store::TipKind kind, const std::string& token, const std::string& contact) {
    return store_
        ->FileTip({.kind = kind,
                   .name = "김독자",
                   .contact = contact,
                   .title = kind == store::TipKind::kTip ? "골목 불법 주차" : "우리 동네 도서관",
                   .text = "첫 문단입니다.\n\n둘째 문단입니다.",
                   .status_token = token,
                   .files = {{.name = "현장.jpg",
                              .media_type = "image/jpeg",
                              .data = std::string("\xFF\xD8\xFF\0jpeg", 8)}},
                   .received_at = kStart})
        .value();
  }

  std::string TipUrl(store::TipId id) const { return "/newsroom/tips/" + std::to_string(id); }

  Browser editor_;
  Browser ombudsman_;
  store::UserId editor_id_ = 0;
  store::UserId reporter_id_ = 0;
  store::UserId ombudsman_id_ = 0;
  store::TipId tip_ = 0;
  store::TipId submission_ = 0;
};

TEST_F(TipsInboxTest, TheInboxListsAndFiltersByStateAndKind) {
  const std::string all = Body(Get(editor_, "/newsroom/tips"));
  EXPECT_THAT(all, HasSubstr("골목 불법 주차"));
  EXPECT_THAT(all, HasSubstr("우리 동네 도서관"));
  const std::string letters = Body(Get(editor_, "/newsroom/tips?kind=submission"));
  EXPECT_THAT(letters, HasSubstr("우리 동네 도서관"));
  EXPECT_THAT(letters, Not(HasSubstr("골목 불법 주차")));
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/move", {{"to", "declined"}}).status, 303);
  const std::string declined = Body(Get(editor_, "/newsroom/tips?state=declined"));
  EXPECT_THAT(declined, HasSubstr("골목 불법 주차"));
  EXPECT_THAT(declined, Not(HasSubstr("우리 동네 도서관")));
  EXPECT_EQ(Get(editor_, "/newsroom/tips?state=lost").status, 400);
  EXPECT_EQ(Get(editor_, "/newsroom/tips/999").status, 404);
}

TEST_F(TipsInboxTest, ATipIsAssignedNotedRepliedToAndUsedWithAHistory) {
  EXPECT_EQ(
      Act(editor_, TipUrl(tip_) + "/assign", {{"assignee", std::to_string(reporter_id_)}}).status,
      303);
  EXPECT_EQ(store_->TipById(tip_)->assignee, reporter_id_);
  // Only someone who writes gets a tip.
  EXPECT_EQ(
      Act(editor_, TipUrl(tip_) + "/assign", {{"assignee", std::to_string(ombudsman_id_)}}).status,
      400);

  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/move", {{"to", "reviewing"}}).status, 303);
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/note", {{"note", "현장 사진 확인함"}}).status, 303);
  EXPECT_THAT(Header(Act(editor_, TipUrl(tip_) + "/note", {{"note", " "}}), "Location"),
              HasSubstr("error=note"));
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/reply", {{"reply", "내일 취재합니다."}}).status, 303);
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/move", {{"to", "used"}}).status, 303);
  // Used is final.
  EXPECT_THAT(Header(Act(editor_, TipUrl(tip_) + "/move", {{"to", "declined"}}), "Location"),
              HasSubstr("error=move"));
  EXPECT_EQ(store_->TipById(tip_)->state, store::TipState::kUsed);

  const std::string page = Body(Get(editor_, TipUrl(tip_)));
  EXPECT_THAT(page, HasSubstr("현장 사진 확인함"));
  EXPECT_THAT(page, HasSubstr("내일 취재합니다."));
  EXPECT_THAT(page, HasSubstr("tipster@example.com"));
  EXPECT_EQ(store_->TipEvents(tip_).value().size(), 5u);
  EXPECT_EQ(AuditActions(5), (std::vector<std::string>{"tip_used", "tip_reply", "tip_note",
                                                       "tip_reviewing", "tip_assign"}));
}

// The tipster who gave an e-mail address hears of each move, with the desk's reply once there
// is one; a sender without an address is sent nothing.
TEST_F(TipsInboxTest, EachMoveIsMailedToATipsterWhoGaveAnAddress) {
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/move", {{"to", "reviewing"}}).status, 303);
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/reply", {{"reply", "내일 취재합니다."}}).status, 303);
  ASSERT_EQ(Act(editor_, TipUrl(tip_) + "/move", {{"to", "used"}}).status, 303);
  ASSERT_EQ(Act(editor_, TipUrl(submission_) + "/move", {{"to", "declined"}}).status, 303);

  const auto mails = QueuedMails();
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& [to, text] : mails) {
    EXPECT_EQ(to, "tipster@example.com");
    EXPECT_THAT(text, HasSubstr("/tip/status/tip-token"));
    EXPECT_THAT(text, HasSubstr("골목 불법 주차"));
  }
  EXPECT_THAT(mails[0].second, HasSubstr("검토하고"));
  EXPECT_THAT(mails[0].second, Not(HasSubstr("내일 취재합니다.")));
  EXPECT_THAT(mails[1].second, HasSubstr("활용하기로"));
  EXPECT_THAT(mails[1].second, HasSubstr("내일 취재합니다."));
}

TEST_F(TipsInboxTest, FilesAreDownloadedByStaffOnlyAsAttachments) {
  const http::Response file = Get(editor_, TipUrl(tip_) + "/files/1");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.content_type, "image/jpeg");
  EXPECT_EQ(Body(file), std::string("\xFF\xD8\xFF\0jpeg", 8));
  EXPECT_THAT(Header(file, "Content-Disposition"), HasSubstr("attachment"));
  EXPECT_EQ(Get(editor_, TipUrl(tip_) + "/files/2").status, 404);
  Browser nobody;
  EXPECT_EQ(Get(nobody, TipUrl(tip_) + "/files/1").status, 303);  // to the login
  EXPECT_EQ(Get(ombudsman_, TipUrl(tip_) + "/files/1").status, 403);
}

TEST_F(TipsInboxTest, ASubmissionBecomesADraftBylinedReaderInOneAction) {
  EXPECT_THAT(Body(Get(editor_, TipUrl(tip_))), Not(HasSubstr("/draft\"")));  // a tip does not
  EXPECT_THAT(Header(Act(editor_, TipUrl(tip_) + "/draft", {}), "Location"),
              HasSubstr("error=draft"));

  const http::Response made = Act(editor_, TipUrl(submission_) + "/draft", {});
  ASSERT_EQ(made.status, 303);
  const std::string location = Header(made, "Location");
  ASSERT_THAT(location, HasSubstr("/newsroom/articles/"));
  const store::ArticleId draft = std::stoll(location.substr(location.rfind('/') + 1));
  EXPECT_EQ(store_->TipById(submission_)->draft_id, draft);
  const store::DeskArticle article = store_->DeskArticleById(draft).value();
  EXPECT_EQ(article.status, store::ArticleStatus::kDraft);
  EXPECT_EQ(article.content.headline, "우리 동네 도서관");
  EXPECT_EQ(article.content.body_markdown, "첫 문단입니다.\n\n둘째 문단입니다.");
  EXPECT_EQ(article.content.kind, store::ArticleKind::kContribution);
  ASSERT_EQ(article.content.reporter_ids.size(), 1u);
  EXPECT_EQ(store_->ReporterById(article.content.reporter_ids[0])->name, "독자");

  // Once only; a second submission reuses the 독자 byline.
  EXPECT_THAT(Header(Act(editor_, TipUrl(submission_) + "/draft", {}), "Location"),
              HasSubstr("error=draft"));
  const store::TipId second = File(store::TipKind::kSubmission, "second", "");
  const http::Response again = Act(editor_, TipUrl(second) + "/draft", {});
  ASSERT_EQ(again.status, 303);
  const std::string again_location = Header(again, "Location");
  const store::DeskArticle other =
      store_->DeskArticleById(std::stoll(again_location.substr(again_location.rfind('/') + 1)))
          .value();
  EXPECT_EQ(other.content.reporter_ids, article.content.reporter_ids);
  EXPECT_THAT(Body(Get(editor_, TipUrl(submission_))), HasSubstr("id=\"tip-draft\""));
}

}  // namespace
}  // namespace sinmun::newsroom
