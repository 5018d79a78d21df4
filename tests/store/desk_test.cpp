// The newsroom desk through the Store: drafts, the workflow, stale saves, revisions,
// scheduling, photos, and what the public reads see at each step.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/store.hpp"
#include "support/store_probe.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::Must;

using testing::kNow;
constexpr UserId kReporterUser = 7;
constexpr UserId kEditorUser = 8;

// Throws (failing the test with the store's detail) unless `result` succeeded.
void Done(const Result<>& result) {
  if (!result) throw std::runtime_error(result.error().detail);
}

class StoreDeskTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 3);

  ArticleContent Content(std::string headline) const {
    return ArticleContent{.section_id = sections_[0].id,
                          .headline = std::move(headline),
                          .subheadlines = {"첫 부제", "둘째 부제"},
                          .body_markdown = "대전시가 **오늘** 발표했다.\n\n둘째 문단.",
                          .reporter_ids = {reporters_[1], reporters_[0]},
                          .tags = {"대전", "예산"},
                          .correction = "",
                          .photo_id = std::nullopt,
                          .photo_caption = "",
                          .photo_credit = ""};
  }

  ArticleId Draft(std::string headline) {
    return Must(store_->CreateDraft(Content(std::move(headline)), kReporterUser, kNow - 600));
  }

  std::int64_t Sequence() const { return Must(store_->ChangeSequence()); }
};

TEST_P(StoreDeskTest, DraftIsPrivateUntilPublishedAndThenShowsEveryField) {
  const ArticleId id = Draft("대전시 예산안 확정");

  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(id, kNow)), ErrorCode::kNotFound);
  EXPECT_EQ(Must(store_->LatestArticles({}, {}, kNow)).total, 0);
  const DeskArticle draft = Must(store_->DeskArticleById(id));
  EXPECT_EQ(draft.status, ArticleStatus::kDraft);
  EXPECT_EQ(draft.revision, 1);
  EXPECT_EQ(draft.created_by, kReporterUser);
  EXPECT_EQ(draft.content, Content("대전시 예산안 확정"));
  EXPECT_FALSE(draft.registered_at.has_value());

  ASSERT_TRUE(store_->SubmitArticle(id, kNow - 300).has_value());
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, ArticleStatus::kSubmitted);
  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(id, kNow)), ErrorCode::kNotFound);

  ASSERT_TRUE(store_->PublishArticle(id, kNow - 60).has_value());
  const Article article = Must(store_->PublishedArticle(id, kNow));
  EXPECT_EQ(article.headline, "대전시 예산안 확정");
  EXPECT_EQ(article.registered_at, kNow - 60);
  EXPECT_FALSE(article.modified_at.has_value());
  EXPECT_EQ(article.subheadlines, (std::vector<std::string>{"첫 부제", "둘째 부제"}));
  ASSERT_EQ(article.bylines.size(), 2U);
  EXPECT_EQ(article.bylines[0].id, reporters_[1]);
  EXPECT_EQ(article.tags, (std::vector<std::string>{"대전", "예산"}));
  EXPECT_EQ(article.correction, "");
  EXPECT_EQ(Must(store_->LatestArticles({}, {}, kNow)).total, 1);
}

TEST_P(StoreDeskTest, PublishedListsKeepTextWithCommasQuotesAndBraces) {
  ArticleContent content = Content("따옴표 \"와\" 쉼표, 중괄호 {}");
  content.subheadlines = {"쉼표, 그리고 \"따옴표\"", "역슬래시 \\ 하나", "{중괄호}", "NULL"};
  content.tags = {"a,b", " 앞뒤 공백 ", "\"", "\\", "NULL"};
  ASSERT_TRUE(
      store_
          ->UpdateReporter(
              {.id = reporters_[1], .name = "김, \"기자\"", .email = "kim@example.com", .bio = ""})
          .has_value());
  const ArticleId id = Must(store_->CreateDraft(content, kReporterUser, kNow - 600));
  ASSERT_TRUE(store_->PublishArticle(id, kNow - 60).has_value());
  const Article article = Must(store_->PublishedArticle(id, kNow));
  EXPECT_EQ(article.headline, content.headline);
  EXPECT_EQ(article.subheadlines, content.subheadlines);
  EXPECT_EQ(article.tags, content.tags);
  ASSERT_EQ(article.bylines.size(), 2U);
  EXPECT_EQ(article.bylines[0].name, "김, \"기자\"");
  EXPECT_EQ(article.bylines[1].name, "기자1");
}

