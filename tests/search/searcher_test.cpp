// The Xapian searcher over a real SQLite store and a temporary index folder.
#include "search/searcher.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "support/test_store.hpp"

namespace sinmun::search {
namespace {

using testing::Backend;
using Ids = std::vector<store::ArticleId>;

constexpr Timestamp kNow = 1'714'705'200;

class SearcherTest : public testing::TestWithParam<Backend> {
 protected:
  store::ArticleId Add(std::string headline, std::string body, Timestamp at = kNow - 3600,
                       int section = 0) {
    store::NewArticle article = testing::MakeArticle(sections_[section].id, std::move(headline), at,
                                                     {reporters_[section % 2]});
    article.subheadlines = {};
    article.body_markdown = std::move(body);
    return testing::InsertArticle(*store_, article);
  }

  std::unique_ptr<SearchIndex> Open() {
    return testing::Must(OpenSearchIndex(store_.get(), dir_.path() / "search"));
  }

  // Catches up and searches; the ids in order.
  Ids Find(const std::string& query, SearchRequest request = {}) {
    if (!searcher_) searcher_ = Open();
    EXPECT_TRUE(searcher_->CatchUp().has_value());
    request.query = query;
    request.now = kNow;
    const Result<SearchResult> result = searcher_->Search(request);
    EXPECT_TRUE(result.has_value()) << result.error().detail;
    return result ? result->ids : Ids{};
  }

