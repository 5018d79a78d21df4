// Many threads on one store: writes become visible to other threads, and readers running in
// parallel with each other and with a writer all see correct results.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::MakeArticle;

using testing::kNow;

class StoreConcurrencyTest : public testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 2);
};

TEST_P(StoreConcurrencyTest, WriteIsVisibleFromAnotherThread) {
  // The reading thread has read (and pooled its connection) before the write happens.
  ASSERT_EQ(store_->LatestArticles({}, {}, kNow)->total, 0);

  ArticleId id = 0;
  std::thread writer([&] {
    id = testing::InsertArticle(
        *store_, MakeArticle(sections_[0].id, "다른 스레드에서 쓴 기사", kNow, reporters_));
  });
  writer.join();

  EXPECT_EQ(store_->LatestArticles({}, {}, kNow)->total, 1);
  Result<Article> seen;
  std::thread reader([&] { seen = store_->PublishedArticle(id, kNow); });
  reader.join();
  ASSERT_TRUE(seen.has_value()) << seen.error().detail;
  EXPECT_EQ(seen->headline, "다른 스레드에서 쓴 기사");
  EXPECT_EQ(seen->bylines.size(), 2u);
}

TEST_P(StoreConcurrencyTest, ParallelReadersGetCorrectResultsWhileAWriterWrites) {
  constexpr int kArticles = 200;
  constexpr int kReaders = 8;
  constexpr int kRounds = 150;
  const SectionId politics = sections_[0].id;
  std::vector<NewArticle> batch;
  for (int i = 0; i < kArticles; ++i) {
    batch.push_back(
        MakeArticle(politics, "기사 " + std::to_string(i), kNow - 600 + i, {reporters_[i % 2]}, i));
  }
  const std::vector<ArticleId> ids = store_->InsertArticles(batch).value();  // oldest first

  std::atomic<bool> stop = false;
  std::atomic<int> written = 0;
  std::atomic<int> failures = 0;
  const auto expect = [&](bool ok) {
    if (!ok) ++failures;
  };
  // Writes into another section, and into the future of this one: neither changes what the
  // readers below expect to see at kNow.
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      const SectionId section = i % 2 == 0 ? sections_[1].id : politics;
      const Timestamp at = i % 2 == 0 ? kNow - 1 : kNow + 3600;
      const bool ok = store_->InsertArticles({MakeArticle(section, "쓰는 중", at, {reporters_[0]})})
                          .has_value();
      expect(ok);
      written += ok ? 1 : 0;
    }
  });

  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      for (int round = 0; round < kRounds; ++round) {
        const int i = (r * 37 + round * 11) % kArticles;
        const Result<Article> article = store_->PublishedArticle(ids[i], kNow);
        expect(article && article->headline == "기사 " + std::to_string(i) &&
               article->bylines.size() == 1 && article->bylines[0].id == reporters_[i % 2] &&
               article->views == i);

        const Result<ArticleList> page =
            store_->LatestArticles(ArticleFilter{.section_id = politics, .reporter_id = {}},
                                   {.number = 2, .size = 10}, kNow);
        expect(page && page->total == kArticles && page->items.size() == 10 &&
               page->items[0].id == ids[kArticles - 11]);

        const Result<Neighbors> neighbors = store_->NeighborsInSection(ids[i], kNow);
        expect(neighbors &&
               neighbors->previous == (i > 0 ? std::optional(ids[i - 1]) : std::nullopt) &&
               neighbors->next == (i + 1 < kArticles ? std::optional(ids[i + 1]) : std::nullopt));

        const Result<std::int64_t> position = store_->PositionInSection(ids[i], kNow);
        expect(position && *position == kArticles - 1 - i);
      }
    });
  }
  for (std::thread& reader : readers) reader.join();
  stop = true;
  writer.join();

  EXPECT_EQ(failures, 0);
  EXPECT_GT(written, 0);
  EXPECT_EQ(store_->ChangeSequence().value(), kArticles + written);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreConcurrencyTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
