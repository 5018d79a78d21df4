// The desk through its routes: writing, the workflow between reporter and editor, a rejected
// form that keeps what was typed, a stale save refused with both versions shown, scheduling
// at a KST time, unpublishing, deleting drafts, the revision history and restoring.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

std::string EditPathOf(store::ArticleId id) { return "/newsroom/articles/" + std::to_string(id); }

TEST_F(DeskTest, ReporterWritesAndSubmitsThenTheEditorPublishes) {
  const store::ArticleId id = Write(reporter_, "대전시, 내년 예산 6조 원 편성");
  ASSERT_GT(id, 0);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, store::ArticleStatus::kDraft);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.tags,
            (std::vector<std::string>{"대전", "예산"}));
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.body_markdown,
            "대전시가 오늘 발표했다.\n\n둘째 문단이다.");
  const std::string dashboard = Body(Get(reporter_, "/newsroom"));
  EXPECT_NE(dashboard.find("대전시, 내년 예산 6조 원 편성"), std::string::npos);

  // A reporter may not publish, and the article stays a draft.
  EXPECT_EQ(Send(reporter_, EditPathOf(id) + "/publish", {}).status, 403);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, store::ArticleStatus::kDraft);

  EXPECT_EQ(Send(reporter_, EditPathOf(id) + "/submit", {}).status, 303);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).status, store::ArticleStatus::kSubmitted);
  // Submitted: the desk has it, the reporter can read but no longer save.
  EXPECT_EQ(Send(reporter_, EditPathOf(id), ArticleFields("고친 제목", 1)).status, 403);
  EXPECT_EQ(Get(reporter_, EditPathOf(id)).status, 200);
  EXPECT_NE(Body(Get(editor_, "/newsroom")).find("대전시, 내년 예산 6조 원 편성"),
            std::string::npos);

  const http::Response published = Send(editor_, EditPathOf(id) + "/publish", {});
  EXPECT_EQ(published.status, 303);
  EXPECT_EQ(Header(published, "Location"), EditPathOf(id) + "?done=published");
  const store::Article article = Must(store_->PublishedArticle(id, kStart));
  EXPECT_EQ(article.headline, "대전시, 내년 예산 6조 원 편성");
  EXPECT_EQ(article.registered_at, kStart);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"publish"});

  // Another reporter's article: not even readable to a reporter.
  AddUser("other@example.com", store::Role::kReporter);
  Browser other;
  ASSERT_EQ(Login(other, "other@example.com").status, 303);
  EXPECT_EQ(Get(other, EditPathOf(id)).status, 403);
  EXPECT_EQ(Get(other, EditPathOf(id) + "/revisions").status, 403);
}

TEST_F(DeskTest, ARejectedFormKeepsEverythingTypedWithMessagesNextToTheFields) {
  Fields fields = ArticleFields("");
  fields.emplace_back("subheadline", "남겨 둔 부제 <b>굵게</b>");
  fields[5].second = "본문은 그대로 남아야 한다. 😀";
  fields[6].second = "999999";  // an unknown reporter
  fields[8].second = "유지될 태그";
  const http::Response response = Send(reporter_, "/newsroom/articles", fields);
  EXPECT_EQ(response.status, 422);
  const std::string html = Body(response);
  EXPECT_NE(html.find("제목을 입력해 주세요."), std::string::npos);
  EXPECT_NE(html.find("없는 기자가 골라졌습니다."), std::string::npos);
  EXPECT_NE(html.find("본문은 그대로 남아야 한다. 😀"), std::string::npos);
  EXPECT_NE(html.find("남겨 둔 부제 &lt;b&gt;굵게&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("value=\"유지될 태그\""), std::string::npos);
  EXPECT_NE(html.find("aria-invalid=\"true\" aria-describedby=\"headline-error\""),
            std::string::npos);
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());
}

TEST_F(DeskTest, AStaleSaveIsRefusedWithBothVersionsAndNothingIsOverwritten) {
  const store::ArticleId id = Write(reporter_, "처음 제목");
  AddUser("editor2@example.com", store::Role::kEditor);
  Browser second;
  ASSERT_EQ(Login(second, "editor2@example.com").status, 303);

  // Both editors opened revision 1; the first saves.
  Fields first = ArticleFields("첫 데스크의 제목", 1);
  EXPECT_EQ(Send(editor_, EditPathOf(id), first).status, 303);
  Fields late = ArticleFields("늦은 데스크의 제목", 1);
  late[5].second = "늦은 데스크의 본문";
  const std::int64_t sequence = Must(store_->ChangeSequence());
  const http::Response conflict = Send(second, EditPathOf(id), late);

  EXPECT_EQ(conflict.status, 409);
  const std::string html = Body(conflict);
  EXPECT_NE(html.find("다른 사람이 먼저 저장했습니다"), std::string::npos);
  EXPECT_NE(html.find("첫 데스크의 제목"), std::string::npos);    // the saved version
  EXPECT_NE(html.find("늦은 데스크의 본문"), std::string::npos);  // what was sent, kept
  // The form now starts from revision 2, so a second save is a choice made on purpose.
  EXPECT_EQ(InputValue(html, "base_revision"), "2");
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.headline, "첫 데스크의 제목");
  EXPECT_EQ(Must(store_->DeskArticleById(id)).revision, 2);
  EXPECT_EQ(Must(store_->ChangeSequence()), sequence);

  late[0].second = "2";
  EXPECT_EQ(Send(second, EditPathOf(id), late).status, 303);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.headline, "늦은 데스크의 제목");
}