  std::unique_ptr<store::Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<store::Section> sections_ = testing::SeedSections(*store_);
  std::vector<store::ReporterId> reporters_ = testing::SeedReporters(*store_, 2);
  testing::TempDir dir_;
  std::unique_ptr<SearchIndex> searcher_;
};

TEST_P(SearcherTest, HangulRunsMatchWithAndWithoutSpacesAndParticles) {
  const auto a = Add("정부 발표", "정부는 4차 산업혁명 대응 계획을 내놓았다.");
  Add("무관한 기사", "오늘 날씨는 맑다.");
  EXPECT_EQ(Find("4차산업혁명"), Ids{a});
  EXPECT_EQ(Find("4차 산업혁명"), Ids{a});
  EXPECT_EQ(Find("산업혁명"), Ids{a});
  EXPECT_EQ(Find("산업혁명을"), Ids{a});
  EXPECT_EQ(Find("혁명"), Ids{a});  // inside a longer word
}

TEST_P(SearcherTest, ParticlesOfTheQueryDoNotMatter) {
  const auto a = Add("대전시 소식", "대전시가 예산을 발표했다.");
  EXPECT_EQ(Find("대전시는"), Ids{a});
  EXPECT_EQ(Find("대전시"), Ids{a});
}

TEST_P(SearcherTest, ACompoundDoesNotMatchItsPartsApart) {
  const auto together = Add("의회 소식", "대전시의회는 오늘 임시회를 열었다.");
  const auto spaced = Add("의회 소식 2", "대전시 의회가 오늘 문을 열었다.");
  Add("시정 소식", "대전시는 오늘 발표했다. 국회와 달리 지방 의회는 조용했다.");
  Add("다른 소식", "대전시의 회의가 길어졌다.");
  Ids found = Find("대전시의회");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (Ids{together, spaced}));
}

TEST_P(SearcherTest, PhraseExclusionAndHeadlineField) {
  const auto a = Add("스마트시티 위원회 출범", "위원회가 첫 회의를 열었다. 교통 문제를 다룬다.");
  const auto b = Add("교통 대책", "스마트시티 사업과 교통 문제를 함께 논의했다.");
  Ids phrase = Find("\"교통 문제를\"");
  std::sort(phrase.begin(), phrase.end());
  EXPECT_EQ(phrase, (Ids{a, b}));
  EXPECT_EQ(Find("\"문제를 교통\"").size(), 0u);
  EXPECT_EQ(Find("\"첫 회의를\""), Ids{a});
  EXPECT_EQ(Find("교통 -위원회"), Ids{b});
  EXPECT_EQ(Find("headline:스마트시티"), Ids{a});
  EXPECT_EQ(Find("headline:\"위원회 출범\""), Ids{a});
}

TEST_P(SearcherTest, HeadlineMatchesRankAboveBodyRepeats) {
  const auto body =
      Add("다른 제목", "반도체 반도체 반도체 반도체 반도체 수출이 늘었다.", kNow - 60);
  const auto headline = Add("반도체 수출 증가", "수출이 늘었다.", kNow - 7200);
  EXPECT_EQ(Find("반도체"), (Ids{headline, body}));
  SearchRequest newest;
  newest.sort = SortOrder::kNewest;
  EXPECT_EQ(Find("반도체", newest), (Ids{body, headline}));
}

TEST_P(SearcherTest, FiltersAndPagesAndVisibility) {
  Ids politics;
  for (int i = 0; i < 13; ++i)
    politics.push_back(Add("예산 " + std::to_string(i), "예산 편성", kNow - 100 * (i + 1), 0));
  const auto economy = Add("예산 경제", "예산 편성", kNow - 50, 1);
  Add("예산 미래", "예산 편성", kNow + 3600, 0);  // not yet public

  SearchRequest request;
  request.section = sections_[0].id;
  request.sort = SortOrder::kNewest;
  request.limit = 10;
  EXPECT_EQ(Find("예산", request), Ids(politics.begin(), politics.begin() + 10));
  request.offset = 10;
  EXPECT_EQ(Find("예산", request), Ids(politics.begin() + 10, politics.end()));

  SearchRequest by_reporter;
  by_reporter.reporter = reporters_[1];
  EXPECT_EQ(Find("예산", by_reporter), Ids{economy});

  SearchRequest window;
  window.from = kNow - 250;
  window.to = kNow - 60;
  window.sort = SortOrder::kNewest;
  EXPECT_EQ(Find("예산", window), (Ids{politics[0], politics[1]}));
  SearchRequest all;
  all.limit = 100;
  EXPECT_EQ(Find("예산", all).size(), 14u);
}

TEST_P(SearcherTest, OddQueriesAreWordsNeverErrors) {
  const auto a = Add("보도 자료", "<script>alert(1)</script> 보도");
  EXPECT_EQ(Find("\"보도"), Ids{a});
  EXPECT_EQ(Find("headline: 보도"), Ids{a});
  EXPECT_EQ(Find("<script>"), Ids{a});
  EXPECT_TRUE(Find("").empty());
  EXPECT_TRUE(Find("- \" : ((").empty());
  EXPECT_TRUE(Find(std::string(5000, 'a')).empty());
  EXPECT_TRUE(Find("\xff\xfe").empty());
}

TEST_P(SearcherTest, CatchesUpAfterACrashBehindTheStore) {
  {
    auto searcher = Open();
    Add("첫 기사", "가야금 연주회");
    ASSERT_TRUE(searcher->CatchUp().has_value());
  }
  // Written while no searcher ran, as if the server had crashed before indexing them.
  const auto b = Add("둘째 기사", "가야금 공방");
  const auto c = Add("셋째 기사", "가야금 축제");
  searcher_ = Open();
  EXPECT_LT(searcher_->Status().indexed_sequence, store_->ChangeSequence().value());
  EXPECT_EQ(Find("가야금").size(), 3u);
  EXPECT_TRUE(searcher_->Status().caught_up());
  (void)b;
  (void)c;
}

// A server stopping while its index catches up on a long backlog stops after the batch in
// hand (it does not index the whole backlog first); the next start goes on from there.
TEST_P(SearcherTest, StoppingDuringACatchUpLeavesTheRestForTheNextStart) {
  // Five batches of the follower (1,000 changes each): the stop, asked for once the first batch
  // is in, lands after the first or the second, and this thread would have to be late by three
  // more whole batches for the follower to reach the end. More articles only cost time (20,000
  // took 22 s on PostgreSQL).
  std::vector<store::NewArticle> backlog;
  for (int i = 0; i < 5000; ++i) {
    backlog.push_back(testing::MakeArticle(sections_[i % 3].id, "밀린 기사 " + std::to_string(i),
                                           kNow - 7200, {reporters_[0]}));
  }
  ASSERT_TRUE(store_->InsertArticles(backlog).has_value());
  const std::int64_t sequence = store_->ChangeSequence().value();
  auto searcher = Open();
  searcher->StartFollowing();
  while (searcher->Status().indexed_sequence == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  searcher->StopFollowing();
  const std::int64_t stopped_at = searcher->Status().indexed_sequence;
  EXPECT_LT(stopped_at, sequence);
  searcher.reset();

  searcher_ = Open();
  EXPECT_EQ(searcher_->Status().indexed_sequence, stopped_at);
  ASSERT_TRUE(searcher_->CatchUp().has_value());
  EXPECT_EQ(searcher_->Status().indexed_sequence, sequence);
}

// An index left by a sinmun that indexed differently is not trusted: it is replaced by an
// empty one that the follower fills from the store again.
TEST_P(SearcherTest, AnIndexOfAnotherFormatIsBuiltAgain) {
  const auto a = Add("첫 기사", "가야금 연주회");
  ASSERT_EQ(Find("가야금"), Ids{a});
  searcher_.reset();
  {
    // As an older version could have left it: no format mark, no documents that this
    // version can read, and a last sequence that claims everything is indexed.
    Xapian::WritableDatabase old((dir_.path() / "search" / "current").string(), Xapian::DB_OPEN);
    old.set_metadata("format", "");
    for (Xapian::PostingIterator it = old.postlist_begin(""); it != old.postlist_end(""); ++it) {
      old.delete_document(*it);
    }
    old.commit();
  }
  EXPECT_EQ(Find("가야금"), Ids{a});
}

// The desk's writes reach the index through the change log: a draft is never found, a
// published one is, an edit replaces its words and an unpublished one is gone (issue #3).
TEST_P(SearcherTest, FollowsTheDeskFromDraftToUnpublished) {
  store::ArticleContent content;
  content.section_id = sections_[0].id;
  content.headline = "해금 연주회 초안";
  content.body_markdown = "해금 명인의 무대";
  const store::ArticleId id = testing::Must(store_->CreateDraft(content, 1, kNow - 600));
  EXPECT_TRUE(Find("해금").empty());

  ASSERT_TRUE(store_->PublishArticle(id, kNow - 300).has_value());
  EXPECT_EQ(Find("해금"), Ids{id});

  content.body_markdown = "피리 명인의 무대";
  content.headline = "피리 연주회";
  ASSERT_TRUE(store_->SaveArticle(id, content, 1, 1, kNow - 200).has_value());
  EXPECT_TRUE(Find("해금").empty());
  EXPECT_EQ(Find("피리"), Ids{id});

  ASSERT_TRUE(store_->UnpublishArticle(id, kNow - 100).has_value());
  EXPECT_TRUE(Find("피리").empty());
}

TEST_P(SearcherTest, APublishedArticleIsFoundWithinASecond) {
  auto searcher = Open();
  searcher->StartFollowing();
  const auto start = std::chrono::steady_clock::now();
  const auto id = Add("속보", "거문고 명인 별세");
  SearchRequest request;
  request.query = "거문고";
  request.now = kNow;
  Ids found;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) {
    found = searcher->Search(request).value().ids;
    if (!found.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(found, Ids{id});
  searcher->StopFollowing();
}

TEST_P(SearcherTest, ReindexSwitchesWhileReadersSearch) {
  for (int i = 0; i < 30; ++i) Add("해금 " + std::to_string(i), "해금 연주");
  auto searcher = Open();
  searcher->StartFollowing();
  ASSERT_TRUE(searcher->CatchUp().has_value());
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::atomic<int> wrong{0};
  std::atomic<int> searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      SearchRequest request;
      request.query = "해금";
      request.now = kNow;
      request.limit = 100;
      while (!done) {
        const Result<SearchResult> result = searcher->Search(request);
        if (!result) {
          ++errors;
        } else if (result->ids.size() < 30) {
          ++wrong;
        }
        ++searches;
      }
    });
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Reindex(*store_, dir_.path() / "search").value(), 30);
  }
  const auto late = Add("해금 추가", "해금 명인");
  SearchRequest request;
  request.query = "해금";
  request.now = kNow;
  request.limit = 100;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  size_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline && seen < 31) {
    seen = searcher->Search(request).value().ids.size();
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(seen, 31u) << "the follower moved to the new index and indexed " << late;
}

