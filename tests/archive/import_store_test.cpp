// A WordPress export written into a real store, on both backends: what readers and the
// newsroom then see, and that a second run of the same file updates instead of duplicating.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "archive/import_store_sink.hpp"
#include "archive/wordpress_import.hpp"
#include "archive/wxr_fixture.hpp"
#include "store/store.hpp"
#include "support/store_probe.hpp"
#include "support/test_store.hpp"

namespace sinmun::archive {
namespace {

using sinmun::testing::Backend;
using testing::FixturePost;
using testing::kAssembly;
using testing::kEconomy;
using testing::kElection;
using testing::Post;
using testing::WriteTempFile;
using testing::WxrDocument;

using sinmun::testing::kNow;
constexpr Timestamp kPublished = 1'677'630'600;  // 2023-03-01 00:30:00 UTC
constexpr Timestamp kScheduled = 1'893'456'000;  // 2030-01-01 00:00:00 UTC
// A paper's export: a published post in a nested Korean category with a tag, a script in its
// body and a second category; a draft never dated and filed nowhere; a scheduled post by the second
// author.
std::vector<FixturePost> Paper() {
  FixturePost budget = Post(11, "시의회 예산안 통과",
                            "<p>시의회가 예산안을 <strong>통과</strong>시켰다.</p>"
                            "<script>alert('x')</script><p onclick=\"steal()\">둘째 문단</p>");
  budget.slug = "%ec%98%88%ec%82%b0";
  budget.link = "https://news.example.kr/2023/03/01/%ec%98%88%ec%82%b0/";
  budget.excerpt = "예산 4조 원 확정";
  budget.extra = {kAssembly, kEconomy, kElection};
  FixturePost draft = Post(12, "쓰다 만 기사", "<p>초고</p>");
  draft.status = "draft";
  draft.date_gmt = "0000-00-00 00:00:00";
  FixturePost scheduled = Post(13, "내일 아침 기사", "<p>예약</p>");
  scheduled.status = "future";
  scheduled.date_gmt = "2030-01-01 00:00:00";
  scheduled.creator = "lee";
  scheduled.extra = {kEconomy};
  return {budget, draft, scheduled};
}

class ImportStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  ImportReport Run(const std::vector<FixturePost>& posts, Timestamp now = kNow) {
    ImportStoreSink sink(*store_, *store_, now, /*batch=*/2);
    ImportReport report;
    const Result<> done =
        ImportWordPress(WriteTempFile(WxrDocument(posts)),
                        ImportOptions{.media_dir = "", .now = now}, &sink, report);
    EXPECT_TRUE(done.has_value()) << done.error().detail;
    return report;
  }

  store::ArticleId ArticleAt(const std::string& old_path) {
    const store::LegacyTarget target = store_->LegacyPathTarget(old_path).value();
    EXPECT_EQ(target.kind, store::LegacyKind::kArticle);
    return target.id;
  }

