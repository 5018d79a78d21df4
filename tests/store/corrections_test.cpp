// Corrections and replies (issue #18) on every backend: a request with its evidence, the
// case's moves, the deadlines the 언론중재법 sets, and what readers see once published.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

// 2023-11-14 22:13:20 UTC: 2023-11-15 07:13:20 KST.
using testing::kNow;

class StoreCorrectionsTest : public testing::TestWithParam<Backend> {
 protected:
  testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Store> store_ = database_.Open();
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  ArticleId article_ =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "오보", kNow - 7200));

  NewCorrection Request(std::string token = "token-1") {
    return NewCorrection{.article_id = article_,
                         .kind = CorrectionKind::kReply,
                         .requester = "홍길동",
                         .contact = "hong@example.com",
                         .text = "홍길동 씨는 해당 회의에 참석하지 않았다고 밝혀왔습니다.",
                         .reason = "사실이 아닙니다.",
                         .status_token = std::move(token),
                         .files = {{.name = "증거.pdf",
                                    .media_type = "application/pdf",
                                    .data = std::string("%PDF-1.4\0\xff\x01 bytes", 17)}},
                         .received_at = kNow};
  }
};

TEST_P(StoreCorrectionsTest, ARequestIsKeptWithItsEvidenceAndFoundByItsToken) {
  const CorrectionId id = store_->FileCorrection(Request()).value();
  const CorrectionCase item = store_->CorrectionByToken("token-1").value();
  EXPECT_EQ(item.id, id);
  EXPECT_EQ(item.article_id, article_);
  EXPECT_EQ(item.headline, "오보");
  EXPECT_EQ(item.kind, CorrectionKind::kReply);
  EXPECT_EQ(item.state, CaseState::kReceived);
  EXPECT_EQ(item.requester, "홍길동");
  EXPECT_EQ(item.files, 1);
  EXPECT_FALSE(item.assignee);
  const std::vector<EvidenceFile> files = store_->CorrectionFiles(id).value();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "증거.pdf");
  EXPECT_EQ(files[0].data, std::string("%PDF-1.4\0\xff\x01 bytes", 17));  // byte for byte
  EXPECT_EQ(store_->CorrectionByToken("token-2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->OpenCorrections().value().size(), 1u);
}

TEST_P(StoreCorrectionsTest, ARequestAboutNoPublishedArticleOrWithoutTextIsRefused) {
  NewCorrection unknown = Request();
  unknown.article_id = article_ + 100;
  EXPECT_EQ(store_->FileCorrection(unknown).error().code, ErrorCode::kNotFound);
  NewCorrection empty = Request();
  empty.text.clear();
  EXPECT_EQ(store_->FileCorrection(empty).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->CorrectionCases({}).value().total, 0);
}

TEST_P(StoreCorrectionsTest, ACaseMovesOnlyAlongItsStepsAndPublishingChangesTheArticle) {
  const CorrectionId id = store_->FileCorrection(Request()).value();
  EXPECT_EQ(store_->MoveCorrection(id, {.to = CaseState::kAccepted, .at = kNow + 1}).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->MoveCorrection(id, {.to = CaseState::kReviewing, .at = kNow + 1}));
  const CorrectionCase accepted =
      store_
          ->MoveCorrection(id, {.to = CaseState::kAccepted, .answer = "수용합니다", .at = kNow + 2})
          .value();
  EXPECT_EQ(accepted.state, CaseState::kAccepted);
  EXPECT_EQ(accepted.answer, "수용합니다");
  EXPECT_EQ(accepted.decided_at, kNow + 2);
  EXPECT_TRUE(store_->PublishedCorrections(article_, {}).value().empty());
  EXPECT_EQ(store_->MoveCorrection(id, {.to = CaseState::kPublished, .at = kNow + 3}).error().code,
            ErrorCode::kInvalidInput);

  const std::int64_t sequence = store_->ChangeSequence().value();
  const CorrectionCase published =
      store_
          ->MoveCorrection(
              id, {.to = CaseState::kPublished, .published_text = "반론보도문", .at = kNow + 3})
          .value();
  EXPECT_EQ(published.published_at, kNow + 3);
  // The article's cached pages follow the change sequence.
  const std::vector<Change> changes = store_->ChangesSince(sequence, 10).value();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].article_id, article_);
  const std::vector<PublishedCorrection> shown = store_->PublishedCorrections(article_, {}).value();
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].text, "반론보도문");
  EXPECT_EQ(shown[0].kind, CorrectionKind::kReply);
  EXPECT_EQ(store_->PublishedCorrections(std::nullopt, {}).value().size(), 1u);
  // Published is final.
  EXPECT_EQ(store_->MoveCorrection(id, {.to = CaseState::kRefused, .at = kNow + 4}).error().code,
            ErrorCode::kConflict);
  EXPECT_TRUE(store_->OpenCorrections().value().empty());
  EXPECT_EQ(store_->MoveCorrection(id + 10, {.to = CaseState::kReviewing}).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreCorrectionsTest, ACaseIsAssignedToAUserAndListedByState) {
  const CorrectionId first = store_->FileCorrection(Request("a")).value();
  const CorrectionId second = store_->FileCorrection(Request("b")).value();
  const UserId ombudsman = store_
                               ->InsertUser({.email = "ombuds@example.com",
                                             .name = "고충처리인",
                                             .role = Role::kOmbudsman,
                                             .password_hash = "x",
                                             .created_at = kNow})
                               .value();
  ASSERT_TRUE(store_->AssignCorrection(first, ombudsman));
  EXPECT_EQ(store_->CorrectionById(first)->assignee_name, "고충처리인");
  EXPECT_EQ(store_->UserById(ombudsman)->role, Role::kOmbudsman);
  EXPECT_EQ(store_->AssignCorrection(first, ombudsman + 50).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->MoveCorrection(second, {.to = CaseState::kReviewing, .at = kNow}));
  const CasePage reviewing = store_->CorrectionCases({.state = CaseState::kReviewing}).value();
  ASSERT_EQ(reviewing.total, 1);
  EXPECT_EQ(reviewing.items[0].id, second);
  EXPECT_EQ(store_->CorrectionCases({}).value().total, 2);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreCorrectionsTest, testing::AllBackends(),
                         testing::BackendParamName());

// The deadlines, counted as the 민법 counts days in KST: the day of receipt is not counted.
TEST(CorrectionDeadlines, CountWholeKstDaysAfterTheDayOfReceipt) {
  const Timestamp received = ParseKst("2026-12-01 23:30").value();
  EXPECT_EQ(ReplyDueAt(received), ParseKst("2026-12-05 00:00").value());
  EXPECT_EQ(PublishDueAt(received), ParseKst("2026-12-09 00:00").value());
  const Timestamp early = ParseKst("2026-12-01 00:10").value();
  EXPECT_EQ(ReplyDueAt(early), ParseKst("2026-12-05 00:00").value());

  CorrectionCase item{.state = CaseState::kReceived, .received_at = received};
  EXPECT_FALSE(IsOverdue(item, ParseKst("2026-12-04 23:59").value()));
  EXPECT_TRUE(IsOverdue(item, ParseKst("2026-12-05 00:00").value()));
  item.state = CaseState::kAccepted;
  EXPECT_FALSE(IsOverdue(item, ParseKst("2026-12-08 23:59").value()));
  EXPECT_TRUE(IsOverdue(item, ParseKst("2026-12-09 00:00").value()));
  item.state = CaseState::kRefused;
  EXPECT_FALSE(IsOverdue(item, ParseKst("2027-01-01 00:00").value()));
}

}  // namespace
}  // namespace sinmun::store
