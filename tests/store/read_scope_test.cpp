// Read scopes (store/read_scopes.hpp): a page's reads from one snapshot in one read
// transaction, on either backend.
#include <gtest/gtest.h>

#include <thread>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::kNow;
using testing::MakeArticle;
using testing::Must;

class StoreReadScopeTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  ArticleId older_ =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "대전 소식", kNow - 7200));
  ArticleId newer_ =
      testing::InsertArticle(*store_, MakeArticle(sections_[0].id, "세종 소식", kNow - 3600));

  ArticleId Publish(std::string headline) {
    const ArticleId id = Must(store_->CreateDraft(ArticleContent{.section_id = sections_[0].id,
                                                                 .headline = std::move(headline),
                                                                 .body_markdown = "본문."},
                                                  1, kNow - 60));
    EXPECT_TRUE(store_->PublishArticle(id, kNow - 30).has_value());
    return id;
  }

  CommentId Comment(std::string body) {
    return Must(store_->PostComment(NewComment{.article_id = newer_,
                                               .nickname = "독자",
                                               .password_hash = "$argon2id$fake",
                                               .body = std::move(body),
                                               .client = "client-a",
                                               .created_at = kNow - 10}));
  }

  // What the article page reads of the newer article, as one line a read.
  std::vector<std::string> PageReads() {
    std::vector<std::string> lines;
    const Article article = Must(store_->PublishedArticle(newer_, kNow));
    lines.push_back(article.headline + " " + article.body_markdown);
    const Neighbors neighbors = Must(store_->NeighborsInSection(newer_, kNow));
    lines.push_back(neighbors.previous_headline + "|" + neighbors.next_headline);
    const ArticleList list = Must(store_->LatestArticles({}, Page{1, 10}, kNow));
    std::string headlines = std::to_string(list.total);
    for (const ArticleSummary& summary : list.items) headlines += " " + summary.headline;
    lines.push_back(headlines);
    const CommentPage comments =
        Must(store_->ArticleComments(newer_, CommentSort::kLatest, Page{1, 5}));
    std::string bodies = std::to_string(comments.total);
    for (const CommentThread& thread : comments.items) bodies += " " + thread.comment.body;
    lines.push_back(bodies);
    lines.push_back(std::to_string(Must(store_->CommentCount(newer_))));
    lines.push_back(std::to_string(Must(store_->Sections()).size()));
    return lines;
  }
};

TEST_P(StoreReadScopeTest, ReadsInsideAScopeGiveTheSameRowsAsOutside) {
  Comment("첫 댓글");
  Comment("둘째 댓글");
  const std::vector<std::string> outside = PageReads();
  std::vector<std::string> inside;
  {
    const ReadScope scope = store_->OpenReadScope();
    EXPECT_TRUE(scope.pinned());
    inside = PageReads();
  }
  EXPECT_EQ(inside, outside);
  EXPECT_EQ(PageReads(), outside) << "the connection goes back to the pool clean";
}

TEST_P(StoreReadScopeTest, AScopeSeesOneSnapshotWhileAWriteLands) {
  const ReadScope scope = store_->OpenReadScope();
  ASSERT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);

  // Writes inside a scope are not its business: they land (another connection) ...
  const ArticleId landed = Publish("속보");
  Comment("새 댓글");
  // ... and the scope's reads still show the store as of its first read.
  EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(landed, kNow)), ErrorCode::kNotFound);
  EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);
  EXPECT_EQ(Must(store_->CommentCount(newer_)), 0);
  EXPECT_FALSE(Must(store_->NeighborsInSection(newer_, kNow)).next.has_value());

  // Another thread has no scope: it sees the write.
  std::int64_t seen_elsewhere = 0;
  std::thread([&] {
    const Result<ArticleList> list = store_->LatestArticles({}, Page{1, 10}, kNow);
    if (list) seen_elsewhere = list->total;
  }).join();
  EXPECT_EQ(seen_elsewhere, 3);

  // A scope opened inside holds nothing: the outer one goes on with its snapshot.
  {
    const ReadScope nested = store_->OpenReadScope();
    EXPECT_FALSE(nested.pinned());
    EXPECT_EQ(Must(store_->CommentCount(newer_)), 0);
  }
  EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);
}

TEST_P(StoreReadScopeTest, TheWriteIsSeenOnceTheScopeEnds) {
  ArticleId landed = 0;
  {
    const ReadScope scope = store_->OpenReadScope();
    ASSERT_EQ(Must(store_->PublishedArticle(older_, kNow)).headline, "대전 소식");
    landed = Publish("속보");
  }
  EXPECT_EQ(Must(store_->PublishedArticle(landed, kNow)).headline, "속보");
  const ReadScope later = store_->OpenReadScope();
  EXPECT_EQ(Must(store_->PublishedArticle(landed, kNow)).headline, "속보");
  EXPECT_EQ(Must(store_->NeighborsInSection(newer_, kNow)).next, landed);
}

// A read that fails inside a scope: on PostgreSQL text that is not UTF-8 fails the statement
// and aborts its transaction, SQLite finds no such section. Either way the reads after it, in
// the scope and after it, work.
TEST_P(StoreReadScopeTest, AFailedReadLeavesTheScopeAndItsConnectionUsable) {
  {
    const ReadScope scope = store_->OpenReadScope();
    const std::optional<ErrorCode> failed = ErrorCodeOf(store_->SectionBySlug("\xff\xfe"));
    if (GetParam() == Backend::kPostgres) {
      EXPECT_NE(failed, ErrorCode::kNotFound) << "the statement failed, aborting the transaction";
    } else {
      EXPECT_EQ(failed, ErrorCode::kNotFound);
    }
    EXPECT_EQ(Must(store_->PublishedArticle(newer_, kNow)).headline, "세종 소식");
    EXPECT_EQ(ErrorCodeOf(store_->PublishedArticle(newer_ + 100, kNow)), ErrorCode::kNotFound);
    EXPECT_EQ(Must(store_->SectionBySlug(sections_[0].slug)).id, sections_[0].id);
    EXPECT_FALSE(store_->SectionBySlug("\xff\xfe").has_value());
  }
  // Every pooled connection, the scope's among them, serves reads and writes after it.
  for (int i = 0; i < 3; ++i) {
    const ReadScope scope = store_->OpenReadScope();
    EXPECT_EQ(Must(store_->PublishedArticle(older_, kNow)).headline, "대전 소식");
  }
  EXPECT_EQ(Must(store_->PublishedArticle(Publish("정정"), kNow)).headline, "정정");
}

// Scopes of two stores on one thread are apart: each store's reads use its own.
TEST_P(StoreReadScopeTest, ScopesOfTwoStoresOnOneThreadAreApart) {
  std::unique_ptr<Store> other = testing::OpenTestStore(GetParam());
  testing::SeedSections(*other);
  const ReadScope mine = store_->OpenReadScope();
  EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);
  {
    const ReadScope theirs = other->OpenReadScope();
    EXPECT_TRUE(theirs.pinned());
    EXPECT_EQ(Must(other->LatestArticles({}, Page{1, 10}, kNow)).total, 0);
    Publish("속보");
    EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);
  }
  EXPECT_EQ(Must(store_->LatestArticles({}, Page{1, 10}, kNow)).total, 2);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreReadScopeTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
