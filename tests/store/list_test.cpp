// Lists of published articles: latest with filters and pages, neighbours, position in a
// section, most viewed, and the lead photo every list row carries.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sinmun::store {
namespace {

using testing::Backend;
using testing::ErrorCodeOf;
using testing::MakeArticle;

using testing::kNow;

class StoreListTest : public testing::TestWithParam<Backend> {
 protected:
  ArticleId Insert(SectionId section, Timestamp registered_at,
                   std::vector<ReporterId> reporters = {}, std::int64_t views = 0) {
    return testing::InsertArticle(
        *store_, MakeArticle(section, "기사 " + std::to_string(++inserted_), registered_at,
                             std::move(reporters), views));
  }

  // The ids of a list page, in order.
  std::vector<ArticleId> Latest(const ArticleFilter& filter, Page page = {},
                                Timestamp now = kNow) const {
    const Result<ArticleList> list = store_->LatestArticles(filter, page, now);
    EXPECT_TRUE(list.has_value()) << list.error().detail;
    return list ? IdsOf(list->items) : std::vector<ArticleId>{};
  }

  std::int64_t Total(const ArticleFilter& filter, Timestamp now = kNow) const {
    return store_->LatestArticles(filter, {}, now).value().total;
  }

  std::vector<ArticleId> MostViewed(std::optional<SectionId> section,
                                    std::optional<Timestamp> since, int limit) const {
    const Result<std::vector<ArticleSummary>> list =
        store_->MostViewed(section, since, limit, kNow);
    EXPECT_TRUE(list.has_value()) << list.error().detail;
    return list ? IdsOf(*list) : std::vector<ArticleId>{};
  }

  static std::vector<ArticleId> IdsOf(const std::vector<ArticleSummary>& items) {
    std::vector<ArticleId> ids;
    for (const ArticleSummary& item : items) ids.push_back(item.id);
    return ids;
  }

