#include "site/page_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "http/encoding.hpp"
#include "http/gzip_splice.hpp"
#include "site/ad_splice.hpp"
#include "support/test_store.hpp"

namespace sinmun::site {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const PageCache::Page> MakePage(const std::string& text) {
  auto page = std::make_shared<PageCache::Page>();
  page->content_type = "text/html; charset=utf-8";
  page->body = http::Prepare(text, true);
  return page;
}

// What a handler does on a miss: Find, render, Insert with the generation Find gave.
void Put(PageCache& cache, const std::string& key) {
  cache.Insert(key, cache.Find(key).generation, MakePage(key));
}

class PageCacheTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> store_ =
      sinmun::testing::OpenTestStore(sinmun::testing::Backend::kSqlite);
};

TEST_F(PageCacheTest, MissThenHitWithTheSameBytes) {
  PageCache cache(store_.get(), {});
  PageCache::Lookup miss = cache.Find("/a\n");
  EXPECT_EQ(miss.page, nullptr);
  auto page = MakePage("<p>a</p>");
  cache.Insert("/a\n", miss.generation, page);
  PageCache::Lookup hit = cache.Find("/a\n");
  ASSERT_NE(hit.page, nullptr);
  EXPECT_EQ(hit.page->body.bytes, page->body.bytes);
  EXPECT_EQ(cache.Find("/a\nmobile").page, nullptr);
}

// The page recompressor's swap (issue #14): the same page in another form takes the place of
// the one it was made from, and of nothing else.
TEST_F(PageCacheTest, ReplacePutsAPageInPlaceOfTheOneItWasMadeFrom) {
  PageCache cache(store_.get(), {});
  const auto fast = MakePage("<p>fast</p>");
  cache.Insert("/a", cache.Find("/a").generation, fast);
  const auto best = MakePage("<p>best</p>");
  EXPECT_TRUE(cache.Replace("/a", fast.get(), best));
  EXPECT_EQ(cache.Find("/a").page, best);
  // The entry moved on meanwhile (rendered again): the older form does not come back.
  EXPECT_FALSE(cache.Replace("/a", fast.get(), MakePage("<p>old</p>")));
  EXPECT_EQ(cache.Find("/a").page, best);
  // A page no longer kept is not put back.
  EXPECT_FALSE(cache.Replace("/gone", fast.get(), MakePage("<p>gone</p>")));
  EXPECT_EQ(cache.Find("/gone").page, nullptr);
  EXPECT_EQ(cache.size(), 1u);
}

// An article-like page with the breaking-news hole and the comment holes, and the same page
// without its markers (what a reader sees with every hole empty).
struct CutPage {
  std::string html;
  std::string plain;
};
CutPage ArticleLikePage(const std::string& city) {
  CutPage page{"<html><!--sinmun-ad:breaking:--><main>", "<html><main>"};
  for (int i = 0; i < 300; ++i) {
    const std::string line = "<p>" + city + " 기사 " + std::to_string(i) + "</p>\n";
    page.html += line;
    page.plain += line;
  }
  page.html += "<!--sinmun-comments:7:count--></main><!--sinmun-comments:7:block--></html>";
  page.plain += "</main></html>";
  return page;
}

// A comment hole carries its article's registered_at, which a comment part made again for the
// cached page needs (whether comments are closed yet) instead of reading the article; a hole
// without it (a page cut before) is still a hole.
TEST(CommentHoleTest, CarriesTheArticlesRegisteredAtWhenTheMarkerHasIt) {
  const std::string html =
      "<html><main><!--sinmun-comments:7:count:1700000000--></main>"
      "<!--sinmun-comments:7:block:1700000000--><!--sinmun-comments:8:block--></html>";
  std::string plain;
  const std::shared_ptr<const AdPage> page = CutAtAdMarkers(html, nullptr, kPiecesLater, &plain);
  ASSERT_NE(page, nullptr);
  ASSERT_EQ(page->holes.size(), 3u);
  EXPECT_EQ(page->holes[0].filling, AdPage::Filling::kCommentCount);
  EXPECT_EQ(page->holes[0].article, 7);
  EXPECT_EQ(page->holes[0].registered_at, 1700000000);
  EXPECT_EQ(page->holes[1].filling, AdPage::Filling::kCommentBlock);
  EXPECT_EQ(page->holes[1].registered_at, 1700000000);
  EXPECT_EQ(page->holes[2].article, 8);
  EXPECT_EQ(page->holes[2].registered_at, std::nullopt);
  EXPECT_EQ(plain, "<html><main></main></html>");
}