TEST_P(StoreDeskTest, StaleSaveIsRefusedAndOverwritesNothing) {
  const ArticleId id = Draft("원래 제목");
  ArticleContent mine = Content("기자가 고친 제목");
  ArticleContent theirs = Content("데스크가 고친 제목");
  theirs.body_markdown = "데스크 본문";

  EXPECT_EQ(Must(store_->SaveArticle(id, mine, 1, kReporterUser, kNow)), 2);
  const std::int64_t before = Sequence();
  const Result<RevisionNumber> stale = store_->SaveArticle(id, theirs, 1, kEditorUser, kNow + 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  const DeskArticle now = Must(store_->DeskArticleById(id));
  EXPECT_EQ(now.revision, 2);
  EXPECT_EQ(now.content, mine);
  EXPECT_EQ(Must(store_->Revisions(id)).size(), 2U);
  EXPECT_EQ(Sequence(), before);

  // Starting again from the latest revision goes through.
  EXPECT_EQ(Must(store_->SaveArticle(id, theirs, 2, kEditorUser, kNow + 2)), 3);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, theirs);
}

TEST_P(StoreDeskTest, EveryRevisionKeepsItsWholeContentAndCanBeRestored) {
  const ArticleId id = Draft("첫 판");
  ArticleContent second = Content("둘째 판");
  second.subheadlines = {"바뀐 부제"};
  second.reporter_ids = {reporters_[2]};
  second.tags = {};
  second.correction = "제목의 오자를 바로잡습니다.";
  second.body_markdown = "완전히 다른 본문";
  Must(store_->SaveArticle(id, second, 1, kEditorUser, kNow + 10));

  const std::vector<RevisionInfo> history = Must(store_->Revisions(id));
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].number, 2);  // newest first
  EXPECT_EQ(history[0].saved_by, kEditorUser);
  EXPECT_EQ(history[0].saved_at, kNow + 10);
  EXPECT_EQ(history[0].headline, "둘째 판");
  EXPECT_EQ(history[1].number, 1);
  EXPECT_EQ(history[1].saved_by, kReporterUser);

  EXPECT_EQ(Must(store_->RevisionOf(id, 1)).content, Content("첫 판"));
  EXPECT_EQ(Must(store_->RevisionOf(id, 2)).content, second);
  EXPECT_EQ(ErrorCodeOf(store_->RevisionOf(id, 3)), ErrorCode::kNotFound);

  // Restoring is saving an old revision's content as the newest one.
  const ArticleContent first = Must(store_->RevisionOf(id, 1)).content;
  EXPECT_EQ(Must(store_->SaveArticle(id, first, 2, kEditorUser, kNow + 20)), 3);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, Content("첫 판"));
  EXPECT_EQ(Must(store_->Revisions(id)).size(), 3U);
}

TEST_P(StoreDeskTest, EditingAPublishedArticleSetsModifiedTimeAndShowsTheCorrection) {
  const ArticleId id = Draft("공개된 기사");
  Done(store_->PublishArticle(id, kNow - 3600));
  ArticleContent corrected = Content("공개된 기사");
  corrected.correction = "어제 보도에서 예산 규모를 1조원으로 잘못 적었기에 바로잡습니다.";
  Must(store_->SaveArticle(id, corrected, 1, kEditorUser, kNow - 60));

  const Article article = Must(store_->PublishedArticle(id, kNow));
  EXPECT_EQ(article.registered_at, kNow - 3600);
  EXPECT_EQ(article.modified_at, kNow - 60);
  EXPECT_EQ(article.correction, corrected.correction);
}