TEST_P(SearcherTest, RelatedArticlesNeverTheArticleItself) {
  const auto a = Add("가야금 연주회 열려", "국립국악원에서 가야금 산조 연주회가 열렸다.");
  const auto b = Add("가야금 산조 명인", "가야금 산조의 명인이 국립국악원 무대에 선다.");
  Add("주식 시장", "코스피가 하락했다.");
  ASSERT_FALSE(Find("가야금").empty());
  const Ids related = searcher_->Related(a, 5, kNow).value();
  ASSERT_FALSE(related.empty());
  EXPECT_EQ(related[0], b);
  EXPECT_EQ(std::count(related.begin(), related.end(), a), 0);
}

// What the article page shows (issue #14): the follower keeps each article's list in the
// store, and a new article joins the lists of its older relatives.
TEST_P(SearcherTest, TheFollowerKeepsRelatedListsInTheStore) {
  const auto kept = [&](store::ArticleId id) {
    Ids ids;
    const std::vector<store::ArticleHeadline> items = store_->RelatedHeadlines(id, 5, kNow).value();
    for (const store::ArticleHeadline& item : items) ids.push_back(item.id);
    return ids;
  };
  const auto a = Add("가야금 연주회 열려", "국립국악원에서 가야금 산조 연주회가 열렸다.");
  Add("주식 시장", "코스피가 하락했다.");
  ASSERT_FALSE(Find("가야금").empty());
  EXPECT_TRUE(kept(a).empty());  // nothing like it yet
  const auto b = Add("가야금 산조 명인", "가야금 산조의 명인이 국립국악원 무대에 선다.");
  ASSERT_FALSE(Find("가야금").empty());
  ASSERT_FALSE(kept(b).empty());
  EXPECT_EQ(kept(b)[0], a);
  const Ids of_a = kept(a);
  ASSERT_FALSE(of_a.empty());
  EXPECT_EQ(of_a[0], b);
  EXPECT_EQ(std::count(of_a.begin(), of_a.end(), a), 0);

  // A reindex makes every list again, before its index goes live.
  ASSERT_TRUE(store_->PutRelated({{a, {}}, {b, {}}}).has_value());
  ASSERT_TRUE(Reindex(*store_, dir_.path() / "search").has_value());
  ASSERT_FALSE(kept(a).empty());
  EXPECT_EQ(kept(a)[0], b);
  EXPECT_EQ(kept(b), Ids{a});
}