// The cut finds its markers 16 bytes at a time: a marker is a hole wherever it stands, across
// a 16-byte boundary or in a page's last bytes, and a near miss ("<!--sinmun" with no dash,
// a '<' and a '-' ten bytes apart) stays text.
TEST(CommentHoleTest, AMarkerIsAHoleWhereverItStands) {
  for (std::size_t before = 0; before <= 40; ++before) {
    for (std::size_t after = 0; after <= 20; after += 5) {
      const std::string text_before = "<b>!--xxxxx-" + std::string(before, 'a');
      const std::string text_after = std::string(after, 'z') + "<!--sinmun";
      const std::string html =
          text_before + "<!--sinmun-comments:7:block:1700000000-->" + text_after;
      std::string plain;
      const std::shared_ptr<const AdPage> page =
          CutAtAdMarkers(html, nullptr, kPiecesLater, &plain);
      ASSERT_NE(page, nullptr) << before << " " << after;
      ASSERT_EQ(page->holes.size(), 1u) << before << " " << after;
      EXPECT_EQ(page->holes[0].article, 7);
      EXPECT_EQ(plain, text_before + text_after);
    }
  }
}

// A page cut at its holes on a miss (fast level) keeps its gzip form only, which reads as the
// page without markers and is tagged by that page's hash; compressed again for the pages asked
// for again, it has the same ETag, holes and brotli form and a gzip form that reads the same,
// no larger.
TEST_F(PageCacheTest, ARecompressedPageServesTheSameBytes) {
  const CutPage html = ArticleLikePage("대전시");
  const std::shared_ptr<const AdPage> fast =
      CutAtAdMarkers(html.html, nullptr, http::kFastJoinLevel);
  ASSERT_NE(fast, nullptr);
  EXPECT_EQ(fast->unfilled.bytes, nullptr);  // no plain copy kept
  ASSERT_NE(fast->unfilled.gzip, nullptr);
  EXPECT_EQ(fast->unfilled.etag, http::StrongEtag(html.plain));
  EXPECT_EQ(fast->level, http::kFastJoinLevel);
  std::string out;
  ASSERT_TRUE(http::Gunzip(*fast->unfilled.gzip, out));
  EXPECT_EQ(out, html.plain);

  const std::shared_ptr<const AdPage> best = RecompressedAdPage(*fast, http::kBestJoinLevel);
  EXPECT_EQ(best->level, http::kBestJoinLevel);
  EXPECT_EQ(best->unfilled.bytes, nullptr);
  EXPECT_EQ(best->unfilled.etag, fast->unfilled.etag);
  EXPECT_EQ(best->unfilled.brotli, fast->unfilled.brotli);
  EXPECT_EQ(best->holes.size(), 3u);
  ASSERT_EQ(best->pieces.size(), fast->pieces.size());
  ASSERT_NE(best->unfilled.gzip, nullptr);
  ASSERT_TRUE(http::Gunzip(*best->unfilled.gzip, out));
  EXPECT_EQ(out, html.plain);
  EXPECT_LE(best->unfilled.gzip->size(), fast->unfilled.gzip->size());
}

