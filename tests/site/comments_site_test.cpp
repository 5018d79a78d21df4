// Reader comments (issue #16) through the site's routes over a real store, without
// JavaScript: the block on the article page, the comment pages, posting and replying,
// 추천/비추천, 신고 until hidden, a guest's edit and delete, the JSON, and bad input.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/address_range.hpp"
#include "core/password.hpp"
#include "http/encoding.hpp"
#include "http/gzip_splice.hpp"
#include "site/ad_splice.hpp"
#include "site/page_cache.hpp"
#include "site_fixture.hpp"
#include "support/http_client.hpp"

namespace sinmun::site {
namespace {

class CommentsSiteTest : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    CountReaders();
    writable_ = true;
    config_.comment_hide_after_reports = 2;
    MakeSite();
    article_ = Insert(sinmun::testing::MakeArticle(sections_[0].id, "댓글 달릴 기사", kNow - 7200,
                                                   {reporters_[0]}));
  }

  std::string CommentsUrl() const { return fmt::format("/article/{}/comments", article_); }

  // The form's token as the page a minute ago gave it.
  std::string Token() const {
    const std::string issued = std::to_string(kNow - 60);
    return issued + "." + form_signer_.Sign(article_, "comment-form\n" + issued);
  }

  http::Response PostForm(const std::string& target, const std::string& body,
                          const std::string& address = "203.0.113.5",
                          const std::string& cookie = "") {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"user-agent", kChrome},
        {"origin", kOrigin},
        {"content-type", "application/x-www-form-urlencoded"}};
    if (!cookie.empty()) headers.emplace_back("cookie", "sinmun_v=" + cookie);
    return Send(http::Method::kPost, target, headers, body, address);
  }

  // Posts a comment as a guest from `address`; returns the response.
  http::Response Comment(const std::string& body, const std::string& address = "203.0.113.5",
                         const std::string& extra = "") {
    return PostForm(CommentsUrl(),
                    "nickname=" + http::PercentEncode("독자") + "&password=secret1&body=" +
                        http::PercentEncode(body) + "&form_token=" + Token() + extra,
                    address);
  }

  // The id in a 303's "…/comments#c{id}".
  store::CommentId PostedId(const http::Response& response) {
    const std::string location = Header(response, "Location");
    const size_t at = location.find("#c");
    EXPECT_NE(at, std::string::npos) << location;
    return at == std::string::npos ? 0 : std::stoll(location.substr(at + 2));
  }

  store::ArticleId article_ = 0;
};

TEST_F(CommentsSiteTest, APostedCommentShowsEscapedOnTheArticleAndItsCommentPage) {
  EXPECT_NE(
      GetBody(fmt::format("/article/{}", article_)).find("댓글 <span class=\"count\">0</span>"),
      std::string::npos);
  const http::Response posted = Comment("<script>alert(1)</script>\n둘째 줄 https://example.com/a");
  ASSERT_EQ(posted.status, 303) << Body(posted);
  const store::CommentId id = PostedId(posted);

  for (const std::string& page :
       {GetBody(fmt::format("/article/{}", article_)), GetBody(CommentsUrl())}) {
    EXPECT_NE(page.find("댓글 <span class=\"count\">1</span>"), std::string::npos);
    EXPECT_NE(page.find(fmt::format("id=\"c{}\"", id)), std::string::npos);
    EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;<br>"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"https://example.com/a\" rel=\"nofollow ugc noopener\">"),
              std::string::npos);
  }
}

// The comment block is a part of its own (issue #16): a comment makes that part again and
// leaves the cached article page in the cache, which goes on serving it with the new comment.
TEST_F(CommentsSiteTest, ACommentShowsOnTheCachedArticlePageWithoutDroppingIt) {
  const std::string article = fmt::format("/article/{}", article_);
  const http::Response before = Get(article);
  ASSERT_EQ(before.status, 200);
  const PageCache::Stats cached = site_->page_cache().stats();

  ASSERT_EQ(Comment("캐시를 지나온 댓글").status, 303);
  const http::Response after = Get(article);
  const std::string page = Body(after);
  EXPECT_NE(page.find("캐시를 지나온 댓글"), std::string::npos);
  EXPECT_NE(page.find("댓글 <span class=\"count\">1</span>"), std::string::npos);
  EXPECT_EQ(page.find("<!--sinmun-"), std::string::npos);
  EXPECT_NE(after.body.etag, before.body.etag);
  const PageCache::Stats now = site_->page_cache().stats();
  EXPECT_EQ(now.misses, cached.misses);  // the article page was not rendered again
  EXPECT_EQ(now.hits, cached.hits + 1);
  EXPECT_EQ(now.entries, cached.entries);

  // A reader whose browser takes gzip gets the same page, joined from the compressed pieces.
  const http::Response gzip =
      Send(http::Method::kGet, article, {{"user-agent", kChrome}, {"accept-encoding", "gzip"}});
  ASSERT_TRUE(gzip.body.gzip);
  EXPECT_NE(Body(gzip).find("캐시를 지나온 댓글"), std::string::npos);
}

// A comment makes the article's part again, and the cached page's copy (its first answer, with
// the old part) is not asked for again: the page is put in place with the body the new part made
// as its one copy, rather than keeping that body beside a dead copy in the joined budget, and
// later readers get that body (issue #14).
TEST_F(CommentsSiteTest, ACommentMakesTheCachedPagesCopyAgainRatherThanASecondBody) {
  const std::string article = fmt::format("/article/{}", article_);
  ASSERT_EQ(Get(article).status, 200);
  const PageCache::Stats cached = site_->page_cache().stats();
  const std::size_t joined = KeptJoinedBytes();

  ASSERT_EQ(Comment("사본을 바꾼 댓글").status, 303);
  const http::Response after = Get(article);
  EXPECT_NE(Body(after).find("사본을 바꾼 댓글"), std::string::npos);
  EXPECT_EQ(KeptJoinedBytes(), joined);  // no second body kept beside the page
  for (int i = 0; i < 3; ++i) {
    const http::Response again = Get(article);
    EXPECT_EQ(again.body.etag, after.body.etag);
    EXPECT_EQ(Body(again), Body(after));
  }
  EXPECT_EQ(KeptJoinedBytes(), joined);
  const PageCache::Stats now = site_->page_cache().stats();
  EXPECT_EQ(now.misses, cached.misses);
  EXPECT_EQ(now.entries, cached.entries);
}