TEST_P(StoreDeskTest, StatusChangesFollowTheWorkflow) {
  const ArticleId id = Draft("흐름");
  EXPECT_EQ(ErrorCodeOf(store_->UnpublishArticle(id, kNow)), ErrorCode::kConflict);
  Done(store_->SubmitArticle(id, kNow));
  EXPECT_EQ(ErrorCodeOf(store_->SubmitArticle(id, kNow)), ErrorCode::kConflict);
  EXPECT_EQ(ErrorCodeOf(store_->DeleteDraft(id, kNow)), ErrorCode::kConflict);
  Done(store_->PublishArticle(id, kNow - 100));
  EXPECT_EQ(ErrorCodeOf(store_->PublishArticle(id, kNow)), ErrorCode::kConflict);
  EXPECT_EQ(ErrorCodeOf(store_->DeleteDraft(id, kNow)), ErrorCode::kConflict);

  // Unpublishing takes it off every public read; the change log tells followers.
  const std::int64_t before = Sequence();
  Done(store_->UnpublishArticle(id, kNow - 50));
  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(id, kNow)), ErrorCode::kNotFound);
  EXPECT_EQ(Must(store_->LatestArticles({}, {}, kNow)).total, 0);
  const std::vector<Change> changes = Must(store_->ChangesSince(before, 10));
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes[0].article_id, id);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, ArticleStatus::kUnpublished);

  // Published again: first publication time kept, the return counts as a modification.
  Done(store_->PublishArticle(id, kNow - 10));
  const Article again = Must(store_->PublishedArticle(id, kNow));
  EXPECT_EQ(again.registered_at, kNow - 100);
  EXPECT_EQ(again.modified_at, kNow - 10);

  EXPECT_EQ(ErrorCodeOf(store_->SubmitArticle(424242, kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreDeskTest, OnlyDraftsAreDeletedWithTheirHistory) {
  const ArticleId id = Draft("지울 초안");
  Must(store_->SaveArticle(id, Content("지울 초안 2"), 1, kReporterUser, kNow));
  const std::int64_t before = Sequence();
  Done(store_->DeleteDraft(id, kNow));
  EXPECT_EQ(ErrorCodeOf(store_->DeskArticleById(id)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->Revisions(id)), ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeOf(store_->RevisionOf(id, 1)), ErrorCode::kNotFound);
  EXPECT_EQ(Sequence(), before + 1);
  EXPECT_EQ(ErrorCodeOf(store_->DeleteDraft(id, kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreDeskTest, ScheduledArticlePublishesAtItsMinuteEvenWhenLate) {
  const ArticleId id = Draft("예약 기사");
  const ArticleId later = Draft("더 늦은 예약");
  EXPECT_EQ(ErrorCodeOf(store_->ScheduleArticle(id, kNow, kNow)), ErrorCode::kInvalidInput);
  Done(store_->ScheduleArticle(id, kNow + 600, kNow));
  Done(store_->ScheduleArticle(later, kNow + 7200, kNow));
  EXPECT_EQ(Must(store_->DeskArticleById(id)).publish_at, kNow + 600);
  EXPECT_EQ(sinmun::testing::NextScheduled(*store_), kNow + 600);

  EXPECT_TRUE(Must(store_->PublishDue(kNow + 599)).empty());
  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(id, kNow + 900)), ErrorCode::kNotFound);

  // The server was down at kNow + 600 and runs the scheduler at kNow + 900.
  EXPECT_EQ(Must(store_->PublishDue(kNow + 900)), std::vector<ArticleId>{id});
  const Article article = Must(store_->PublishedArticle(id, kNow + 900));
  EXPECT_EQ(article.registered_at, kNow + 600);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, ArticleStatus::kPublished);
  EXPECT_FALSE(Must(store_->DeskArticleById(id)).publish_at.has_value());
  EXPECT_TRUE(Must(store_->PublishDue(kNow + 900)).empty());
  EXPECT_EQ(sinmun::testing::NextScheduled(*store_), kNow + 7200);

  // Unpublishing a scheduled article cancels its schedule.
  Done(store_->UnpublishArticle(later, kNow + 1000));
  EXPECT_TRUE(Must(store_->PublishDue(kNow + 9000)).empty());
  EXPECT_FALSE(sinmun::testing::NextScheduled(*store_).has_value());
}

TEST_P(StoreDeskTest, BadContentIsRefusedAndNothingIsWritten) {
  const std::int64_t before = Sequence();
  ArticleContent empty = Content("");
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(empty, kReporterUser, kNow)), ErrorCode::kInvalidInput);
  ArticleContent two_lines = Content("제목\n둘째 줄");
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(two_lines, kReporterUser, kNow)),
            ErrorCode::kInvalidInput);
  ArticleContent repeated_tag = Content("태그");
  repeated_tag.tags = {"대전", "대전"};
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(repeated_tag, kReporterUser, kNow)),
            ErrorCode::kInvalidInput);
  ArticleContent twice = Content("두 번");
  twice.reporter_ids = {reporters_[0], reporters_[0]};
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(twice, kReporterUser, kNow)), ErrorCode::kInvalidInput);
  ArticleContent no_section = Content("없는 분야");
  no_section.section_id = 999;
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(no_section, kReporterUser, kNow)),
            ErrorCode::kInvalidInput);
  ArticleContent no_reporter = Content("없는 기자");
  no_reporter.reporter_ids = {999};
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(no_reporter, kReporterUser, kNow)),
            ErrorCode::kInvalidInput);
  ArticleContent no_photo = Content("없는 사진");
  no_photo.photo_id = 999;
  EXPECT_EQ(ErrorCodeOf(store_->CreateDraft(no_photo, kReporterUser, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Sequence(), before);
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());

  // A refused save leaves the article at its revision.
  const ArticleId id = Draft("멀쩡한 기사");
  EXPECT_EQ(ErrorCodeOf(store_->SaveArticle(id, no_reporter, 1, kEditorUser, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).revision, 1);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, Content("멀쩡한 기사"));
}