// A miss (kPiecesLater) keeps no pieces and no plain bytes: where its holes sit, its tag, and
// (made by its first answer) that answer compressed whole as its one copy, which the page
// cache's budget counts once (its brotli form only when a br client takes it, in the joined
// budget). Asked for again, the page is compressed again whole at the best level from that copy
// and keeps it as its one copy: no pieces beside it (they were a second copy of the page, as
// large as the first: pieces share no history), no body in the joined budget, and what it holds
// is about one compressed copy (issue #14). The readers who ask for the page again mostly make
// the choice its first answer made, and get those shared bytes, under that answer's tag.
TEST_F(PageCacheTest, ARecompressedPageKeepsItsFirstAnswerAsItsOneCopy) {
  const CutPage html = ArticleLikePage("청주시");
  std::string plain;
  const std::shared_ptr<const AdPage> miss =
      CutAtAdMarkers(html.html, nullptr, kPiecesLater, &plain);
  ASSERT_NE(miss, nullptr);
  EXPECT_EQ(plain, html.plain);
  EXPECT_EQ(miss->level, kPiecesLater);
  EXPECT_TRUE(miss->pieces.empty());
  EXPECT_EQ(miss->unfilled.gzip, nullptr);
  EXPECT_EQ(miss->unfilled.etag, http::StrongEtag(html.plain));
  ASSERT_EQ(miss->cuts.size(), 3u);
  const std::size_t before_answer = miss->HeldBytes();

  // The first answer, with the ticker and the comment block filled (what ServeWithAds keeps).
  const std::string ticker = "<p>속보</p>";
  const std::string block = "<section>댓글 둘</section>";
  std::string answer = plain;
  answer.insert(miss->cuts[2], block);
  answer.insert(miss->cuts[0], ticker);
  auto copy = new AdPage::Joined;
  copy->page_copy = true;
  copy->filled[0] = ticker.size();
  copy->filled[2] = block.size();
  copy->comments = 42;
  copy->etag = "\"first-c42\"";
  copy->brotli = std::make_shared<const http::BrotliForm>();
  auto gzip = std::make_shared<std::string>();
  http::GzipCompressor fast(http::kFastJoinLevel);
  ASSERT_TRUE(fast.Compress(answer, *gzip));
  copy->gzip = gzip;
  miss->joined[0].store(copy);
  EXPECT_EQ(miss->HeldBytes(), before_answer + gzip->size());  // one copy, counted once

  const std::size_t joined_before = KeptJoinedBytes();
  const std::shared_ptr<const AdPage> best = RecompressedAdPage(*miss, http::kBestJoinLevel);
  EXPECT_EQ(best->level, http::kBestJoinLevel);
  EXPECT_TRUE(best->asked_again);
  EXPECT_EQ(best->unfilled.etag, miss->unfilled.etag);
  EXPECT_EQ(best->cuts, miss->cuts);
  EXPECT_TRUE(best->pieces.empty());  // no second copy
  EXPECT_EQ(best->unfilled.gzip, nullptr);
  EXPECT_EQ(best->joined[1].load(), nullptr);
  EXPECT_EQ(KeptJoinedBytes(), joined_before);  // nothing kept beside the page cache's budget

  const AdPage::Joined* kept = best->joined[0].load();
  ASSERT_NE(kept, nullptr);
  EXPECT_TRUE(kept->page_copy);  // still the page's one copy
  EXPECT_EQ(kept->comments, 42u);
  EXPECT_EQ(kept->etag, copy->etag);
  EXPECT_EQ(kept->filled, copy->filled);
  EXPECT_EQ(kept->brotli, copy->brotli);  // made from the same bytes
  std::string out;
  ASSERT_TRUE(http::Gunzip(*kept->gzip, out));
  EXPECT_EQ(out, answer);
  std::string whole;
  ASSERT_TRUE(http::GzipCompressor(http::kBestJoinLevel).Compress(answer, whole));
  EXPECT_EQ(kept->gzip->size(), whole.size());
  EXPECT_LT(kept->gzip->size(), gzip->size());
  // What the page holds: its records and the one copy at the best level.
  EXPECT_EQ(best->HeldBytes(), miss->bytes + whole.size());
  EXPECT_LT(best->HeldBytes(), miss->HeldBytes());
}

// The pieces a cut page keeps are its parts, each a deflate stream of its own: laid end to end
// with fillings between them, they read as the page with those fillings in its holes.
TEST_F(PageCacheTest, ThePiecesOfACutPageJoinWithFillingsIntoThePage) {
  const CutPage html = ArticleLikePage("세종시");
  const std::shared_ptr<const AdPage> page =
      CutAtAdMarkers(html.html, nullptr, http::kFastJoinLevel);
  ASSERT_NE(page, nullptr);
  ASSERT_EQ(page->pieces.size(), 4u);
  const ads::BannerBytes ticker = SplicedBytes("<p>속보</p>");
  const ads::BannerBytes block = SplicedBytes("<section>댓글</section>");
  const http::DeflateView none;
  const http::DeflateView fills[] = {
      {ticker.deflate, ticker.crc32, ticker.html.size(), ticker.crc_op},
      none,
      {block.deflate, block.crc32, block.html.size(), block.crc_op}};
  std::vector<http::DeflateView> parts;
  for (std::size_t i = 0; i < 3; ++i) {
    parts.push_back(page->pieces[i]);
    if (fills[i].size != 0) parts.push_back(fills[i]);
  }
  parts.push_back(page->pieces.back());
  std::string gzip;
  http::JoinGzip(parts, gzip);
  std::string out;
  ASSERT_TRUE(http::Gunzip(gzip, out));
  std::string expected = html.plain;
  expected.insert(expected.find("</html>"), "<section>댓글</section>");
  expected.insert(std::string_view("<html>").size(), "<p>속보</p>");
  EXPECT_EQ(out, expected);
}