// Once the article page is asked for again (its pieces compressed at the best level, off the
// request path), the body a gzip reader gets with the comment block in it is the whole page
// compressed at that level, not its pieces joined: pieces compressed apart share no history
// and made it about 40 % larger, a cost that the comment block's two holes added to every
// hit (issue #16, the cached page with comments on against off).
TEST_F(CommentsSiteTest, ACachedArticleWithCommentsIsSentCompressedWhole) {
  ASSERT_EQ(Comment("압축된 페이지의 댓글").status, 303);
  const std::string article = fmt::format("/article/{}", article_);
  const auto zipped = [&] {
    return Send(http::Method::kGet, article,
                {{"user-agent", kChrome}, {"accept-encoding", "gzip"}});
  };
  const http::Response first = zipped();
  ASSERT_TRUE(first.body.gzip);
  const std::string html = sinmun::testing::Gunzip(*first.body.gzip);
  ASSERT_NE(html.find("압축된 페이지의 댓글"), std::string::npos);
  std::string whole;
  ASSERT_TRUE(http::GzipCompressor(http::kBestJoinLevel).Compress(html, whole));

  // The recompressor runs on its own thread: ask until its page is in the cache (2 s at most).
  http::Response again = zipped();
  for (int i = 0; i < 200 && again.body.gzip && *again.body.gzip != whole; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    again = zipped();
  }
  ASSERT_TRUE(again.body.gzip);
  EXPECT_EQ(sinmun::testing::Gunzip(*again.body.gzip), html);
  EXPECT_EQ(again.body.gzip->size(), whole.size());
  EXPECT_LT(whole.size(), first.body.gzip->size());  // the first answer's fast pieces, joined
  EXPECT_EQ(again.body.etag, first.body.etag);       // the same page and comment part
}

TEST_F(CommentsSiteTest, ListsShowEachArticlesCount) {
  const store::ArticleId quiet = Insert(
      sinmun::testing::MakeArticle(sections_[0].id, "조용한 기사", kNow - 3600, {reporters_[0]}));
  ASSERT_EQ(Comment("하나", "203.0.113.1").status, 303);
  ASSERT_EQ(Comment("둘", "203.0.113.2").status, 303);
  const std::string list = GetBody("/section/" + sections_[0].slug);
  EXPECT_NE(list.find(fmt::format(
                "<a class=\"item-comments\" href=\"/article/{}#comments\">댓글 2</a>", article_)),
            std::string::npos)
      << list;
  EXPECT_EQ(list.find(fmt::format("href=\"/article/{}#comments\"", quiet)), std::string::npos);
}

TEST_F(CommentsSiteTest, MostViewedListsTheWeeksMostCommented) {
  ASSERT_EQ(Comment("하나", "203.0.113.1").status, 303);
  ASSERT_EQ(Comment("둘", "203.0.113.2").status, 303);
  const std::string page = GetBody("/most-viewed");
  const std::size_t box = page.find("이번 주 댓글 많은 뉴스");
  ASSERT_NE(box, std::string::npos) << page;
  EXPECT_NE(page.find(fmt::format("<li><a href=\"/article/{}\">댓글 달릴 기사</a> <span "
                                  "class=\"count\">댓글 2</span></li>",
                                  article_),
                      box),
            std::string::npos)
      << page.substr(box);
}

TEST_F(CommentsSiteTest, TheFormLinksThePolicyPage) {
  EXPECT_NE(GetBody(CommentsUrl()).find("href=\"/page/comment-policy\""), std::string::npos);
  const http::Response policy = Get("/page/comment-policy");
  EXPECT_EQ(policy.status, 200);
  EXPECT_NE(Body(policy).find("댓글 운영 원칙"), std::string::npos);
}

TEST_F(CommentsSiteTest, RepliesAreShownUnderTheirCommentAndSortsWork) {
  const store::CommentId first = PostedId(Comment("첫 댓글", "203.0.113.1"));
  PostedId(Comment("둘째 댓글", "203.0.113.2"));
  const http::Response reply =
      Comment("첫 댓글에 답글", "203.0.113.3", fmt::format("&parent={}", first));
  ASSERT_EQ(reply.status, 303) << Body(reply);

  const std::string latest = GetBody(CommentsUrl());
  EXPECT_LT(Find(latest, "둘째 댓글"), Find(latest, "첫 댓글</p>"));
  EXPECT_LT(Find(latest, "첫 댓글</p>"), Find(latest, "첫 댓글에 답글"));
  const std::string by_replies = GetBody(CommentsUrl() + "?sort=replies");
  EXPECT_LT(Find(by_replies, "첫 댓글</p>"), Find(by_replies, "둘째 댓글"));
  EXPECT_EQ(Get(CommentsUrl() + "?sort=nonsense").status, 400);
  EXPECT_EQ(Get(CommentsUrl() + "?page=abc").status, 400);

  // A reply to a reply is refused: replies go one level deep.
  const store::CommentId reply_id = PostedId(reply);
  EXPECT_EQ(Comment("답글의 답글", "203.0.113.4", fmt::format("&parent={}", reply_id)).status, 400);
}

TEST_F(CommentsSiteTest, TheJsonHasTheDocumentedShape) {
  const store::CommentId first = PostedId(Comment("<b>굵게</b>", "203.0.113.1"));
  Comment("답글", "203.0.113.2", fmt::format("&parent={}", first));
  const http::Response response = Get(fmt::format("/api/v1/articles/{}/comments", article_));
  ASSERT_EQ(response.status, 200);
  const nlohmann::json body = nlohmann::json::parse(Body(response));
  EXPECT_EQ(body["total"], 2);
  ASSERT_EQ(body["items"].size(), 1u);
  const nlohmann::json& item = body["items"][0];
  EXPECT_EQ(item["id"], first);
  EXPECT_EQ(item["author"], "독자");
  EXPECT_EQ(item["body"], "<b>굵게</b>");  // JSON carries text; a page escapes it
  EXPECT_EQ(item["created_at"], "2024-05-03T12:00:00+09:00");
  EXPECT_EQ(item["recommends"], 0);
  EXPECT_EQ(item["not_recommends"], 0);
  ASSERT_EQ(item["replies"].size(), 1u);
  EXPECT_EQ(item["replies"][0]["body"], "답글");
  EXPECT_EQ(Get("/api/v1/articles/999999/comments").status, 404);
}