  sinmun::testing::TestDatabase database_{GetParam()};
  std::unique_ptr<store::Store> store_ = database_.Open();
};

TEST_P(ImportStoreTest, PostsBecomeArticlesReadersAndTheNewsroomSee) {
  const ImportReport report = Run(Paper());
  EXPECT_EQ(report.articles.created, 3);
  EXPECT_EQ(report.sections.created, 2);  // 정치 (with 국회 inside) and 경제
  EXPECT_EQ(report.reporters.created, 2);

  const store::ArticleId budget = ArticleAt("/2023/03/01/예산/");
  EXPECT_EQ(ArticleAt("/?p=11"), budget);
  const store::Article article = store_->PublishedArticle(budget, kNow).value();
  EXPECT_EQ(article.headline, "시의회 예산안 통과");
  EXPECT_EQ(article.section.slug, "정치");  // 국회's top, percent-decoded
  EXPECT_EQ(article.section.name, "정치");
  EXPECT_EQ(article.registered_at, kPublished);
  ASSERT_EQ(article.bylines.size(), 1u);
  EXPECT_EQ(article.bylines[0].name, "김기자");
  EXPECT_EQ(article.subheadlines, std::vector<std::string>{"예산 4조 원 확정"});
  // The nested category and the second category become tags, then the post's tags.
  EXPECT_EQ(article.tags, (std::vector<std::string>{"국회", "경제", "선거"}));
  EXPECT_NE(article.body_markdown.find("**통과**"), std::string::npos) << article.body_markdown;
  EXPECT_EQ(article.body_markdown.find("alert"), std::string::npos) << article.body_markdown;
  EXPECT_EQ(article.body_markdown.find("steal"), std::string::npos) << article.body_markdown;

  const store::DeskArticle draft = store_->DeskArticleById(ArticleAt("/?p=12")).value();
  EXPECT_EQ(draft.status, store::ArticleStatus::kDraft);
  // A post without a category is filed under 미분류, WordPress's own default.
  EXPECT_EQ(store_->SectionBySlug("미분류").value().id, draft.content.section_id);
  EXPECT_EQ(store_->PublishedArticle(draft.id, kNow).error().code, ErrorCode::kNotFound);
  const store::DeskArticle scheduled = store_->DeskArticleById(ArticleAt("/?p=13")).value();
  EXPECT_EQ(scheduled.status, store::ArticleStatus::kScheduled);
  EXPECT_EQ(scheduled.publish_at, kScheduled);
  EXPECT_EQ(sinmun::testing::NextScheduled(*store_), kScheduled);
  // The scheduler publishes it at its time.
  EXPECT_EQ(store_->PublishDue(kScheduled).value(), std::vector<store::ArticleId>{scheduled.id});
  EXPECT_EQ(store_->PublishedArticle(scheduled.id, kScheduled).value().bylines[0].name, "이수진");

  // Authors: reporters with accounts that cannot log in until a password is set.
  const std::vector<store::User> users = store_->Users().value();
  ASSERT_EQ(users.size(), 2u);
  for (const store::User& user : users) {
    EXPECT_FALSE(user.active) << user.email;
    EXPECT_TRUE(user.reporter_id.has_value()) << user.email;
  }
  EXPECT_EQ(store_->CredentialsByEmail("KIM@example.kr").value().password_hash, "!");

  // Old addresses of sections, tags and authors.
  const store::LegacyTarget assembly = store_->LegacyPathTarget("/category/정치/국회/").value();
  EXPECT_EQ(assembly.kind, store::LegacyKind::kSection);
  EXPECT_EQ(assembly.name, "정치");
  const store::LegacyTarget tag = store_->LegacyPathTarget("/tag/선거/").value();
  EXPECT_EQ(tag.kind, store::LegacyKind::kTag);
  EXPECT_EQ(tag.name, "선거");
  const store::LegacyTarget author = store_->LegacyPathTarget("/author/lee/").value();
  EXPECT_EQ(author.kind, store::LegacyKind::kReporter);
  EXPECT_EQ(store_->ReporterById(author.id).value().name, "이수진");
  EXPECT_EQ(store_->LegacyPathTarget("/2023/03/02/none/").error().code, ErrorCode::kNotFound);
}

TEST_P(ImportStoreTest, RunningTheSameFileAgainUpdatesAndNeverDuplicates) {
  Run(Paper());
  const std::int64_t changes = store_->ChangeSequence().value();
  const ImportReport again = Run(Paper(), kNow + 3600);
  EXPECT_EQ(again.articles.unchanged, 3);
  EXPECT_EQ(again.articles.created, 0);
  EXPECT_EQ(again.reporters.unchanged, 2);
  EXPECT_EQ(again.sections.unchanged, 2);
  EXPECT_EQ(store_->ChangeSequence().value(), changes);  // nothing written, nothing to follow
  EXPECT_EQ(store_->Users().value().size(), 2u);
  EXPECT_EQ(store_->Reporters().value().size(), 2u);
  EXPECT_EQ(store_->AllSections().value().size(), 3u);  // 정치, 경제, 미분류

  std::vector<FixturePost> edited = Paper();
  edited[0].title = "시의회 예산안 수정 통과";
  const ImportReport third = Run(edited, kNow + 7200);
  EXPECT_EQ(third.articles.updated, 1);
  EXPECT_EQ(third.articles.unchanged, 2);
  const store::ArticleId budget = ArticleAt("/?p=11");
  EXPECT_EQ(store_->PublishedArticle(budget, kNow).value().headline, "시의회 예산안 수정 통과");
  EXPECT_GT(store_->ChangeSequence().value(), changes);  // search and caches follow
  const store::ArticleList all =
      store_->LatestArticles({}, store::Page{1, 20}, kNow + 7200).value();
  EXPECT_EQ(all.total, 1);  // the published one, once
}

TEST_P(ImportStoreTest, AnArticleEditedInTheNewsroomKeepsItsEditsWhenTheExportComesAgain) {
  Run(Paper());
  const store::ArticleId budget = ArticleAt("/?p=11");
  store::DeskArticle article = store_->DeskArticleById(budget).value();
  article.content.headline = "시의회 예산안 통과 (바로잡음)";
  const store::UserId desk = store_->Users().value().at(0).id;
  ASSERT_TRUE(store_->SaveArticle(budget, article.content, article.revision, desk, kNow + 60));

  std::vector<FixturePost> changed = Paper();
  changed[0].title = "시의회 예산안 통과 (원래 시스템에서 고침)";
  changed[2].title = "내일 아침 기사 (고침)";
  const ImportReport again = Run(changed, kNow + 3600);
  EXPECT_EQ(again.articles.updated, 1);  // the scheduled one, which the newsroom never saved
  EXPECT_EQ(again.articles.unchanged, 1);
  EXPECT_EQ(store_->PublishedArticle(budget, kNow + 3600).value().headline,
            "시의회 예산안 통과 (바로잡음)");
  const auto kept = std::find_if(again.skipped.begin(), again.skipped.end(),
                                 [](const SkippedItem& item) { return item.wordpress_id == 11; });
  ASSERT_NE(kept, again.skipped.end());
  EXPECT_EQ(kept->title, "시의회 예산안 통과 (원래 시스템에서 고침)");
  EXPECT_NE(kept->reason.find("edited in the newsroom"), std::string::npos) << kept->reason;
  EXPECT_NE(FormatImportReport(again).find("edited in the newsroom"), std::string::npos);
}

TEST_P(ImportStoreTest, ASectionThePaperHasIsTakenOverNotDuplicated) {
  store_->InsertSection(store::NewSection{.slug = "economy", .name = "경제", .position = 0})
      .value();
  Run(Paper());
  EXPECT_EQ(store_->AllSections().value().size(), 3u);  // economy, 정치, 미분류
}

TEST_P(ImportStoreTest, ApprovedCommentsAndRepliesAreTheArticlesCommentsOnce) {
  std::vector<FixturePost> posts = Paper();
  posts[0].extra.push_back(testing::Comment(101, 0, "독자1", "첫 댓글"));
  posts[0].extra.push_back(testing::Comment(102, 101, "독자2", "답글"));
  posts[0].extra.push_back(testing::Comment(103, 102, "독자3", "답글의 답글"));
  posts[0].extra.push_back(testing::Comment(104, 0, "스팸", "광고", "spam"));
  Run(posts);
  const store::ArticleId budget = ArticleAt("/?p=11");
  const auto check = [&] {
    EXPECT_EQ(store_->CommentCount(budget).value(), 3);
    const store::CommentPage page =
        store_->ArticleComments(budget, store::CommentSort::kLatest, store::Page{1, 20}).value();
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].comment.nickname, "독자1");
    EXPECT_EQ(page.items[0].comment.body, "첫 댓글");
    EXPECT_EQ(page.items[0].comment.replies, 2);
    // sinmun's replies go one level deep: the reply to a reply joins the thread.
    ASSERT_EQ(page.items[0].replies.size(), 2u);
    EXPECT_EQ(page.items[0].replies[0].body, "답글");
    EXPECT_EQ(page.items[0].replies[1].body, "답글의 답글");
  };
  check();
  Run(posts, kNow + 60);  // again: nothing doubled
  check();
  posts[0].extra[3] = testing::Comment(101, 0, "독자1", "고친 첫 댓글");
  Run(posts, kNow + 120);
  EXPECT_EQ(store_->CommentCount(budget).value(), 3);
  EXPECT_EQ(store_->ArticleComments(budget, store::CommentSort::kLatest, store::Page{1, 20})
                .value()
                .items[0]
                .comment.body,
            "고친 첫 댓글");
}