TEST_P(StoreDeskTest, ArticleFromBeforeTheNewsroomKeepsItsOriginalAsRevisionOne) {
  const ArticleId id = testing::InsertArticle(
      *store_, testing::MakeArticle(sections_[1].id, "가져온 기사", kNow - 7200, {reporters_[0]}));
  const DeskArticle imported = Must(store_->DeskArticleById(id));
  EXPECT_EQ(imported.status, ArticleStatus::kPublished);
  EXPECT_EQ(imported.revision, 0);
  EXPECT_EQ(imported.registered_at, kNow - 7200);

  ArticleContent edit = imported.content;
  edit.headline = "가져온 기사 (수정)";
  EXPECT_EQ(ErrorCodeOf(store_->SaveArticle(id, edit, 1, kEditorUser, kNow)), ErrorCode::kConflict);
  EXPECT_EQ(Must(store_->SaveArticle(id, edit, 0, kEditorUser, kNow)), 2);
  EXPECT_EQ(Must(store_->RevisionOf(id, 1)).content, imported.content);
  EXPECT_EQ(Must(store_->RevisionOf(id, 1)).saved_by, 0);
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).headline, "가져온 기사 (수정)");
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow)).modified_at, kNow);

  // Unpublished and published again, it keeps its first publication time.
  Done(store_->UnpublishArticle(id, kNow + 1));
  Done(store_->PublishArticle(id, kNow + 2));
  EXPECT_EQ(Must(store_->PublishedArticle(id, kNow + 2)).registered_at, kNow - 7200);
}

TEST_P(StoreDeskTest, LeadPhotoWithCaptionAndCreditReachesThePublicArticle) {
  const PhotoId photo = Must(store_->InsertPhoto(Photo{.id = 0,
                                                       .name = "2023/11/abc123",
                                                       .format = "jpeg",
                                                       .width = 1600,
                                                       .height = 1067,
                                                       .widths = {400, 800, 1600},
                                                       .uploaded_by = kReporterUser,
                                                       .uploaded_at = kNow}));
  EXPECT_EQ(Must(store_->PhotoById(photo)).widths, (std::vector<int>{400, 800, 1600}));
  EXPECT_EQ(ErrorCodeOf(store_->InsertPhoto(Must(store_->PhotoById(photo)))), ErrorCode::kConflict);

  ArticleContent content = Content("사진 기사");
  content.photo_id = photo;
  content.photo_caption = "갑천 야경";
  content.photo_credit = "한밭일보 사진부";
  const ArticleId id = Must(store_->CreateDraft(content, kReporterUser, kNow));
  Done(store_->PublishArticle(id, kNow));
  const Article article = Must(store_->PublishedArticle(id, kNow));
  ASSERT_TRUE(article.photo.has_value());
  EXPECT_EQ(article.photo->name, "2023/11/abc123");
  EXPECT_EQ(article.photo->widths, (std::vector<int>{400, 800, 1600}));
  EXPECT_EQ(article.photo->caption, "갑천 야경");
  EXPECT_EQ(article.photo->credit, "한밭일보 사진부");
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content, content);
}

TEST_P(StoreDeskTest, DeskListsFilterByStatusAuthorAndHeadline) {
  const ArticleId mine = Draft("내 초안 대전");
  const ArticleId other = Must(store_->CreateDraft(Content("남의 초안"), kEditorUser, kNow));
  const ArticleId queued = Draft("대기 중 대전");
  Done(store_->SubmitArticle(queued, kNow));
  const ArticleId live = Draft("공개 기사");
  Done(store_->PublishArticle(live, kNow));

  const auto ids = [](const std::vector<DeskSummary>& list) {
    std::vector<ArticleId> result;
    for (const DeskSummary& item : list) result.push_back(item.id);
    return result;
  };
  EXPECT_EQ(ids(Must(store_->DeskArticles(
                {.status = ArticleStatus::kDraft, .created_by = kReporterUser}))),
            std::vector<ArticleId>{mine});
  EXPECT_EQ(ids(Must(store_->DeskArticles({.status = ArticleStatus::kDraft}))).size(), 2U);
  EXPECT_EQ(ids(Must(store_->DeskArticles({.status = ArticleStatus::kSubmitted}))),
            std::vector<ArticleId>{queued});
  EXPECT_EQ(ids(Must(store_->DeskArticles({.status = ArticleStatus::kPublished}))),
            std::vector<ArticleId>{live});
  EXPECT_EQ(ids(Must(store_->DeskArticles({.headline_contains = "대전"}))),
            (std::vector<ArticleId>{queued, mine}));
  const std::vector<DeskSummary> found = Must(store_->DeskArticles({.headline_contains = "남의"}));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, other);
  EXPECT_EQ(found[0].section_name, "정치");
  EXPECT_EQ(ErrorCodeOf(store_->DeskArticles({.limit = 0})), ErrorCode::kInvalidInput);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreDeskTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