TEST_F(CommentsSiteTest, VotesCountOncePerVisitor) {
  const store::CommentId id = PostedId(Comment("추천 바람"));
  const std::string vote = fmt::format("/comment/{}/vote", id);
  EXPECT_EQ(PostForm(vote, "vote=up", "198.51.100.1", "visitor-a").status, 303);
  EXPECT_EQ(PostForm(vote, "vote=up", "198.51.100.1", "visitor-a").status, 303);
  EXPECT_EQ(PostForm(vote, "vote=down", "198.51.100.2", "visitor-b").status, 303);
  EXPECT_EQ(PostForm(vote, "vote=sideways", "198.51.100.2", "visitor-b").status, 400);
  const nlohmann::json body =
      nlohmann::json::parse(GetBody(fmt::format("/api/v1/articles/{}/comments", article_)));
  EXPECT_EQ(body["items"][0]["recommends"], 1);
  EXPECT_EQ(body["items"][0]["not_recommends"], 1);
  // From another site: refused, nothing counted.
  EXPECT_EQ(Send(http::Method::kPost, vote,
                 {{"user-agent", kChrome}, {"origin", "https://evil.example"}}, "vote=up")
                .status,
            403);
}

// BEST (issue #16): a comment whose recommends plus replies reach the minimum is pinned with a
// badge above the list, on the article page and the comment page; not on a fresh article.
TEST_F(CommentsSiteTest, TheTopCommentsArePinnedAsBestOnceTheArticleIsOldEnough) {
  config_.comment_best_count = 1;
  config_.comment_best_min_score = 2;
  config_.comment_best_after_minutes = 60;
  MakeSite();
  const store::ArticleId fresh = Insert(
      sinmun::testing::MakeArticle(sections_[0].id, "갓 나온 기사", kNow - 600, {reporters_[0]}));
  const auto post_and_vote = [&](store::ArticleId article, const std::string& body, int votes) {
    const store::CommentId id =
        store_
            ->PostComment(store::NewComment{.article_id = article,
                                            .nickname = "독자",
                                            .password_hash = "$argon2id$fake",
                                            .body = body,
                                            .client = "client-" + body,
                                            .created_at = kNow - 60})
            .value();
    for (int i = 0; i < votes; ++i) {
      EXPECT_TRUE(store_->VoteComment(id, "voter-" + std::to_string(i), true, kNow));
    }
    site_->CommentsChanged(article);
    return id;
  };
  const store::CommentId liked = post_and_vote(article_, "추천 많은 댓글", 3);
  const store::CommentId second = post_and_vote(article_, "추천 둘인 댓글", 2);
  const store::CommentId plain = post_and_vote(article_, "추천 없는 댓글", 0);

  for (const std::string& page :
       {GetBody(fmt::format("/article/{}", article_)), GetBody(CommentsUrl())}) {
    EXPECT_NE(page.find("BEST 댓글"), std::string::npos);
    EXPECT_NE(page.find(fmt::format("id=\"best-c{}\"", liked)), std::string::npos);
    EXPECT_EQ(page.find(fmt::format("id=\"best-c{}\"", second)), std::string::npos);  // count 1
    EXPECT_EQ(page.find(fmt::format("id=\"best-c{}\"", plain)), std::string::npos);
    // Pinned above the list, where it is still shown in its place.
    EXPECT_LT(Find(page, fmt::format("id=\"best-c{}\"", liked)),
              Find(page, "class=\"comment-list\""));
    EXPECT_NE(page.find(fmt::format("id=\"c{}\"", liked)), std::string::npos);
    EXPECT_NE(page.find("class=\"badge badge-best\""), std::string::npos);
  }
  // Not on the second page of the list.
  EXPECT_EQ(GetBody(CommentsUrl() + "?page=2").find("best-c"), std::string::npos);

  // Ten minutes old: the same votes pin nothing yet.
  const store::CommentId early = post_and_vote(fresh, "일찍 추천받은 댓글", 5);
  const std::string fresh_page = GetBody(fmt::format("/article/{}", fresh));
  EXPECT_NE(fresh_page.find(fmt::format("id=\"c{}\"", early)), std::string::npos);
  EXPECT_EQ(fresh_page.find("BEST 댓글"), std::string::npos);
  EXPECT_EQ(GetBody(fmt::format("/article/{}/comments", fresh)).find("best-c"), std::string::npos);
}

