// News tips and reader submissions (issue #18) on every backend: a tip with its files, the
// anonymous option keeping no name or contact, the per-client limit, and the inbox's steps
// with their history.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::kNow;

class StoreTipsTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  UserId editor_ = store_
                       ->InsertUser({.email = "desk@example.com",
                                     .name = "데스크",
                                     .role = Role::kEditor,
                                     .password_hash = "x",
                                     .created_at = kNow})
                       .value();

  NewTip Tip(std::string token = "tip-1") {
    return NewTip{.kind = TipKind::kTip,
                  .name = "김제보",
                  .contact = "tipster@example.com",
                  .title = "시청 앞 공사 현장",
                  .text = "안전펜스 없이 공사를 하고 있습니다.",
                  .status_token = std::move(token),
                  .files = {{.name = "현장.jpg",
                             .media_type = "image/jpeg",
                             .data = std::string("\xFF\xD8\xFF\0jpeg", 8)}},
                  .limit = {.client = "client-a", .since = kNow - 3600, .max = 2},
                  .received_at = kNow};
  }
};

TEST_P(StoreTipsTest, ATipIsKeptWithItsFilesAndFoundByItsToken) {
  const TipId id = store_->FileTip(Tip()).value();
  const store::Tip tip = store_->TipByToken("tip-1").value();
  EXPECT_EQ(tip.id, id);
  EXPECT_EQ(tip.kind, TipKind::kTip);
  EXPECT_EQ(tip.state, TipState::kReceived);
  EXPECT_FALSE(tip.anonymous);
  EXPECT_EQ(tip.name, "김제보");
  EXPECT_EQ(tip.contact, "tipster@example.com");
  EXPECT_EQ(tip.title, "시청 앞 공사 현장");
  EXPECT_EQ(tip.files, 1);
  EXPECT_EQ(tip.received_at, kNow);
  const std::vector<EvidenceFile> files = store_->TipFiles(id).value();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "현장.jpg");
  EXPECT_EQ(files[0].data, std::string("\xFF\xD8\xFF\0jpeg", 8));  // byte for byte
  EXPECT_EQ(store_->TipByToken("tip-2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->TipById(id + 1).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTipsTest, AnAnonymousTipKeepsNoNameOrContact) {
  NewTip tip = Tip();
  tip.anonymous = true;
  const TipId id = store_->FileTip(tip).value();
  const store::Tip kept = store_->TipById(id).value();
  EXPECT_TRUE(kept.anonymous);
  EXPECT_EQ(kept.name, "");
  EXPECT_EQ(kept.contact, "");
}

TEST_P(StoreTipsTest, AClientPastItsLimitIsRefusedAndOthersAreNot) {
  ASSERT_TRUE(store_->FileTip(Tip("a")));
  ASSERT_TRUE(store_->FileTip(Tip("b")));
  EXPECT_EQ(store_->FileTip(Tip("c")).error().code, ErrorCode::kConflict);
  NewTip other = Tip("d");
  other.limit.client = "client-b";
  EXPECT_TRUE(store_->FileTip(other));
  NewTip later = Tip("e");
  later.received_at = kNow + 7200;
  later.limit.since = kNow + 3600;  // the first two are older than the window
  EXPECT_TRUE(store_->FileTip(later));
  EXPECT_EQ(store_->Tips({}).value().total, 4);
}

TEST_P(StoreTipsTest, ATipWithoutTitleOrTextIsRefused) {
  NewTip tip = Tip();
  tip.title.clear();
  EXPECT_EQ(store_->FileTip(tip).error().code, ErrorCode::kInvalidInput);
  tip = Tip();
  tip.text.clear();
  EXPECT_EQ(store_->FileTip(tip).error().code, ErrorCode::kInvalidInput);
}

TEST_P(StoreTipsTest, TheDeskAssignsMovesRepliesAndNotesWithAHistory) {
  const TipId id = store_->FileTip(Tip()).value();
  ASSERT_TRUE(store_->AssignTip(id, editor_, editor_, kNow + 10));
  EXPECT_EQ(store_->TipById(id)->assignee_name, "데스크");
  EXPECT_EQ(store_->AssignTip(id, editor_ + 50, editor_, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->AssignTip(id + 9, editor_, editor_, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->MoveTip(id, TipState::kReviewing, editor_, kNow + 20)->state,
            TipState::kReviewing);
  EXPECT_EQ(store_->MoveTip(id, TipState::kReceived, editor_, kNow).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->AddTipNote(id, "현장 확인 필요", editor_, kNow + 30));
  EXPECT_EQ(store_->AddTipNote(id, "", editor_, kNow).error().code, ErrorCode::kInvalidInput);
  ASSERT_TRUE(store_->ReplyToTip(id, "취재에 참고하겠습니다.", editor_, kNow + 40));
  const store::Tip used = store_->MoveTip(id, TipState::kUsed, editor_, kNow + 50).value();
  EXPECT_EQ(used.state, TipState::kUsed);
  EXPECT_EQ(used.reply, "취재에 참고하겠습니다.");
  EXPECT_EQ(used.updated_at, kNow + 50);
  EXPECT_EQ(store_->MoveTip(id, TipState::kDeclined, editor_, kNow).error().code,
            ErrorCode::kConflict);

  const std::vector<TipEvent> events = store_->TipEvents(id).value();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].action, "assign");
  EXPECT_EQ(events[0].text, "데스크");
  EXPECT_EQ(events[0].user_name, "데스크");
  EXPECT_EQ(events[1].action, "state");
  EXPECT_EQ(events[1].text, "reviewing");
  EXPECT_EQ(events[2].action, "note");
  EXPECT_EQ(events[3].action, "reply");
  EXPECT_EQ(events[4].text, "used");
  EXPECT_EQ(events[4].at, kNow + 50);
}

TEST_P(StoreTipsTest, TheInboxFiltersByStateAndKind) {
  const TipId tip = store_->FileTip(Tip("a")).value();
  NewTip submission = Tip("b");
  submission.kind = TipKind::kSubmission;
  submission.received_at = kNow + 1;
  const TipId letter = store_->FileTip(submission).value();
  ASSERT_TRUE(store_->MoveTip(tip, TipState::kDeclined, editor_, kNow + 5));
  const TipPage all = store_->Tips({}).value();
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.items[0].id, letter);  // newest first
  const TipPage submissions = store_->Tips({.kind = TipKind::kSubmission}).value();
  ASSERT_EQ(submissions.total, 1);
  EXPECT_EQ(submissions.items[0].id, letter);
  const TipPage declined = store_->Tips({.state = TipState::kDeclined}).value();
  ASSERT_EQ(declined.total, 1);
  EXPECT_EQ(declined.items[0].id, tip);
  EXPECT_EQ(store_->Tips({.state = TipState::kDeclined, .kind = TipKind::kSubmission})->total, 0);
}