TEST_F(PageCacheTest, APageTooLargeToKeepLeavesTheOthersAlone) {
  PageCache::Options options;
  options.max_bytes = 16 * 1024;  // 1 KiB a shard
  PageCache cache(store_.get(), options);
  Put(cache, "/small");
  ASSERT_NE(cache.Find("/small").page, nullptr);
  for (int i = 0; i < 64; ++i) {  // some land in the shard of "/small"
    const std::string key = "/big" + std::to_string(i);
    cache.Insert(key, cache.Find(key).generation, MakePage(std::string(4096, 'x')));
    EXPECT_EQ(cache.Find(key).page, nullptr);
  }
  EXPECT_NE(cache.Find("/small").page, nullptr);
}

TEST_F(PageCacheTest, EntriesExpire) {
  PageCache::Options options;
  options.ttl = 50ms;
  PageCache cache(store_.get(), options);
  Put(cache, "/a");
  EXPECT_NE(cache.Find("/a").page, nullptr);
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(cache.Find("/a").page, nullptr);
}

TEST_F(PageCacheTest, UntilChangeEntriesOutliveTheTtlButNotAChange) {
  PageCache::Options options;
  options.ttl = 50ms;
  options.check_interval = 20ms;
  PageCache cache(store_.get(), options);
  const auto feed = MakePage("<rss/>");
  cache.Insert("/rss", cache.Find("/rss").generation, feed, PageCache::Freshness::kUntilChange);
  Put(cache, "/article/1");
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(cache.Find("/article/1").page, nullptr);
  ASSERT_NE(cache.Find("/rss").page, nullptr);
  EXPECT_EQ(cache.Find("/rss").page->body.bytes, feed->body.bytes);

  sinmun::testing::SeedSections(*store_);
  sinmun::testing::InsertArticle(
      *store_, sinmun::testing::MakeArticle(store_->Sections().value()[0].id, "새 기사", 1));
  std::this_thread::sleep_for(40ms);
  EXPECT_EQ(cache.Find("/rss").page, nullptr);
}

TEST_F(PageCacheTest, ZeroTtlCachesNothing) {
  PageCache::Options options;
  options.ttl = 0ms;
  PageCache cache(store_.get(), options);
  Put(cache, "/a");
  EXPECT_EQ(cache.Find("/a").page, nullptr);
}

TEST_F(PageCacheTest, ARenderStartedBeforeAClearCannotInsert) {
  PageCache cache(store_.get(), {});
  const PageCache::Lookup miss = cache.Find("/a");
  cache.Clear();
  cache.Insert("/a", miss.generation, MakePage("stale"));
  EXPECT_EQ(cache.Find("/a").page, nullptr);
}

TEST_F(PageCacheTest, DroppedWhenTheChangeSequenceMoves) {
  PageCache::Options options;
  options.check_interval = 50ms;
  PageCache cache(store_.get(), options);
  Put(cache, "/a");
  EXPECT_NE(cache.Find("/a").page, nullptr);
  sinmun::testing::SeedSections(*store_);
  const auto sections = store_->Sections().value();
  sinmun::testing::InsertArticle(*store_,
                                 sinmun::testing::MakeArticle(sections[0].id, "새 기사", 1));
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(cache.Find("/a").page, nullptr);
}

TEST_F(PageCacheTest, StaysBounded) {
  PageCache::Options options;
  options.max_entries = 64;
  PageCache cache(store_.get(), options);
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "/p" + std::to_string(i);
    Put(cache, key);
  }
  EXPECT_LE(cache.size(), 64u + 16u);
  EXPECT_GT(cache.size(), 0u);
}