// Staff signed in to the newsroom (issue #16) comment under their name with their role's
// badge and no password asked, and delete their own comments while signed in; nobody else can.
TEST_F(CommentsSiteTest, SignedInStaffCommentUnderTheirNameAndDeleteTheirOwn) {
  const store::UserId reporter = store_
                                     ->InsertUser(store::NewUser{.email = "kim@example.com",
                                                                 .name = "김기자",
                                                                 .role = store::Role::kReporter,
                                                                 .password_hash = "$argon2id$fake",
                                                                 .created_at = kNow})
                                     .value();
  const store::UserId editor = store_
                                   ->InsertUser(store::NewUser{.email = "lee@example.com",
                                                               .name = "이데스크",
                                                               .role = store::Role::kEditor,
                                                               .password_hash = "$argon2id$fake",
                                                               .created_at = kNow})
                                   .value();
  // The session cookie names the account, as the newsroom's hook would find it.
  comment_staff_ = [this, reporter,
                    editor](const http::Request& request) -> std::optional<store::User> {
    const std::optional<std::string> who = request.Cookie("sinmun_session");
    if (who == "kim") return store_->UserById(reporter).value();
    if (who == "lee") return store_->UserById(editor).value();
    return std::nullopt;
  };
  MakeSite();
  const auto post_as = [&](const std::string& session, const std::string& body,
                           const std::string& address) {
    return Send(http::Method::kPost, CommentsUrl(),
                {{"user-agent", kChrome},
                 {"origin", kOrigin},
                 {"content-type", "application/x-www-form-urlencoded"},
                 {"cookie", "sinmun_session=" + session}},
                "body=" + http::PercentEncode(body) + "&form_token=" + Token(), address);
  };

  // The comment page a signed-in reporter sees asks for neither nickname nor password.
  const std::string form = Body(Send(http::Method::kGet, CommentsUrl(),
                                     {{"user-agent", kChrome}, {"cookie", "sinmun_session=kim"}}));
  EXPECT_NE(form.find("<strong>김기자</strong> <span class=\"badge\">기자</span>"),
            std::string::npos);
  EXPECT_EQ(form.find("name=\"password\""), std::string::npos);
  EXPECT_NE(GetBody(CommentsUrl()).find("name=\"password\""), std::string::npos);  // readers

  const http::Response by_reporter = post_as("kim", "기자의 답변입니다", "203.0.113.60");
  ASSERT_EQ(by_reporter.status, 303) << Body(by_reporter);
  const store::CommentId reporter_comment = PostedId(by_reporter);
  const http::Response by_editor = post_as("lee", "편집국의 안내입니다", "203.0.113.61");
  ASSERT_EQ(by_editor.status, 303) << Body(by_editor);
  const store::CommentId editor_comment = PostedId(by_editor);
  // Without a session the same form is a guest's, which needs a nickname and a password.
  EXPECT_EQ(post_as("nobody", "손님의 글", "203.0.113.62").status, 400);

  const std::string page = GetBody(fmt::format("/article/{}", article_));
  EXPECT_NE(page.find("김기자</span> <span class=\"badge\">기자</span>"), std::string::npos);
  EXPECT_NE(page.find("이데스크</span> <span class=\"badge\">편집국</span>"), std::string::npos);
  const store::Comment stored = store_->CommentById(reporter_comment).value();
  EXPECT_EQ(stored.author, store::CommentAuthor::kStaff);
  EXPECT_EQ(stored.user_id, reporter);
  EXPECT_EQ(stored.password_hash, "");

  // Only the writer's session shows and takes the delete.
  const std::string remove = fmt::format("/comment/{}/delete", reporter_comment);
  EXPECT_NE(Body(Send(http::Method::kGet, CommentsUrl(),
                      {{"user-agent", kChrome}, {"cookie", "sinmun_session=kim"}}))
                .find("action=\"" + remove + "\""),
            std::string::npos);
  EXPECT_EQ(GetBody(CommentsUrl()).find("action=\"" + remove + "\""), std::string::npos);
  const auto delete_as = [&](const std::string& session, const std::string& target) {
    return Send(http::Method::kPost, target,
                {{"user-agent", kChrome},
                 {"origin", kOrigin},
                 {"content-type", "application/x-www-form-urlencoded"},
                 {"cookie", "sinmun_session=" + session}},
                "");
  };
  EXPECT_EQ(delete_as("lee", remove).status, 403);
  EXPECT_EQ(delete_as("nobody", remove).status, 403);
  EXPECT_EQ(store_->CommentById(reporter_comment)->state, store::CommentState::kVisible);
  EXPECT_EQ(delete_as("kim", remove).status, 303);
  EXPECT_EQ(store_->CommentById(reporter_comment)->state, store::CommentState::kDeleted);
  EXPECT_EQ(GetBody(fmt::format("/article/{}", article_)).find("기자의 답변입니다"),
            std::string::npos);
  EXPECT_EQ(delete_as("kim", remove).status, 404);  // gone already
  // A guest's comment is never deleted this way.
  const store::CommentId guest = PostedId(Comment("손님 댓글", "203.0.113.63"));
  EXPECT_EQ(delete_as("kim", fmt::format("/comment/{}/delete", guest)).status, 404);
  EXPECT_EQ(store_->CommentById(editor_comment)->state, store::CommentState::kVisible);
}

// The partial address (issue #16): only the start of a guest's address is kept, and it is
// shown beside the nickname when the setting is on (off by default).
TEST_F(CommentsSiteTest, AGuestsPartialAddressIsKeptAloneAndShownWhenSwitchedOn) {
  const store::CommentId v4 = PostedId(Comment("IPv4에서 쓴 댓글", "211.234.56.78"));
  const store::CommentId v6 = PostedId(Comment("IPv6에서 쓴 댓글", "2001:db8:85a3::8a2e:370:7334"));
  const store::CommentId mapped = PostedId(Comment("매핑된 주소", "::ffff:121.130.4.5"));
  const store::Comment stored = store_->CommentById(v4).value();
  EXPECT_EQ(stored.address_prefix, "211.234");
  for (const std::string& field :
       {stored.client, stored.nickname, stored.body, stored.password_hash}) {
    EXPECT_EQ(field.find("56.78"), std::string::npos) << field;
  }
  EXPECT_EQ(store_->CommentById(v6)->address_prefix, "2001:db8");
  EXPECT_EQ(store_->CommentById(mapped)->address_prefix, "121.130");
  EXPECT_EQ(GetBody(CommentsUrl()).find("comment-address"), std::string::npos);  // off

  config_.comment_show_partial_address = true;
  MakeSite();
  for (const std::string& page :
       {GetBody(CommentsUrl()), GetBody(fmt::format("/article/{}", article_))}) {
    EXPECT_NE(page.find("독자</span> <span class=\"comment-address\">(211.234.*.*)</span>"),
              std::string::npos);
    EXPECT_NE(page.find("(2001:db8:*)"), std::string::npos);
    EXPECT_NE(page.find("(121.130.*.*)"), std::string::npos);
    EXPECT_EQ(page.find("211.234.56"), std::string::npos);
  }
}

TEST_F(CommentsSiteTest, EnoughReportsHideAComment) {
  const store::CommentId id = PostedId(Comment("신고당할 댓글"));
  const std::string report = fmt::format("/comment/{}/report", id);
  EXPECT_EQ(PostForm(report, "reason=bogus", "198.51.100.1", "r1").status, 400);
  EXPECT_EQ(PostForm(report, "reason=abuse", "198.51.100.1", "r1").status, 303);
  EXPECT_NE(GetBody(CommentsUrl()).find("신고당할 댓글"), std::string::npos);
  EXPECT_EQ(PostForm(report, "reason=spam", "198.51.100.2", "r2").status, 303);
  EXPECT_EQ(GetBody(CommentsUrl()).find("신고당할 댓글"), std::string::npos);
  // The article page was cached with the comment: the report that hid it made its comment
  // part again.
  EXPECT_EQ(GetBody(fmt::format("/article/{}", article_)).find("신고당할 댓글"), std::string::npos);
}