TEST_F(DeskTest, TheEditorSchedulesAtAKstTime) {
  const store::ArticleId id = Write(reporter_, "예약할 기사");
  // kStart is 2024-05-03 12:00 KST.
  EXPECT_EQ(
      Send(editor_, EditPathOf(id) + "/schedule", {{"publish_at", "2024-05-03T18:30"}}).status,
      303);
  const store::DeskArticle scheduled = Must(store_->DeskArticleById(id));
  EXPECT_EQ(scheduled.status, store::ArticleStatus::kScheduled);
  EXPECT_EQ(scheduled.publish_at, kStart + 6 * 3600 + 30 * 60);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"schedule"});
  EXPECT_NE(Body(Get(editor_, "/newsroom")).find("2024-05-03 18:30"), std::string::npos);

  // A time already past or malformed changes nothing and says so.
  for (const char* bad : {"2024-05-03 11:59", "내일 아침", ""}) {
    const http::Response response =
        Send(editor_, EditPathOf(id) + "/schedule", {{"publish_at", bad}});
    EXPECT_EQ(Header(response, "Location"), EditPathOf(id) + "?done=schedule_invalid") << bad;
  }
  EXPECT_EQ(Must(store_->DeskArticleById(id)).publish_at, kStart + 6 * 3600 + 30 * 60);
  EXPECT_NE(Body(Get(editor_, EditPathOf(id) + "?done=schedule_invalid")).find("nr-message-error"),
            std::string::npos);
  EXPECT_EQ(
      Send(reporter_, EditPathOf(id) + "/schedule", {{"publish_at", "2024-05-04 09:00"}}).status,
      403);
}

TEST_F(DeskTest, UnpublishTakesItOffTheSiteAndOnlyDraftsAreDeleted) {
  const store::ArticleId id = Write(reporter_, "내려갈 기사");
  ASSERT_EQ(Send(editor_, EditPathOf(id) + "/publish", {}).status, 303);
  EXPECT_EQ(Send(editor_, EditPathOf(id) + "/delete", {}).status, 409);
  EXPECT_EQ(Send(editor_, EditPathOf(id) + "/unpublish", {}).status, 303);
  EXPECT_EQ(sinmun::testing::ErrorCodeOf(store_->PublishedArticle(id, kStart)),
            ErrorCode::kNotFound);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"unpublish"});
  EXPECT_EQ(Send(editor_, EditPathOf(id) + "/unpublish", {}).status, 409);

  const store::ArticleId draft = Write(reporter_, "지울 초안");
  AddUser("other@example.com", store::Role::kReporter);
  Browser other;
  ASSERT_EQ(Login(other, "other@example.com").status, 303);
  EXPECT_EQ(Send(other, EditPathOf(draft) + "/delete", {}).status, 403);
  const http::Response deleted = Send(reporter_, EditPathOf(draft) + "/delete", {});
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(Header(deleted, "Location"), "/newsroom?deleted=1");
  EXPECT_EQ(sinmun::testing::ErrorCodeOf(store_->DeskArticleById(draft)), ErrorCode::kNotFound);
  EXPECT_EQ(Get(reporter_, EditPathOf(draft)).status, 404);
}