TEST_F(PageCacheTest, PagesReadersAskForSurviveAFloodOfDistinctAddresses) {
  PageCache::Options options;
  options.max_bytes = 256 * 1024;  // 16 KiB a shard: a few dozen pages each
  PageCache cache(store_.get(), options);
  std::vector<std::string> hot;
  for (int i = 0; i < 32; ++i) {
    hot.push_back("/article/" + std::to_string(i));
    Put(cache, hot.back());
  }
  // A crawler asks for 100,000 distinct addresses (about 40 times what the cache holds) while
  // readers keep asking for the hot pages.
  for (int i = 0; i < 100'000; ++i) {
    Put(cache, "/flood?page=" + std::to_string(i));
    if (i % 64 == 0) {
      for (const std::string& key : hot)
        ASSERT_NE(cache.Find(key).page, nullptr) << key << " " << i;
    }
  }
  EXPECT_LE(cache.bytes(), options.max_bytes + 16 * 1024);
  EXPECT_GT(cache.size(), hot.size());
}

// What a reader does: a hit, or a render that the cache may keep. Returns whether it was a hit.
bool Ask(PageCache& cache, const std::string& key) {
  const PageCache::Lookup lookup = cache.Find(key);
  if (lookup.page) return true;
  cache.Insert(key, lookup.generation, MakePage(key));
  return false;
}

// Admission by frequency (issue #14): a page readers asked for many times stays while a crawler
// walks the archive, even when nobody asks for it during the walk (CLOCK alone drops it once
// the hand has passed it twice).
TEST_F(PageCacheTest, APageReadersCameBackToOutlastsAFloodOfPagesAskedOnce) {
  PageCache::Options options;
  options.max_entries = 160;  // 11 a shard
  PageCache cache(store_.get(), options);
  const std::string hot = "/article/hot";
  for (int i = 0; i < 20; ++i) Ask(cache, hot);
  ASSERT_TRUE(Ask(cache, hot));
  for (int i = 0; i < 160; ++i) Put(cache, "/article/" + std::to_string(i));
  // About 60 addresses for each shard's 11 places, each asked once.
  for (int i = 0; i < 1000; ++i) Put(cache, "/article/old/" + std::to_string(i));

  EXPECT_TRUE(Ask(cache, hot)) << "the page readers came back to is still served from the cache";
  EXPECT_FALSE(Ask(cache, "/article/old/999")) << "the last crawled page was not kept";
  EXPECT_LE(cache.size(), 160u + 16u);
  EXPECT_GT(cache.stats().rejections, 0u);
}

// A full cache does not freeze on yesterday's pages: a page readers keep asking for now gets in
// while a crawler goes on, though yesterday's were each asked for hundreds of times.
TEST_F(PageCacheTest, ANewPageReadersKeepAskingForGetsIn) {
  PageCache::Options options;
  options.max_entries = 160;
  PageCache cache(store_.get(), options);
  for (int round = 0; round < 300; ++round) {
    for (int i = 0; i < 480; ++i) Ask(cache, "/article/" + std::to_string(i));
  }
  ASSERT_GE(cache.size(), 160u);

  const std::string fresh = "/article/new";
  int asked = 0;
  bool hit = false;
  // Readers ask for the new page; a crawler meanwhile asks for ten archive pages each time.
  while (!hit && asked < 1000) {
    hit = Ask(cache, fresh);
    ++asked;
    for (int i = 0; i < 10; ++i) Put(cache, "/archive/" + std::to_string(asked * 10 + i));
  }
  EXPECT_TRUE(hit) << "asked " << asked << " times";
  EXPECT_TRUE(Ask(cache, fresh));
}

// Readers waiting for a render that the cache does not keep are served that render, not sent
// to render it again each.
TEST_F(PageCacheTest, ReadersWaitingForAPageNotKeptGetItsRender) {
  PageCache::Options options;
  options.max_bytes = 16 * 256;  // a few pages a shard, each asked for 20 times
  PageCache cache(store_.get(), options);
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 256; ++i) Ask(cache, "/article/" + std::to_string(i));
  }
  // The first reader renders; the other, arriving meanwhile, waits for it.
  const PageCache::Lookup renderer = cache.Find("/article/once");
  ASSERT_EQ(renderer.page, nullptr);
  ASSERT_NE(renderer.ticket, nullptr);
  const auto page = MakePage("once");
  std::thread other([&] {
    const PageCache::Lookup waiter = cache.Find("/article/once");
    EXPECT_EQ(waiter.ticket, nullptr) << "the waiter was sent to render it again";
    ASSERT_NE(waiter.page, nullptr);
    EXPECT_EQ(waiter.page->body.bytes, page->body.bytes);
  });
  std::this_thread::sleep_for(100ms);  // the waiter is waiting (else it finds the page kept)
  const std::uint64_t rejections = cache.stats().rejections;
  EXPECT_FALSE(cache.Insert("/article/once", renderer.generation, page))
      << "Insert says the page was kept";
  other.join();
  EXPECT_EQ(cache.stats().rejections, rejections + 1) << "the page was kept, not refused";
  // One asked for as often as those kept gets in (Insert says so).
  EXPECT_TRUE(cache.Insert("/article/0", cache.Find("/article/0").generation, MakePage("0")));
}

