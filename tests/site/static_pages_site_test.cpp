// Static pages (issue #18) as readers see them: the version in force, earlier versions on
// their own addresses, versions dated ahead hidden, the footer's links and the 신문법 제21조
// fields in the footer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr Timestamp kDay = 86'400;

class StaticPagesSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    MakeSite("ko", 0);  // no page cache: the tests move the clock and save between reads
  }

  std::int64_t Save(std::string path, std::string title, std::string body, Timestamp effective_at,
                    int footer = 0) {
    return testing::SaveStaticPage(*store_, std::move(path), std::move(title), std::move(body),
                                   effective_at, footer, kNow);
  }
};

TEST_F(StaticPagesSiteTest, ThePageShowsTheVersionInForceAndLinksTheEarlierOne) {
  Save("privacy", "개인정보처리방침", "## 제1조\n\n처음 방침", kNow - 30 * kDay, 1);
  Save("privacy", "개인정보처리방침", "## 제1조\n\n**개정** 방침", kNow - kDay, 1);
  Save("privacy", "개인정보처리방침", "다음 달 방침", kNow + 30 * kDay, 1);

  const http::Response page = Get("/page/privacy");
  ASSERT_EQ(page.status, 200);
  const std::string html = Body(page);
  EXPECT_THAT(html, HasSubstr("<h1 class=\"page-title\">개인정보처리방침</h1>"));
  EXPECT_THAT(html, HasSubstr("<strong>개정</strong> 방침"));
  EXPECT_THAT(html, HasSubstr(">2024-05-02</time>"));  // 시행일 of the version in force
  EXPECT_THAT(html, Not(HasSubstr("다음 달 방침")));
  EXPECT_THAT(html, HasSubstr("href=\"/page/privacy?version=1\">제1판 · 시행일 2024-04-03</a>"));
  EXPECT_THAT(html, Not(HasSubstr("version=3")));  // not yet in force: the newsroom's alone

  const std::string earlier = GetBody("/page/privacy?version=1");
  EXPECT_THAT(earlier, HasSubstr("처음 방침"));
  EXPECT_THAT(earlier, HasSubstr("지금 보시는 것은 이전 버전입니다."));
  EXPECT_THAT(earlier, HasSubstr("<a href=\"/page/privacy\">현행 버전 보기</a>"));

  EXPECT_EQ(Get("/page/privacy?version=3").status, 404);
  EXPECT_EQ(Get("/page/privacy?version=9").status, 404);
  EXPECT_EQ(Get("/page/privacy?version=abc").status, 400);
  EXPECT_EQ(Get("/page/nothing").status, 404);
  EXPECT_EQ(Get("/page/Bad%20Path").status, 404);
}

TEST_F(StaticPagesSiteTest, AVersionDatedAheadIsShownOnceItsDateHasCome) {
  Save("terms", "이용약관", "옛 약관", kNow - kDay, 1);
  Save("terms", "이용약관", "새 약관", kNow + kDay, 1);
  EXPECT_THAT(GetBody("/page/terms"), HasSubstr("옛 약관"));
  clock_ = FixedClock(kNow + kDay);
  EXPECT_THAT(GetBody("/page/terms"), HasSubstr("새 약관"));
}

TEST_F(StaticPagesSiteTest, TheFooterLinksPagesInTheirOrderOnEveryPage) {
  Save("youth-policy", "청소년보호정책", "책임자 김영희", kNow - kDay, 2);
  Save("privacy", "개인정보처리방침", "방침", kNow - kDay, 1);
  Save("imported/history", "회사 연혁", "가져온 페이지", kNow - kDay);  // not in the footer
  for (const std::string target : {"/", "/page/privacy", "/nope"}) {
    const std::string html = GetBody(target);
    const size_t privacy = Find(html, "<li><a href=\"/page/privacy\">개인정보처리방침</a></li>");
    const size_t youth = Find(html, "<li><a href=\"/page/youth-policy\">청소년보호정책</a></li>");
    ASSERT_NE(privacy, std::string::npos) << target;
    ASSERT_NE(youth, std::string::npos) << target;
    EXPECT_LT(privacy, youth) << target;
    EXPECT_THAT(html, Not(HasSubstr("회사 연혁</a>"))) << target;
  }
  EXPECT_THAT(GetBody("/page/imported/history"), HasSubstr("가져온 페이지"));
}

TEST_F(StaticPagesSiteTest, TheFooterCarriesEveryFieldOfArticle21) {
  ASSERT_TRUE(store_->PutSiteSettings({{"paper.name", "한밭일보"},
                                       {"paper.registration_number", "대전 아01234"},
                                       {"paper.registered_on", "2017-08-01"},
                                       {"paper.publisher", "발행인이름"},
                                       {"paper.editor", "편집인이름"},
                                       {"paper.published_on", "2017-09-01"},
                                       {"paper.address", "대전광역시 서구 둔산로 100"},
                                       {"paper.phone", "042-123-4567"}}));
  const std::string html = GetBody("/");
  for (const std::string field :
       {"<dt>제호</dt><dd>한밭일보</dd>", "<dt>등록번호</dt><dd>대전 아01234</dd>",
        "<dt>등록일</dt><dd>2017-08-01</dd>", "<dt>발행인</dt><dd>발행인이름</dd>",
        "<dt>편집인</dt><dd>편집인이름</dd>", "<dt>발행일</dt><dd>2017-09-01</dd>",
        "<dt>발행소</dt><dd>대전광역시 서구 둔산로 100</dd>",
        "<dt>전화</dt><dd>042-123-4567</dd>"}) {
    EXPECT_THAT(html, HasSubstr(field));
  }
}

TEST_F(StaticPagesSiteTest, TheCommentPolicyIsSinmunsUntilThePaperWritesItsOwn) {
  const http::Response old_address = Get("/comment-policy");
  EXPECT_EQ(old_address.status, 301);
  EXPECT_EQ(Header(old_address, "Location"), "/page/comment-policy");
  EXPECT_THAT(GetBody("/page/comment-policy"), HasSubstr("댓글 운영 원칙"));

  Save("comment-policy", "댓글 정책", "우리 신문의 댓글 원칙", kNow - kDay);
  const std::string own = GetBody("/page/comment-policy");
  EXPECT_THAT(own, HasSubstr("우리 신문의 댓글 원칙"));
}

}  // namespace
}  // namespace sinmun::site
