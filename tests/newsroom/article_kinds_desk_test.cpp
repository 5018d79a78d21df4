// Article kinds at the desk (issue #18): the type chosen in the form (자체기사 unless changed),
// the month's share of 자체기사 on the dashboard, the warning before a published article is
// rewritten past the set share, and headlines that repeat a recent one flagged.

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

using sinmun::testing::Must;

std::string EditPathOf(store::ArticleId id) { return "/newsroom/articles/" + std::to_string(id); }

// Ten lines of body, so that changing one is a small edit.
std::string LongBody(const std::string& last_line) {
  std::string body;
  for (int i = 1; i < 10; ++i)
    body += "대전시 예산 설명 문단 " + std::to_string(i) + "번째 줄.\r\n";
  return body + last_line;
}

class ArticleKindsDeskTest : public DeskTest {
 protected:
  store::ArticleId PublishedThroughTheForm(const std::string& headline, const std::string& body) {
    Fields fields = ArticleFields(headline);
    for (auto& [name, value] : fields) {
      if (name == "body") value = body;
    }
    const store::ArticleId id = IdInLocation(Send(editor_, "/newsroom/articles", fields));
    EXPECT_EQ(Send(editor_, EditPathOf(id) + "/publish", {}).status, 303);
    return id;
  }

  http::Response Save(store::ArticleId id, const std::string& body, bool confirm) {
    const store::DeskArticle article = Must(store_->DeskArticleById(id));
    Fields fields = ArticleFields(article.content.headline, article.revision);
    for (auto& [name, value] : fields) {
      if (name == "body") value = body;
    }
    if (confirm) fields.emplace_back("confirm_change", "1");
    return Send(editor_, EditPathOf(id), fields);
  }
};

TEST_F(ArticleKindsDeskTest, TheFormOffersEveryTypeWithOwnReportingChosen) {
  const std::string form = Body(Get(reporter_, "/newsroom/articles/new"));
  EXPECT_NE(form.find("<option value=\"own\" selected>자체기사</option>"), std::string::npos);
  for (const std::string label : {"보도자료", "기고", "통신전재", "광고", "협찬"}) {
    EXPECT_NE(form.find(">" + label + "</option>"), std::string::npos) << label;
  }

  Fields fields = ArticleFields("신제품 출시 안내");
  fields.back() = {"kind", "advertisement"};
  const store::ArticleId id = IdInLocation(Send(reporter_, "/newsroom/articles", fields));
  ASSERT_GT(id, 0);
  EXPECT_EQ(Must(store_->DeskArticleById(id)).content.kind, store::ArticleKind::kAdvertisement);
  EXPECT_NE(Body(Get(reporter_, EditPathOf(id))).find("<option value=\"advertisement\" selected>"),
            std::string::npos);

  fields.back() = {"kind", "advertorial"};
  const http::Response bad = Send(reporter_, "/newsroom/articles", fields);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(Body(bad).find("id=\"kind-error\">기사 유형을 골라 주세요."), std::string::npos);
  EXPECT_NE(Body(bad).find("value=\"신제품 출시 안내\""), std::string::npos);  // kept as typed
}

TEST_F(ArticleKindsDeskTest, TheDashboardShowsThisMonthsShareOfOwnReporting) {
  for (const auto& [headline, kind] : std::vector<std::pair<std::string, store::ArticleKind>>{
           {"자체 1", store::ArticleKind::kOwn},
           {"자체 2", store::ArticleKind::kOwn},
           {"자체 3", store::ArticleKind::kOwn},
           {"보도자료", store::ArticleKind::kPressRelease}}) {
    store::ArticleContent content{.section_id = sections_[0].id,
                                  .headline = headline,
                                  .body_markdown = "본문",
                                  .reporter_ids = {reporters_[0]},
                                  .kind = kind};
    const store::ArticleId id = Must(store_->CreateDraft(content, editor_user_, kStart - 7200));
    ASSERT_TRUE(store_->PublishArticle(id, kStart - 3600));
  }
  // Published in April: not this month (kStart is 2024-05-03 KST).
  const store::ArticleId april = Must(store_->CreateDraft(
      {.section_id = sections_[0].id, .headline = "4월", .reporter_ids = {reporters_[0]}},
      editor_user_, kStart - 6 * 86400));
  ASSERT_TRUE(store_->PublishArticle(april, kStart - 5 * 86400));

  EXPECT_NE(Body(Get(editor_, "/newsroom")).find("이번 달 자체기사 비율 75% (자체기사 3 / 전체 4)"),
            std::string::npos);
}

TEST_F(ArticleKindsDeskTest, RewritingAPublishedArticleWholesaleAsksFirst) {
  const store::ArticleId id = PublishedThroughTheForm("시의회 예산 심의", LongBody("마지막 줄."));

  // One line of ten: saved at once.
  EXPECT_EQ(Save(id, LongBody("마지막 줄을 고쳤다."), false).status, 303);
  const store::RevisionNumber revision = Must(store_->DeskArticleById(id)).revision;

  const std::string rewritten = "완전히 다른 내용의 기사로 바꾼다.\r\n새 문단이다.";
  const http::Response warned = Save(id, rewritten, false);
  EXPECT_EQ(warned.status, 409);
  EXPECT_NE(Body(warned).find("출고된 기사를 크게 고칩니다"), std::string::npos);
  EXPECT_NE(Body(warned).find("name=\"confirm_change\""), std::string::npos);
  EXPECT_NE(Body(warned).find("완전히 다른 내용의 기사로 바꾼다."), std::string::npos);  // kept
  EXPECT_EQ(Must(store_->DeskArticleById(id)).revision, revision);  // nothing saved

  EXPECT_EQ(Save(id, rewritten, true).status, 303);
  EXPECT_EQ(Must(store_->PublishedArticle(id, kStart)).body_markdown,
            "완전히 다른 내용의 기사로 바꾼다.\n새 문단이다.");
}

TEST_F(ArticleKindsDeskTest, AHeadlineThatRepeatsARecentOneIsFlagged) {
  const store::ArticleId first = PublishedThroughTheForm("대전시 예산 6조 원 편성", "본문");
  const store::ArticleId again = Write(reporter_, "대전시 예산 6조 원 편성");
  const std::string form = Body(Get(reporter_, EditPathOf(again)));
  EXPECT_NE(form.find("최근 7일 안에 같은 제목으로 나간 기사가 있습니다."), std::string::npos);
  EXPECT_NE(form.find("href=\"" + EditPathOf(first) + "\">대전시 예산 6조 원 편성</a>"),
            std::string::npos);
  // The published one is not its own repeat, and another headline is not flagged.
  EXPECT_EQ(Body(Get(editor_, EditPathOf(first))).find("같은 제목으로 나간"), std::string::npos);
  const store::ArticleId other = Write(reporter_, "대전시 예산 6조 원 편성 확정");
  EXPECT_EQ(Body(Get(reporter_, EditPathOf(other))).find("같은 제목으로 나간"), std::string::npos);
}

}  // namespace
}  // namespace sinmun::newsroom