TEST_F(CommentsSiteTest, AGuestEditsAndDeletesWithThePasswordOnly) {
  const store::CommentId id = PostedId(Comment("고칠 댓글"));
  const std::string edit = fmt::format("/comment/{}/edit", id);
  EXPECT_EQ(Get(edit).status, 200);
  const http::Response wrong =
      PostForm(edit, "password=wrong1&body=" + http::PercentEncode("바뀐 글"));
  EXPECT_EQ(wrong.status, 403);
  EXPECT_NE(Body(wrong).find("비밀번호가 맞지 않습니다"), std::string::npos);
  EXPECT_NE(GetBody(CommentsUrl()).find("고칠 댓글"), std::string::npos);
  EXPECT_EQ(PostForm(edit, "password=wrong1&action=delete").status, 403);
  EXPECT_EQ(store_->CommentById(id)->body, "고칠 댓글");
  EXPECT_EQ(store_->CommentById(id)->state, store::CommentState::kVisible);

  EXPECT_EQ(
      PostForm(edit, "password=secret1&action=save&body=" + http::PercentEncode("바뀐 글")).status,
      303);
  const std::string page = GetBody(CommentsUrl());
  EXPECT_NE(page.find("바뀐 글"), std::string::npos);
  EXPECT_NE(page.find("수정됨"), std::string::npos);
  EXPECT_EQ(PostForm(edit, "password=secret1&action=delete").status, 303);
  EXPECT_EQ(GetBody(CommentsUrl()).find("바뀐 글"), std::string::npos);
  EXPECT_EQ(Get(edit).status, 404);
}

// A guest's password is kept as a cheap argon2id hash of the password keyed with the paper's
// token key (site/comment_password.hpp), never as typed.
TEST_F(CommentsSiteTest, AGuestsPasswordIsKeptPepperedAtTheCommentCost) {
  const store::Comment stored = store_->CommentById(PostedId(Comment("비밀번호 댓글"))).value();
  EXPECT_TRUE(stored.password_hash.starts_with("p1$argon2id$v=19$m=256,t=2,p=1$"))
      << stored.password_hash;
  EXPECT_EQ(stored.password_hash.find("secret1"), std::string::npos);
}

// Comments posted before the peppered hash keep a plain argon2id hash at the account limits:
// their writers still edit and delete them with their password, and a wrong one is refused
// with nothing changed.
TEST_F(CommentsSiteTest, ACommentHashedTheOldWayStillAnswersToItsPassword) {
  const store::CommentId id =
      store_
          ->PostComment(store::NewComment{.article_id = article_,
                                          .nickname = "옛 독자",
                                          .password_hash = HashPassword("oldsecret").value(),
                                          .body = "예전에 쓴 댓글",
                                          .client = "client-old",
                                          .created_at = kNow - 600})
          .value();
  site_->CommentsChanged(article_);
  const std::string edit = fmt::format("/comment/{}/edit", id);
  const http::Response wrong =
      PostForm(edit, "password=oldsecreT&action=save&body=" + http::PercentEncode("바뀐 글"));
  EXPECT_EQ(wrong.status, 403);
  EXPECT_NE(Body(wrong).find("비밀번호가 맞지 않습니다"), std::string::npos);
  EXPECT_EQ(PostForm(edit, "password=oldsecreT&action=delete").status, 403);
  EXPECT_EQ(store_->CommentById(id)->body, "예전에 쓴 댓글");
  EXPECT_EQ(store_->CommentById(id)->state, store::CommentState::kVisible);
  EXPECT_NE(GetBody(CommentsUrl()).find("예전에 쓴 댓글"), std::string::npos);

  EXPECT_EQ(PostForm(edit, "password=oldsecret&action=delete").status, 303);
  EXPECT_EQ(store_->CommentById(id)->state, store::CommentState::kDeleted);
  EXPECT_EQ(GetBody(CommentsUrl()).find("예전에 쓴 댓글"), std::string::npos);
}

// A guest's password is hashed (posting) or verified (editing, deleting) with argon2id: those
// forms run on the server's work pool, off the I/O threads that serve readers (issue #17);
// reading comments does not.
TEST_F(CommentsSiteTest, PasswordFormsRunOnTheWorkPoolAndReadingDoesNot) {
  const auto on_work_pool = [this](http::Method method, const std::string& path) {
    http::Request request;
    request.method = method;
    request.path = path;
    return router_.AdmissionFor(request).on_work_pool;
  };
  EXPECT_TRUE(on_work_pool(http::Method::kPost, CommentsUrl()));
  EXPECT_TRUE(on_work_pool(http::Method::kPost, "/comment/1/edit"));
  EXPECT_FALSE(on_work_pool(http::Method::kGet, CommentsUrl()));
  EXPECT_FALSE(on_work_pool(http::Method::kGet, "/comment/1/edit"));
  EXPECT_FALSE(on_work_pool(http::Method::kPost, "/comment/1/vote"));
  EXPECT_FALSE(on_work_pool(http::Method::kGet, fmt::format("/article/{}", article_)));
}

TEST_F(CommentsSiteTest, BadInputGetsA4xxAndNothingIsStored) {
  EXPECT_EQ(Comment(std::string(1001, 'x')).status, 413);
  EXPECT_EQ(Comment("   ").status, 400);
  EXPECT_EQ(Comment(std::string("nul\0byte", 8)).status, 400);
  EXPECT_EQ(Comment("\xff\xfe broken utf-8").status, 400);
  EXPECT_EQ(PostForm(CommentsUrl(), "nickname=a&password=secret1&body=hi").status,
            400);  // no token
  EXPECT_EQ(PostForm(CommentsUrl(), "nickname=a&password=12&body=hi&form_token=" + Token()).status,
            400);
  EXPECT_EQ(Comment("부모가 이상함", "203.0.113.5", "&parent=abc").status, 400);
  EXPECT_EQ(Comment("없는 부모", "203.0.113.5", "&parent=987654").status, 400);
  // A honeypot filled in: told "done", nothing stored.
  EXPECT_EQ(Comment("봇", "203.0.113.5", "&website=spam").status, 303);
  EXPECT_EQ(PostForm("/article/999999/comments", "nickname=a").status, 404);
  EXPECT_EQ(PostForm("/comment/999999/vote", "vote=up").status, 404);
  EXPECT_EQ(Get("/comment/abc/edit").status, 404);
  const nlohmann::json body =
      nlohmann::json::parse(GetBody(fmt::format("/api/v1/articles/{}/comments", article_)));
  EXPECT_EQ(body["total"], 0);
}