// A reindex makes its lists with several readers and a table of term frequencies read once;
// every article shows what the follower had shown, in the same order.
TEST_P(SearcherTest, AReindexKeepsTheListsTheFollowerMade) {
  const std::vector<std::string> words = {"가야금", "국악원", "연주회", "산조",   "명인",
                                          "대전시", "의회",   "예산",   "교육청", "학교",
                                          "축제",   "관광객", "하천",   "정비",   "주민"};
  std::vector<store::ArticleId> ids;
  for (int i = 0; i < 40; ++i) {
    std::string body;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if ((i * 3 + static_cast<int>(w) * 5) % 7 < 3) body += words[w] + "에서 " + words[w] + " ";
    }
    ids.push_back(Add(words[i % words.size()] + " 소식 " + std::to_string(i), body + "열렸다."));
  }
  const auto kept = [&](store::ArticleId id) {
    Ids related;
    const std::vector<store::ArticleHeadline> items = store_->RelatedHeadlines(id, 8, kNow).value();
    for (const store::ArticleHeadline& item : items) related.push_back(item.id);
    return related;
  };
  ASSERT_FALSE(Find("소식").empty());
  std::vector<Ids> before;
  std::vector<store::RelatedList> cleared;
  for (const store::ArticleId id : ids) {
    before.push_back(kept(id));
    cleared.push_back({id, {}});
  }
  ASSERT_GT(std::count_if(before.begin(), before.end(), [](const Ids& l) { return l.size() >= 5; }),
            30);
  ASSERT_TRUE(store_->PutRelated(cleared).has_value());
  ASSERT_TRUE(Reindex(*store_, dir_.path() / "search").has_value());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(kept(ids[i]), before[i]) << ids[i];
}