TEST_P(ImportStoreTest, PublishedPagesBecomeStaticPagesAtTheirOldPath) {
  std::vector<FixturePost> posts = Paper();
  FixturePost about = Post(20, "회사 소개", "<h2>연혁</h2><p>1950년 창간</p>");
  about.type = "page";
  about.slug = "%ed%9a%8c%ec%82%ac-%ec%86%8c%ea%b0%9c";
  about.link = "https://news.example.kr/%ed%9a%8c%ec%82%ac-%ec%86%8c%ea%b0%9c/";
  FixturePost draft = Post(21, "준비 중", "<p>초안</p>");
  draft.type = "page";
  draft.status = "draft";
  posts.push_back(about);
  posts.push_back(draft);
  const ImportReport report = Run(posts);
  EXPECT_EQ(report.pages.created, 1);
  const store::StaticPage page = store_->StaticPageAt("회사-소개", kNow).value();
  EXPECT_EQ(page.title, "회사 소개");
  EXPECT_EQ(page.body_markdown, "## 연혁\n\n1950년 창간");
  EXPECT_EQ(page.effective_at, kPublished);
  for (const char* old : {"/회사-소개/", "/?page_id=20"}) {
    const store::LegacyTarget target = store_->LegacyPathTarget(old).value();
    EXPECT_EQ(target.kind, store::LegacyKind::kPage) << old;
    EXPECT_EQ(target.name, "회사-소개") << old;
  }
  bool draft_skipped = false;
  for (const SkippedItem& item : report.skipped) draft_skipped |= item.wordpress_id == 21;
  EXPECT_TRUE(draft_skipped);
  const ImportReport again = Run(posts, kNow + 60);
  EXPECT_EQ(again.pages.unchanged, 1);
  EXPECT_EQ(store_->StaticPageVersions("회사-소개").value().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ImportStoreTest, sinmun::testing::AllBackends(),
                         sinmun::testing::BackendParamName());

}  // namespace
}  // namespace sinmun::archive