TEST_F(CommentsSiteTest, RateLimitsAndTheSameTextAgainAreRefused) {
  ASSERT_EQ(Comment("하나").status, 303);
  EXPECT_EQ(Comment("둘").status, 429);  // within 15 s
  clock_ = FixedClock(kNow + 20);
  EXPECT_EQ(Comment("하나").status, 409);  // the same text again
  EXPECT_EQ(Comment("둘").status, 303);
}

// The hourly limit counts the visitor's comments of the hour; at 0 there is none.
TEST_F(CommentsSiteTest, TheHourlyLimitRefusesPastItAndZeroMeansNoLimit) {
  config_.comment_min_interval_seconds = 0;
  config_.comment_per_hour = 2;
  MakeSite();
  EXPECT_EQ(Comment("첫째").status, 303);
  EXPECT_EQ(Comment("둘째").status, 303);
  EXPECT_EQ(Comment("셋째").status, 429);
  clock_ = FixedClock(kNow + 3601);  // the hour has passed
  EXPECT_EQ(Comment("셋째").status, 303);

  config_.comment_per_hour = 0;
  MakeSite();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Comment("또 " + std::to_string(i)).status, 303) << i;
  EXPECT_EQ(store_->CommentCount(article_).value(), 8);
}

// Bans (issue #16): a visitor banned by the cookie their comment was posted with is refused
// with a 403 from any address, the page keeping what they typed (or a JSON message for a
// client that asks for JSON), nothing stored; the ban stops applying by the clock.
TEST_F(CommentsSiteTest, ABannedVisitorIsRefusedUntilTheBanEnds) {
  const http::Response first = Comment("첫 댓글", "203.0.113.5");
  ASSERT_EQ(first.status, 303);
  const std::string set_cookie = Header(first, "Set-Cookie");
  ASSERT_EQ(set_cookie.rfind("sinmun_v=", 0), 0u) << set_cookie;
  const std::string cookie = set_cookie.substr(9, set_cookie.find(';') - 9);
  const store::Comment posted = store_->CommentById(PostedId(first)).value();
  ASSERT_FALSE(posted.visitor.empty());
  ASSERT_EQ(posted.address_hash.rfind('a', 0), 0u);
  EXPECT_EQ(posted.address_hash.find("203.0.113"), std::string::npos);

  ASSERT_TRUE(store_->PutCommentBan({.kind = store::BanKind::kVisitor,
                                     .target = posted.visitor,
                                     .created_at = kNow,
                                     .expires_at = kNow + 86400}));
  clock_ = FixedClock(kNow + 60);
  auto post = [&](const std::string& body, const std::string& accept) {
    const std::string issued = std::to_string(clock_.Now() - 60);
    std::vector<std::pair<std::string, std::string>> headers = {
        {"user-agent", kChrome},
        {"origin", kOrigin},
        {"content-type", "application/x-www-form-urlencoded"},
        {"cookie", "sinmun_v=" + cookie}};
    if (!accept.empty()) headers.emplace_back("accept", accept);
    return Send(http::Method::kPost, CommentsUrl(), headers,
                "nickname=" + http::PercentEncode("독자") + "&password=secret1&body=" +
                    http::PercentEncode(body) + "&form_token=" + issued + "." +
                    form_signer_.Sign(article_, "comment-form\n" + issued),
                "198.51.100.77");  // another address: the cookie is what is banned
  };
  const http::Response refused = post("차단된 뒤의 댓글", "");
  EXPECT_EQ(refused.status, 403);
  const std::string page = Body(refused);
  EXPECT_NE(page.find("댓글 작성이 제한된 방문자입니다."), std::string::npos) << page;
  EXPECT_NE(page.find("차단된 뒤의 댓글</textarea>"), std::string::npos);  // kept as typed

  const http::Response json = post("차단된 뒤의 댓글", "application/json");
  EXPECT_EQ(json.status, 403);
  const nlohmann::json error = nlohmann::json::parse(Body(json), nullptr, false);
  ASSERT_TRUE(error.is_object()) << Body(json);
  EXPECT_EQ(error["error"]["status"], 403);
  EXPECT_NE(error["error"]["message"].get<std::string>().find("제한 기간:"), std::string::npos);
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);

  clock_ = FixedClock(kNow + 86400);  // the day is over
  EXPECT_EQ(post("하루 뒤의 댓글", "").status, 303);
  EXPECT_EQ(store_->CommentCount(article_).value(), 2);
}

TEST_F(CommentsSiteTest, AnAddressRangeBanRefusesEveryoneInIt) {
  const AddressRange range = ParseAddressRange("198.51.100.0/24").value();
  ASSERT_TRUE(store_->PutCommentBan({.kind = store::BanKind::kRange,
                                     .target = range.text,
                                     .range_low = range.low,
                                     .range_high = range.high,
                                     .created_at = kNow}));
  EXPECT_EQ(Comment("대역 안", "198.51.100.9").status, 403);
  EXPECT_EQ(Comment("대역 안", "::ffff:198.51.100.200").status, 403);
  EXPECT_EQ(Comment("대역 밖", "198.51.101.9").status, 303);
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);
}