TEST_F(DeskTest, HistoryShowsEveryRevisionSideBySideAndRestoresOne) {
  const store::ArticleId id = Write(reporter_, "첫 판 제목");
  Fields second = ArticleFields("둘째 판 제목", 1);
  second[5].second = "대전시가 오늘 발표했다.\n\n고쳐 쓴 둘째 문단.";
  ASSERT_EQ(Send(reporter_, EditPathOf(id), second).status, 303);
  Fields third = ArticleFields("셋째 판 제목", 2);
  third[9].second = "어제 제목의 숫자를 바로잡습니다.";
  ASSERT_EQ(Send(editor_, EditPathOf(id), third).status, 303);

  const std::string history = Body(Get(reporter_, EditPathOf(id) + "/revisions"));
  for (const char* headline : {"첫 판 제목", "둘째 판 제목", "셋째 판 제목"}) {
    EXPECT_NE(history.find(headline), std::string::npos) << headline;
  }
  EXPECT_NE(history.find("이름 editor@example.com"), std::string::npos);

  const std::string diff = Body(Get(editor_, EditPathOf(id) + "/revisions/2"));
  EXPECT_NE(diff.find("<tr class=\"nr-diff-changed\"><td>첫 판 제목</td><td>둘째 판 제목</td>"),
            std::string::npos);
  EXPECT_NE(diff.find("<tr class=\"nr-diff-same\"><td>대전시가 오늘 발표했다.</td>"),
            std::string::npos);
  EXPECT_NE(diff.find("고쳐 쓴 둘째 문단."), std::string::npos);

  // Restoring revision 1 saves it as revision 4; a restore from a stale page is refused.
  EXPECT_EQ(Send(editor_, EditPathOf(id) + "/revisions/1/restore", {{"base_revision", "3"}}).status,
            303);
  const store::DeskArticle restored = Must(store_->DeskArticleById(id));
  EXPECT_EQ(restored.revision, 4);
  EXPECT_EQ(restored.content, Must(store_->RevisionOf(id, 1)).content);
  EXPECT_EQ(Send(editor_, EditPathOf(id) + "/revisions/2/restore", {{"base_revision", "3"}}).status,
            409);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).revision, 4);
  EXPECT_EQ(Get(editor_, EditPathOf(id) + "/revisions/9").status, 404);
  EXPECT_EQ(Get(editor_, EditPathOf(id) + "/revisions/x").status, 400);
}

TEST_F(DeskTest, TheDashboardSearchShowsAReporterOnlyTheirOwnArticles) {
  Write(reporter_, "대전 예산 나의 초고");
  AddUser("other@example.com", store::Role::kReporter);
  Browser other;
  ASSERT_EQ(Login(other, "other@example.com").status, 303);
  Write(other, "대전 예산 남의 초고");
  const std::string mine = Body(Get(reporter_, "/newsroom?q=%EB%8C%80%EC%A0%84"));
  EXPECT_NE(mine.find("대전 예산 나의 초고"), std::string::npos);
  EXPECT_EQ(mine.find("대전 예산 남의 초고"), std::string::npos);
  // The desk finds both.
  const std::string desk = Body(Get(editor_, "/newsroom?q=%EB%8C%80%EC%A0%84"));
  EXPECT_NE(desk.find("대전 예산 나의 초고"), std::string::npos);
  EXPECT_NE(desk.find("대전 예산 남의 초고"), std::string::npos);
}

TEST_F(DeskTest, PreviewRendersTheArticleAsTheSiteDoes) {
  Fields fields = ArticleFields("미리 보는 제목");
  fields[5].second = "**굵은** 본문\n\n<script>alert(1)</script>";
  fields[9].second = "바로잡는 글";
  const http::Response preview = Send(reporter_, "/newsroom/articles/preview", fields);
  EXPECT_EQ(preview.status, 200);
  const std::string html = Body(preview);
  EXPECT_NE(html.find("<h1 class=\"headline\">미리 보는 제목</h1>"), std::string::npos);
  EXPECT_NE(html.find("<strong>굵은</strong>"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(html.find("class=\"correction\""), std::string::npos);
  EXPECT_NE(html.find("/static/css/site."), std::string::npos);
  EXPECT_TRUE(Must(store_->DeskArticles({})).empty());  // a preview saves nothing
}

TEST_F(DeskTest, EditingAPublishedArticleShowsItsModifiedTimeAndCorrection) {
  const store::ArticleId id = Write(reporter_, "출고된 기사");
  ASSERT_EQ(Send(editor_, EditPathOf(id) + "/publish", {}).status, 303);
  clock_.Advance(3600);
  Fields corrected = ArticleFields("출고된 기사", 1);
  corrected[9].second = "예산 규모를 6조 원으로 바로잡습니다.";
  ASSERT_EQ(Send(editor_, EditPathOf(id), corrected).status, 303);
  const store::Article article = Must(store_->PublishedArticle(id, kStart + 3600));
  EXPECT_EQ(article.modified_at, kStart + 3600);
  EXPECT_EQ(article.correction, "예산 규모를 6조 원으로 바로잡습니다.");
  EXPECT_EQ(store_->AuditLog({.number = 1, .size = 1})->items.front().detail, "correction");

  // The site's 기사수정 link: for the editor, not for the reporter (published), nor readers.
  http::Request request;
  request.headers.emplace_back("cookie", "sinmun_session=" + editor_.cookies["sinmun_session"]);
  EXPECT_EQ(newsroom_->EditUrlFor(request, id), EditPathOf(id));
  request.headers.back().second = "sinmun_session=" + reporter_.cookies["sinmun_session"];
  EXPECT_EQ(newsroom_->EditUrlFor(request, id), std::nullopt);
  EXPECT_EQ(newsroom_->EditUrlFor(http::Request(), id), std::nullopt);
}

}  // namespace
}  // namespace sinmun::newsroom