TEST_F(PageCacheTest, AMissingPageIsRenderedOnceByConcurrentReaders) {
  PageCache cache(store_.get(), {});
  std::atomic<int> renders{0};
  std::atomic<int> served{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&] {
      PageCache::Lookup lookup = cache.Find("/front");
      if (!lookup.page) {
        ++renders;
        std::this_thread::sleep_for(100ms);  // a slow render: the others arrive meanwhile
        cache.Insert("/front", lookup.generation, MakePage("front"));
      }
      ++served;
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(renders.load(), 1);
  EXPECT_EQ(served.load(), 8);
}

TEST_F(PageCacheTest, AfterAChangeOneReaderRendersWhileTheOthersGetThePreviousPage) {
  PageCache::Options options;
  options.check_interval = 20ms;
  PageCache cache(store_.get(), options);
  const auto before = MakePage("before");
  cache.Insert("/", cache.Find("/").generation, before);
  sinmun::testing::SeedSections(*store_);
  sinmun::testing::InsertArticle(
      *store_, sinmun::testing::MakeArticle(store_->Sections().value()[0].id, "속보", 1));
  std::this_thread::sleep_for(40ms);

  const PageCache::Lookup renderer = cache.Find("/");
  EXPECT_EQ(renderer.page, nullptr);
  ASSERT_NE(renderer.ticket, nullptr);
  const PageCache::Lookup other = cache.Find("/");
  ASSERT_NE(other.page, nullptr);
  EXPECT_EQ(other.page->body.bytes, before->body.bytes);
  EXPECT_EQ(other.ticket, nullptr);

  const auto after = MakePage("after");
  cache.Insert("/", renderer.generation, after);
  EXPECT_EQ(cache.Find("/").page->body.bytes, after->body.bytes);
}

TEST_F(PageCacheTest, AChangeToOneArticleLeavesTheOtherArticlesPages) {
  PageCache::Options options;
  options.check_interval = 20ms;
  PageCache cache(store_.get(), options);
  sinmun::testing::SeedSections(*store_);
  const store::SectionId section = store_->Sections().value()[0].id;
  const store::ArticleId old_id =
      sinmun::testing::InsertArticle(*store_, sinmun::testing::MakeArticle(section, "옛 기사", 1));
  std::this_thread::sleep_for(40ms);
  cache.Find("/");  // takes in the change above
  const auto old_page = MakePage("old");
  cache.Insert("/article/old", cache.Find("/article/old").generation, old_page,
               PageCache::Freshness::kTimed, old_id);
  Put(cache, "/section/politics");

  const store::ArticleId new_id =
      sinmun::testing::InsertArticle(*store_, sinmun::testing::MakeArticle(section, "새 기사", 2));
  ASSERT_NE(new_id, old_id);
  std::this_thread::sleep_for(40ms);
  EXPECT_EQ(cache.Find("/section/politics").page, nullptr) << "lists show the new article";
  const PageCache::Lookup kept = cache.Find("/article/old");
  ASSERT_NE(kept.page, nullptr) << "an archive page is not thrown away by another's publish";
  EXPECT_EQ(kept.page->body.bytes, old_page->body.bytes);
}

TEST_F(PageCacheTest, ConcurrentFindsAndInserts) {
  PageCache::Options options;
  options.check_interval = 1ms;
  PageCache cache(store_.get(), options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "/p" + std::to_string((i * 7 + t) % 50);
        PageCache::Lookup lookup = cache.Find(key);
        if (!lookup.page) cache.Insert(key, lookup.generation, MakePage(key));
        if (i % 500 == 0) cache.Clear();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(cache.size(), 50u);
}

}  // namespace
}  // namespace sinmun::site