// Banned words (issue #16): with "hold" a hit is stored held, unseen by readers, and the
// writer is told it awaits review; with "refuse" it is a field error with the text kept.
// Latin letters match without case, 한글 typed decomposed (NFD, as a Mac sends it) matches the
// composed word, and a word matches inside a longer one (바보야 holds 바보).
TEST_F(CommentsSiteTest, ABannedWordHoldsOrRefusesAComment) {
  ASSERT_TRUE(store_->PutSiteSettings({{"comments.banned_words", " 바보 \n\nSPAM\n"}}));
  MakeSite();
  const http::Response held = Comment("이 바보야", "203.0.113.1");
  ASSERT_EQ(held.status, 303);
  EXPECT_EQ(Header(held, "Location"), CommentsUrl() + "?held=1#comments");
  EXPECT_NE(GetBody(CommentsUrl() + "?held=1").find("검토 후 게시됩니다"), std::string::npos);
  EXPECT_EQ(store_->CommentCount(article_).value(), 0);
  EXPECT_EQ(GetBody(CommentsUrl()).find("이 바보야"), std::string::npos);
  const store::ModerationPage queue =
      store_->CommentsForModeration({.state = store::CommentState::kHeld}).value();
  ASSERT_EQ(queue.total, 1);
  EXPECT_EQ(queue.items[0].body, "이 바보야");

  // ㅂㅏㅂㅗ as conjoining jamo: U+1107 U+1161 U+1107 U+1169.
  EXPECT_EQ(
      Comment("\xe1\x84\x87\xe1\x85\xa1\xe1\x84\x87\xe1\x85\xa9 같으니", "203.0.113.2").status,
      303);
  EXPECT_EQ(Comment("free Spam here", "203.0.113.3").status, 303);
  EXPECT_EQ(store_->CommentsForModeration({.state = store::CommentState::kHeld}).value().total, 3);
  EXPECT_EQ(Comment("바다가 보인다", "203.0.113.4").status, 303);  // 바 and 보 apart
  EXPECT_EQ(store_->CommentCount(article_).value(), 1);

  ASSERT_TRUE(store_->PutSiteSettings(
      {{"comments.banned_words", "바보"}, {"comments.banned_word_action", "refuse"}}));
  MakeSite();
  const http::Response refused = Comment("바보들의 행진", "203.0.113.5");
  EXPECT_EQ(refused.status, 400);
  const std::string page = Body(refused);
  EXPECT_NE(page.find("사용할 수 없는 낱말"), std::string::npos) << page;
  EXPECT_NE(page.find("바보들의 행진</textarea>"), std::string::npos);
  EXPECT_EQ(store_->CommentsForModeration({.state = store::CommentState::kHeld}).value().total, 3);
}

// A guest's edit meets the banned words as a post does. It cannot be held (the comment is up
// already, DESIGN "Banned words"), so under either setting it is refused with the text kept
// and the word named, and the comment readers see stays as it was.
TEST_F(CommentsSiteTest, AnEditWithABannedWordIsRefusedUnderEitherSetting) {
  const store::CommentId id = PostedId(Comment("처음 쓴 점잖은 댓글"));
  const std::string edit = fmt::format("/comment/{}/edit", id);
  for (const char* action : {"hold", "refuse"}) {
    SCOPED_TRACE(action);
    ASSERT_TRUE(store_->PutSiteSettings(
        {{"comments.banned_words", "바보"}, {"comments.banned_word_action", action}}));
    MakeSite();
    const http::Response refused = PostForm(
        edit, "password=secret1&action=save&body=" + http::PercentEncode("고쳐 보니 바보들"));
    EXPECT_EQ(refused.status, 400);
    const std::string page = Body(refused);
    EXPECT_NE(page.find("사용할 수 없는 낱말"), std::string::npos) << page;
    EXPECT_NE(page.find("바보"), std::string::npos);
    EXPECT_NE(page.find("고쳐 보니 바보들</textarea>"), std::string::npos);

    const std::string comments = GetBody(CommentsUrl());
    EXPECT_NE(comments.find("처음 쓴 점잖은 댓글"), std::string::npos);
    EXPECT_EQ(comments.find("고쳐 보니"), std::string::npos);
    EXPECT_EQ(store_->CommentCount(article_).value(), 1);
    EXPECT_EQ(store_->CommentsForModeration({.state = store::CommentState::kHeld}).value().total,
              0);
  }
  // A word the list does not hold is saved as before.
  EXPECT_EQ(PostForm(edit, "password=secret1&action=save&body=" + http::PercentEncode("고친 댓글"))
                .status,
            303);
  EXPECT_NE(GetBody(CommentsUrl()).find("고친 댓글"), std::string::npos);
}

TEST_F(CommentsSiteTest, AnUnpublishedArticleTakesNoComments) {
  const store::ArticleId later = Insert(
      sinmun::testing::MakeArticle(sections_[0].id, "예약 기사", kNow + 3600, {reporters_[0]}));
  const std::string issued = std::to_string(kNow - 60);
  const http::Response response =
      PostForm(fmt::format("/article/{}/comments", later),
               "nickname=a&password=secret1&body=hi&form_token=" + issued + "." +
                   form_signer_.Sign(later, "comment-form\n" + issued));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(Get(fmt::format("/article/{}/comments", later)).status, 404);
}

// Per-article settings (issue #16): an article closed to new comments keeps showing those it
// has and refuses a new one with a message; one with comments off shows none and refuses too.
TEST_F(CommentsSiteTest, AClosedArticleShowsItsCommentsAndRefusesNewOnes) {
  ASSERT_EQ(Comment("닫히기 전 댓글").status, 303);
  const std::string article = fmt::format("/article/{}", article_);
  EXPECT_NE(GetBody(article).find("class=\"comment-form\""), std::string::npos);

  // Closed the day it was published (0 days), as the newsroom's form saves it.
  ASSERT_TRUE(store_->PutCommentSetting(
      article_, store::CommentSetting{.policy = store::CommentPolicy::kCloses, .close_days = 0}));
  site_->CommentsChanged(article_);
  for (const std::string& page : {GetBody(article), GetBody(CommentsUrl())}) {
    EXPECT_NE(page.find("닫히기 전 댓글"), std::string::npos);
    EXPECT_NE(page.find("댓글이 닫힌 기사입니다"), std::string::npos);
    EXPECT_EQ(page.find("class=\"comment-form\""), std::string::npos);
    EXPECT_EQ(page.find("comment-reply"), std::string::npos);
  }
  clock_ = FixedClock(kNow + 60);
  const http::Response refused = Comment("닫힌 뒤 댓글", "198.51.100.9");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(Body(refused).find("댓글이 닫힌 기사에는 댓글을 남길 수 없습니다"), std::string::npos);
  EXPECT_EQ(GetBody(CommentsUrl()).find("닫힌 뒤 댓글"), std::string::npos);

  ASSERT_TRUE(store_->PutCommentSetting(
      article_, store::CommentSetting{.policy = store::CommentPolicy::kOff}));
  site_->CommentsChanged(article_);
  const std::string off = GetBody(article);
  EXPECT_EQ(off.find("닫히기 전 댓글"), std::string::npos);
  EXPECT_EQ(off.find("id=\"comments\""), std::string::npos);
  EXPECT_EQ(off.find("class=\"comment-count\""), std::string::npos);
  EXPECT_NE(GetBody(CommentsUrl()).find("이 기사는 댓글을 받지 않습니다"), std::string::npos);
  EXPECT_EQ(Comment("꺼진 뒤 댓글", "198.51.100.10").status, 403);
  EXPECT_EQ(Get(fmt::format("/api/v1/articles/{}/comments", article_)).status, 404);

  // Back to the site's default (open): the comment and the form are back.
  ASSERT_TRUE(store_->PutCommentSetting(article_, std::nullopt));
  site_->CommentsChanged(article_);
  const std::string open = GetBody(article);
  EXPECT_NE(open.find("닫히기 전 댓글"), std::string::npos);
  EXPECT_NE(open.find("class=\"comment-form\""), std::string::npos);
}