  std::unique_ptr<Store> store_ = testing::OpenTestStore(GetParam());
  std::vector<Section> sections_ = testing::SeedSections(*store_);
  std::vector<ReporterId> reporters_ = testing::SeedReporters(*store_, 3);
  SectionId politics_ = sections_[0].id;
  SectionId economy_ = sections_[1].id;
  int inserted_ = 0;
};

using Ids = std::vector<ArticleId>;

ArticleFilter Filter(std::optional<SectionId> section, std::optional<ReporterId> reporter = {}) {
  ArticleFilter filter;
  filter.section_id = section;
  filter.reporter_id = reporter;
  return filter;
}

TEST_P(StoreListTest, LatestIsNewestFirstAndTiesGoToTheHigherId) {
  const ArticleId a = Insert(politics_, kNow - 300);
  const ArticleId b = Insert(economy_, kNow - 100);
  const ArticleId c = Insert(politics_, kNow - 100);
  const ArticleId d = Insert(politics_, kNow - 200);
  Insert(politics_, kNow + 100);  // not yet published

  EXPECT_EQ(Latest({}), (Ids{c, b, d, a}));
  EXPECT_EQ(Total({}), 4);
}

TEST_P(StoreListTest, PagesAndTotals) {
  std::vector<ArticleId> ids;  // newest first
  for (int i = 0; i < 25; ++i) ids.push_back(Insert(politics_, kNow - i * 60));
  const auto slice = [&](int from, int to) { return Ids(ids.begin() + from, ids.begin() + to); };

  EXPECT_EQ(Latest({}, {.number = 1, .size = 10}), slice(0, 10));
  EXPECT_EQ(Latest({}, {.number = 2, .size = 10}), slice(10, 20));
  EXPECT_EQ(Latest({}, {.number = 3, .size = 10}), slice(20, 25));
  EXPECT_EQ(Latest({}, {.number = 4, .size = 10}), Ids{});
  const Result<ArticleList> past_end = store_->LatestArticles({}, {.number = 9, .size = 10}, kNow);
  EXPECT_TRUE(past_end->items.empty());
  EXPECT_EQ(past_end->total, 25);
  // Earlier, only the older articles were public: one a minute, the oldest 24 minutes old.
  EXPECT_EQ(Total({}, kNow - 30 * 60), 0);
  EXPECT_EQ(Total({}, kNow - 10 * 60), 15);
}

TEST_P(StoreListTest, BadPageIsInvalidInput) {
  EXPECT_EQ(ErrorCodeOf(store_->LatestArticles({}, {.number = 0, .size = 10}, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->LatestArticles({}, {.number = 1, .size = 0}, kNow)),
            ErrorCode::kInvalidInput);
}

TEST_P(StoreListTest, SectionAndReporterFilters) {
  const ReporterId kim = reporters_[0];
  const ReporterId lee = reporters_[1];
  const ArticleId p1 = Insert(politics_, kNow - 500, {kim});
  const ArticleId e1 = Insert(economy_, kNow - 400, {lee});
  const ArticleId e2 = Insert(economy_, kNow - 300, {lee, kim});
  const ArticleId p2 = Insert(politics_, kNow - 200, {lee});
  Insert(economy_, kNow + 100, {kim});  // not yet published

  EXPECT_EQ(Latest(Filter(economy_)), (Ids{e2, e1}));
  EXPECT_EQ(Latest(Filter(politics_)), (Ids{p2, p1}));
  EXPECT_EQ(Latest(Filter(std::nullopt, kim)), (Ids{e2, p1}));
  EXPECT_EQ(Latest(Filter(std::nullopt, lee)), (Ids{p2, e2, e1}));
  EXPECT_EQ(Latest(Filter(economy_, kim)), (Ids{e2}));
  EXPECT_EQ(Latest(Filter(sections_[2].id)), Ids{});
  EXPECT_EQ(Latest(Filter(std::nullopt, reporters_[2])), Ids{});

  EXPECT_EQ(Total(Filter(economy_)), 2);
  EXPECT_EQ(Total(Filter(std::nullopt, lee)), 3);
  EXPECT_EQ(Total(Filter(economy_, kim)), 1);
  EXPECT_EQ(Total(Filter(std::nullopt, kim), kNow + 100), 3);

  // A list by one reporter still names each article's first byline.
  const ArticleList by_kim = store_->LatestArticles(Filter(std::nullopt, kim), {}, kNow).value();
  EXPECT_EQ(by_kim.items.at(0).reporter_name, "기자2");
  EXPECT_EQ(by_kim.items.at(1).reporter_name, "기자1");
}

// Keyset pages (issue #14): the page starts of a list, then each page read from its start,
// give the same pages as LatestArticles with offsets, for every filter.
TEST_P(StoreListTest, KeysetPagesMatchTheOffsetPages) {
  const ReporterId kim = reporters_[0];
  for (int i = 0; i < 23; ++i) {
    // Pairs registered in the same second: ties go to the higher id on both sides.
    Insert(i % 3 == 0 ? economy_ : politics_, kNow - (i / 2) * 60,
           i % 2 == 0 ? std::vector<ReporterId>{kim} : std::vector<ReporterId>{});
  }
  Insert(politics_, kNow + 100, {kim});  // not yet published
  for (const ArticleFilter& filter :
       {Filter(std::nullopt), Filter(politics_), Filter(std::nullopt, kim), Filter(economy_, kim),
        Filter(sections_[2].id)}) {
    const ListPages pages = store_->ListPageStarts(filter, 4, kNow).value();
    const std::int64_t total = Total(filter);
    EXPECT_EQ(pages.total, total);
    EXPECT_EQ(static_cast<std::int64_t>(pages.starts.size()), (total + 3) / 4);
    for (std::size_t n = 0; n < pages.starts.size(); ++n) {
      const Ids offset_page =
          Latest(filter, {.number = static_cast<std::int64_t>(n + 1), .size = 4});
      const Result<std::vector<ArticleSummary>> keyset_page =
          store_->LatestArticlesFrom(filter, pages.starts[n], 4, kNow);
      ASSERT_TRUE(keyset_page.has_value()) << keyset_page.error().detail;
      EXPECT_EQ(IdsOf(*keyset_page), offset_page) << "page " << n + 1;
      EXPECT_EQ(pages.starts[n].id, offset_page.at(0));
    }
  }
}

TEST_P(StoreListTest, KeysetPageFromAGoneOrFutureKey) {
  const ArticleId older = Insert(politics_, kNow - 300);
  const ArticleId gone = Insert(politics_, kNow - 200);
  const ArticleId newer = Insert(politics_, kNow - 100);
  const ListPages pages = store_->ListPageStarts(Filter(politics_), 1, kNow).value();
  ASSERT_EQ(pages.starts.size(), 3u);
  ASSERT_EQ(pages.starts[1].id, gone);
  ASSERT_TRUE(store_->UnpublishArticle(gone, kNow).has_value());
  // A start whose article went away still places its page: the next older article on.
  EXPECT_EQ(IdsOf(store_->LatestArticlesFrom(Filter(politics_), pages.starts[1], 5, kNow).value()),
            (Ids{older}));
  // A key past now shows nothing that is not yet public.
  const ArticleId later = Insert(politics_, kNow + 100);
  const Ids from_future =
      IdsOf(store_->LatestArticlesFrom(Filter(politics_), {kNow + 500, later}, 5, kNow).value());
  EXPECT_EQ(from_future, (Ids{newer, older}));
  EXPECT_EQ(ErrorCodeOf(store_->LatestArticlesFrom({}, {kNow, 1}, 0, kNow)),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(ErrorCodeOf(store_->ListPageStarts({}, 101, kNow)), ErrorCode::kInvalidInput);
}

TEST_P(StoreListTest, NeighborsInSection) {
  const ArticleId p1 = Insert(politics_, kNow - 400);
  const ArticleId p2 = Insert(politics_, kNow - 300);
  const ArticleId p3 = Insert(politics_, kNow - 300);  // same time as p2: after it by id
  Insert(economy_, kNow - 250);                        // another section: never a neighbour
  const ArticleId p4 = Insert(politics_, kNow - 200);
  const ArticleId p5 = Insert(politics_, kNow + 100);  // not yet published

  const auto neighbors = [&](ArticleId id, Timestamp now = kNow) {
    const Result<Neighbors> got = store_->NeighborsInSection(id, now);
    EXPECT_TRUE(got.has_value()) << got.error().detail;
    return got ? std::pair(got->previous, got->next)
               : std::pair(std::optional<ArticleId>(), std::optional<ArticleId>());
  };
  using Pair = std::pair<std::optional<ArticleId>, std::optional<ArticleId>>;
  EXPECT_EQ(neighbors(p1), Pair(std::nullopt, p2));
  EXPECT_EQ(neighbors(p2), Pair(p1, p3));
  EXPECT_EQ(neighbors(p3), Pair(p2, p4));
  EXPECT_EQ(neighbors(p4), Pair(p3, std::nullopt));
  EXPECT_EQ(neighbors(p4, kNow + 100), Pair(p3, p5));
  EXPECT_EQ(neighbors(p5, kNow + 100), Pair(p4, std::nullopt));
  EXPECT_EQ(ErrorCodeOf(store_->NeighborsInSection(p5, kNow)), ErrorCode::kNotFound);

  // The links' headlines come with the ids.
  const Neighbors of_p2 = store_->NeighborsInSection(p2, kNow).value();
  EXPECT_EQ(of_p2.previous_headline, store_->PublishedArticle(p1, kNow).value().headline);
  EXPECT_EQ(of_p2.next_headline, store_->PublishedArticle(p3, kNow).value().headline);
  EXPECT_NE(of_p2.previous_headline, of_p2.next_headline);
  EXPECT_EQ(store_->NeighborsInSection(p4, kNow).value().next_headline, "");
}

TEST_P(StoreListTest, PositionInSectionMatchesTheSectionList) {
  for (int i = 0; i < 12; ++i) {
    Insert(politics_, kNow - (i / 2) * 60);  // pairs share a time
    Insert(economy_, kNow - i * 30);
  }
  const ArticleId future = Insert(politics_, kNow + 60);

  const std::vector<ArticleId> list = Latest(Filter(politics_), {.number = 1, .size = 100});
  ASSERT_EQ(list.size(), 12u);
  for (size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(store_->PositionInSection(list[i], kNow).value(), static_cast<std::int64_t>(i));
    EXPECT_EQ(store_->PositionInSection(list[i], kNow + 60).value(),
              static_cast<std::int64_t>(i + 1));
  }
  EXPECT_EQ(store_->PositionInSection(future, kNow + 60).value(), 0);
  EXPECT_EQ(ErrorCodeOf(store_->PositionInSection(future, kNow)), ErrorCode::kNotFound);
}

TEST_P(StoreListTest, MostViewedOrderAndFilters) {
  const ArticleId a = Insert(politics_, kNow - 500, {}, 100);
  const ArticleId b = Insert(economy_, kNow - 400, {}, 300);
  const ArticleId c = Insert(politics_, kNow - 100, {}, 100);  // ties with a: newer first
  const ArticleId d = Insert(politics_, kNow - 50, {}, 50);
  Insert(politics_, kNow + 100, {}, 1000);  // not yet published

  EXPECT_EQ(MostViewed(std::nullopt, std::nullopt, 10), (Ids{b, c, a, d}));
  EXPECT_EQ(MostViewed(std::nullopt, std::nullopt, 2), (Ids{b, c}));
  EXPECT_EQ(MostViewed(politics_, std::nullopt, 10), (Ids{c, a, d}));
  EXPECT_EQ(MostViewed(std::nullopt, kNow - 400, 10), (Ids{b, c, d}));
  EXPECT_EQ(MostViewed(politics_, kNow - 100, 10), (Ids{c, d}));
  EXPECT_EQ(MostViewed(economy_, kNow - 100, 10), Ids{});
  EXPECT_EQ(MostViewed(std::nullopt, std::nullopt, 0), Ids{});

  const std::vector<ArticleSummary> top =
      store_->MostViewed(std::nullopt, std::nullopt, 1, kNow).value();
  EXPECT_EQ(top.at(0).views, 300);
  EXPECT_EQ(top.at(0).section.slug, "economy");
}

TEST_P(StoreListTest, EveryListRowCarriesItsLeadPhotoWithCaptionAndCredit) {
  const PhotoId photo = testing::InsertWidePhoto(*store_, "2026/12/abc", kNow);
  NewArticle with_photo = MakeArticle(politics_, "사진 기사", kNow - 100, {reporters_[0]}, 50);
  with_photo.photo = NewArticlePhoto{
      .photo_id = photo, .caption = "갑천 <야경> & 불꽃", .credit = "ⓒ 한밭일보 홍길동 기자"};
  const ArticleId pictured = testing::InsertArticle(*store_, with_photo);
  const ArticleId plain = Insert(politics_, kNow - 50, {reporters_[1]}, 10);

  const auto expect_photo = [&](const std::vector<ArticleSummary>& items, const char* list) {
    SCOPED_TRACE(list);
    ASSERT_EQ(items.size(), 2u);
    for (const ArticleSummary& item : items) {
      if (item.id == plain) {
        EXPECT_FALSE(item.photo.has_value());
        continue;
      }
      ASSERT_EQ(item.id, pictured);
      ASSERT_TRUE(item.photo.has_value());
      EXPECT_EQ(item.photo->name, "2026/12/abc");
      EXPECT_EQ(item.photo->format, "jpeg");
      EXPECT_EQ(item.photo->widths, (std::vector<int>{400, 800, 1600}));
      EXPECT_EQ(item.photo->width, 1600);
      EXPECT_EQ(item.photo->height, 900);
      EXPECT_TRUE(item.photo->webp);
      EXPECT_EQ(item.photo->caption, "갑천 <야경> & 불꽃");
      EXPECT_EQ(item.photo->credit, "ⓒ 한밭일보 홍길동 기자");
      EXPECT_EQ(item.reporter_name, "기자1");
    }
  };
  expect_photo(store_->LatestArticles({}, {}, kNow).value().items, "latest");
  expect_photo(store_->LatestArticles({.section_id = politics_}, {}, kNow).value().items,
               "section");
  expect_photo(store_->MostViewed(std::nullopt, std::nullopt, 10, kNow).value(), "most viewed");
  expect_photo(store_->SummariesByIds({pictured, plain}, kNow).value(), "by ids");
  expect_photo(store_->ArticlesRegisteredBetween(kNow - 1000, kNow, {}, 10, kNow).value(),
               "between");

  // The article page reads the same photo.
  const Article article = store_->PublishedArticle(pictured, kNow).value();
  ASSERT_TRUE(article.photo.has_value());
  EXPECT_TRUE(article.photo->webp);
  EXPECT_EQ(article.photo->credit, "ⓒ 한밭일보 홍길동 기자");
}

TEST_P(StoreListTest, AnArticleWithAnUnknownPhotoIsRefusedWhole) {
  NewArticle article = MakeArticle(politics_, "없는 사진", kNow - 100);
  article.photo = NewArticlePhoto{.photo_id = 999, .caption = "", .credit = ""};
  EXPECT_FALSE(store_->InsertArticles({article}).has_value());
  EXPECT_EQ(Total({}), 0);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreListTest, testing::AllBackends(),
                         testing::BackendParamName());

}  // namespace
}  // namespace sinmun::store