TEST_P(StoreTipsTest, ASubmissionLinksOneDraft) {
  const TipId id = store_->FileTip(Tip()).value();
  const std::vector<Section> sections = testing::SeedSections(*store_);
  const ArticleId draft =
      testing::InsertArticle(*store_, testing::MakeArticle(sections[0].id, "독자투고", kNow));
  ASSERT_TRUE(store_->LinkTipDraft(id, draft, editor_, kNow + 1));
  EXPECT_EQ(store_->TipById(id)->draft_id, draft);
  EXPECT_EQ(store_->LinkTipDraft(id, draft, editor_, kNow + 2).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->LinkTipDraft(id + 5, draft, editor_, kNow).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreTipsTest, testing::AllBackends(),
                         testing::BackendParamName());

TEST(TipStates, MoveForwardOnlyAndEndAtUsedOrDeclined) {
  EXPECT_TRUE(MayMoveTip(TipState::kReceived, TipState::kReviewing));
  EXPECT_TRUE(MayMoveTip(TipState::kReceived, TipState::kDeclined));
  EXPECT_TRUE(MayMoveTip(TipState::kReviewing, TipState::kUsed));
  EXPECT_FALSE(MayMoveTip(TipState::kReviewing, TipState::kReceived));
  EXPECT_FALSE(MayMoveTip(TipState::kUsed, TipState::kDeclined));
  EXPECT_FALSE(MayMoveTip(TipState::kDeclined, TipState::kReviewing));
  EXPECT_EQ(ParseTipKind("submission"), TipKind::kSubmission);
  EXPECT_FALSE(ParseTipKind("letter"));
}

}  // namespace
}  // namespace sinmun::store