// The site's default ([comments] close_after_days) closes older articles that have no
// setting of their own; an article set to stay open takes comments whatever its age.
TEST_F(CommentsSiteTest, TheSiteDefaultClosesOlderArticlesUnlessTheyChooseOtherwise) {
  config_.comment_close_after_days = 2;
  MakeSite();
  const store::ArticleId old = Insert(sinmun::testing::MakeArticle(
      sections_[0].id, "사흘 지난 기사", kNow - 3 * 86400, {reporters_[0]}));
  const std::string issued = std::to_string(kNow - 60);
  auto post = [&](store::ArticleId id, const std::string& address) {
    return PostForm(fmt::format("/article/{}/comments", id),
                    "nickname=a&password=secret1&body=hi&form_token=" + issued + "." +
                        form_signer_.Sign(id, "comment-form\n" + issued),
                    address);
  };
  EXPECT_NE(GetBody(fmt::format("/article/{}", old)).find("댓글이 닫힌 기사입니다"),
            std::string::npos);
  EXPECT_EQ(post(old, "198.51.100.20").status, 403);
  EXPECT_EQ(post(article_, "198.51.100.21").status, 303);  // two hours old: open

  // The newsroom's settings page wins over sinmun.toml (a new site: no wait for the change
  // check): 5 days opens the older article, 1 closes it again.
  ASSERT_TRUE(store_->PutSiteSettings({{"comments.close_after_days", "5"}}));
  MakeSite();
  EXPECT_EQ(post(old, "198.51.100.23").status, 303);
  ASSERT_TRUE(store_->PutSiteSettings({{"comments.close_after_days", "1"}}));
  MakeSite();
  EXPECT_EQ(post(old, "198.51.100.24").status, 403);
  EXPECT_EQ(post(article_, "198.51.100.25").status, 303);  // two hours old: open for a day

  ASSERT_TRUE(store_->PutSiteSettings({{"comments.close_after_days", "2"}}));
  MakeSite();
  ASSERT_TRUE(
      store_->PutCommentSetting(old, store::CommentSetting{.policy = store::CommentPolicy::kOpen}));
  site_->CommentsChanged(old);
  EXPECT_EQ(post(old, "198.51.100.22").status, 303);
  EXPECT_EQ(GetBody(fmt::format("/article/{}", old)).find("댓글이 닫힌 기사입니다"),
            std::string::npos);
}

// Articles no one has commented on share one rendered comment block (issue #14): each page's
// form still posts to its own article with a token signed for it, open or closed alike.
TEST_F(CommentsSiteTest, ArticlesWithoutCommentsEachGetAFormForThemselves) {
  const store::ArticleId other = Insert(sinmun::testing::MakeArticle(
      sections_[0].id, "댓글 없는 다른 기사", kNow - 3600, {reporters_[0]}));
  // The value of the first `name="…" value="…"`-style attribute after `after` in `page`.
  const auto attribute = [](const std::string& page, const std::string& after,
                            const std::string& name) {
    const size_t from = page.find(after);
    if (from == std::string::npos) return std::string();
    const size_t start = page.find(name + "=\"", from);
    if (start == std::string::npos) return std::string();
    const size_t value = start + name.size() + 2;
    return page.substr(value, page.find('"', value) - value);
  };
  std::vector<std::pair<std::string, std::string>> forms;  // action, token
  for (const store::ArticleId id : {article_, other}) {
    const std::string page = GetBody(fmt::format("/article/{}", id));
    EXPECT_NE(page.find("댓글 <span class=\"count\">0</span>"), std::string::npos);
    EXPECT_NE(page.find("첫 댓글을 남겨 주세요"), std::string::npos);
    forms.emplace_back(attribute(page, "class=\"comment-form\"", "action"),
                       attribute(page, "class=\"comment-form\"", "value"));
  }
  EXPECT_EQ(forms[0].first, CommentsUrl());
  EXPECT_EQ(forms[1].first, fmt::format("/article/{}/comments", other));
  EXPECT_NE(forms[0].second, forms[1].second);

  clock_ = FixedClock(kNow + 60);  // the form filled in as a person would
  const auto post = [&](const std::pair<std::string, std::string>& form,
                        const std::string& address) {
    return PostForm(form.first,
                    "nickname=a&password=secret1&body=" + http::PercentEncode("첫 댓글") +
                        "&form_token=" + form.second,
                    address);
  };
  // A token is good for the article whose page gave it, not for the other one.
  EXPECT_EQ(post({forms[1].first, forms[0].second}, "198.51.100.30").status, 400);
  ASSERT_EQ(post(forms[1], "198.51.100.31").status, 303);
  EXPECT_NE(GetBody(fmt::format("/article/{}", other)).find("첫 댓글"), std::string::npos);

  // Closed, the block without a form is shared too, and says so.
  ASSERT_TRUE(store_->PutCommentSetting(
      article_, store::CommentSetting{.policy = store::CommentPolicy::kCloses, .close_days = 0}));
  site_->CommentsChanged(article_);
  const std::string closed = GetBody(fmt::format("/article/{}", article_));
  EXPECT_NE(closed.find("댓글이 닫힌 기사입니다"), std::string::npos);
  EXPECT_EQ(closed.find("class=\"comment-form\""), std::string::npos);
  EXPECT_NE(closed.find("댓글 <span class=\"count\">0</span>"), std::string::npos);
}

}  // namespace
}  // namespace sinmun::site