TEST_P(SearcherTest, ExcludingACompoundKeepsArticlesWithItsPartsApart) {
  const auto apart = Add("시정 소식", "대전시는 오늘 발표했다. 지방 의회는 조용했다.");
  Add("의회 소식", "대전시의회가 임시회를 열었다.");
  EXPECT_EQ(Find("대전시 -대전시의회"), Ids{apart});
  EXPECT_EQ(Find("의회 -\"대전시 의회\""), Ids{apart});
}

TEST_P(SearcherTest, HeadlineMatchesComeLatestFirstAndNeedTheWholeRun) {
  // Its headline has the bigrams of 대전시 (대전, 전시) but not the word: a body match only.
  const auto exhibition = Add("대전 전시회 개막", "대전시가 주최한 전시회가 열렸다.", kNow - 60);
  const auto older = Add("대전시 예산 발표", "예산을 발표했다.", kNow - 7200);
  const auto newer = Add("대전시 축제 개막", "축제가 열렸다.", kNow - 3600);
  EXPECT_EQ(Find("대전시"), (Ids{newer, older, exhibition}));
  EXPECT_EQ(Find("headline:대전시").size(), 2u);
}

TEST_P(SearcherTest, CheckedQueriesCountAndPageExactly) {
  Ids all;
  for (int i = 0; i < 25; ++i) {
    all.push_back(Add("기사 " + std::to_string(i), "정부는 4차 산업혁명 대응 계획을 내놓았다.",
                      kNow - 100 * (i + 1)));
  }
  Add("다른 기사", "산업 현장의 혁명적 변화");  // bigrams of 산업혁명 apart: no match
  if (!searcher_) searcher_ = Open();
  ASSERT_TRUE(searcher_->CatchUp().has_value());
  SearchRequest request;
  request.query = "4차산업혁명";
  request.now = kNow;
  request.sort = SortOrder::kNewest;
  Ids seen;
  for (int offset = 0; offset < 30; offset += 10) {
    request.offset = offset;
    const SearchResult page = searcher_->Search(request).value();
    EXPECT_EQ(page.total, 25);
    EXPECT_TRUE(page.total_exact);
    seen.insert(seen.end(), page.ids.begin(), page.ids.end());
  }
  EXPECT_EQ(seen, all);
  request.sort = SortOrder::kRelevance;
  request.offset = 20;
  EXPECT_EQ(searcher_->Search(request).value().ids.size(), 5u);
}

TEST_P(SearcherTest, SuggestsTheWordsThatSetATextApart) {
  for (int i = 0; i < 20; ++i) {
    Add("대전시 소식 " + std::to_string(i),
        "대전시는 오늘 계획을 밝혔다. 시민들이 환영했다고 밝혔다.");
  }
  Add("양자 연구", "양자 연구가 이어진다.");
  ASSERT_FALSE(Find("대전시").empty());
  const std::string headline = "대전시, 양자컴퓨팅 연구소 개소";
  const std::string body =
      "대전시는 양자컴퓨팅 연구소를 열었다고 밝혔다. 양자컴퓨팅 연구소에는 2030년까지 "
      "AI 연구자 120명이 모인다. 대전시는 양자컴퓨팅 산업을 키운다고 밝혔다.";
  const std::vector<std::string> tags = searcher_->SuggestTags(headline, body, 3).value();
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0], "양자컴퓨팅");
  EXPECT_EQ(tags[1], "연구소");
  for (const std::string& tag : tags) {
    EXPECT_NE(tag, "밝혔다");  // in every article: no tag
    EXPECT_NE(tag, "2030");    // numbers never
    EXPECT_NE(tag, "대전시");  // in 20 of 21 articles
  }
  const std::vector<std::string> more = searcher_->SuggestTags(headline, body, 50).value();
  EXPECT_EQ(std::set<std::string>(more.begin(), more.end()).size(), more.size());
  EXPECT_NE(std::find(more.begin(), more.end(), "ai"), more.end());
  EXPECT_TRUE(searcher_->SuggestTags("", "", 5).value().empty());
  EXPECT_TRUE(searcher_->SuggestTags(headline, body, 0).value().empty());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, SearcherTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::search
