#include "app/demo/demo_paper.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/demo/vocabulary.hpp"
#include "core/time.hpp"
#include "support/test_store.hpp"

namespace sinmun::app::demo {
namespace {

using ::sinmun::testing::Backend;
using ::sinmun::testing::ErrorCodeOf;
using ::sinmun::testing::Must;
using ::sinmun::testing::OpenTestStore;

constexpr Timestamp kDay = 86400;
// 2026-11-27 15:00 KST.
const Timestamp kNow = ParseKst("2026-11-27 15:00").value();

DemoOptions Options(std::int64_t articles, std::uint64_t seed) {
  DemoOptions options;
  options.articles = articles;
  options.seed = seed;
  options.now = kNow;
  return options;
}

// Every published article, newest first, read back through the Store API.
std::vector<store::Article> AllArticles(const store::Store& store) {
  std::vector<store::Article> articles;
  for (std::int64_t page = 1;; ++page) {
    const store::ArticleList list =
        Must(store.LatestArticles(store::ArticleFilter{}, store::Page{page, 100}, kNow));
    if (list.items.empty()) break;
    for (const store::ArticleSummary& item : list.items) {
      articles.push_back(Must(store.PublishedArticle(item.id, kNow)));
    }
  }
  return articles;
}

int ParagraphCount(const std::string& markdown) {
  int count = 0;
  size_t pos = 0;
  while (pos < markdown.size()) {
    const size_t end = markdown.find("\n\n", pos);
    const size_t stop = end == std::string::npos ? markdown.size() : end;
    if (stop > pos) ++count;
    pos = stop + 2;
  }
  return count;
}

// One paper of 2000 articles (40 days), filled once for the read-only tests below.
class DemoPaperTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t kArticles = 2000;
  static constexpr std::int64_t kDays = kArticles / 50;

  static void SetUpTestSuite() {
    store_ = OpenTestStore(Backend::kSqlite).release();
    summary_ = new DemoSummary(Must(FillDemoPaper(*store_, Options(kArticles, 1))));
    articles_ = new std::vector<store::Article>(AllArticles(*store_));
  }
  static void TearDownTestSuite() {
    delete articles_;
    delete summary_;
    delete store_;
  }

  static store::Store* store_;
  static DemoSummary* summary_;
  static std::vector<store::Article>* articles_;
};

store::Store* DemoPaperTest::store_ = nullptr;
DemoSummary* DemoPaperTest::summary_ = nullptr;
std::vector<store::Article>* DemoPaperTest::articles_ = nullptr;

TEST_F(DemoPaperTest, HasTheSectionsReportersAndArticlesItReports) {
  EXPECT_EQ(summary_->sections, 8);
  EXPECT_GE(summary_->reporters, 30);
  EXPECT_EQ(summary_->articles, kArticles);

  const std::vector<store::Section> sections = Must(store_->Sections());
  std::vector<std::string> slugs;
  for (const store::Section& section : sections) slugs.push_back(section.slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"politics", "economy", "society", "region",
                                             "science-it", "culture", "sports", "opinion"}));
  EXPECT_EQ(sections.front().name, "정치");
  EXPECT_EQ(sections[4].name, "과학·IT");

  const std::vector<store::Reporter> reporters = Must(store_->Reporters());
  EXPECT_EQ(static_cast<int>(reporters.size()), summary_->reporters);
  std::set<std::string> emails;
  for (const store::Reporter& reporter : reporters) {
    EXPECT_EQ(reporter.name.size(), 9u) << reporter.name;  // three Hangul syllables
    EXPECT_TRUE(reporter.email.ends_with("@hanbat.example")) << reporter.email;
    EXPECT_FALSE(reporter.bio.empty());
    emails.insert(reporter.email);
  }
  EXPECT_EQ(emails.size(), reporters.size());

  EXPECT_EQ(static_cast<std::int64_t>(articles_->size()), kArticles);
  EXPECT_EQ(Must(store_->LatestArticles(store::ArticleFilter{}, store::Page{1, 20}, kNow)).total,
            kArticles);
}

TEST_F(DemoPaperTest, EveryArticleIsWellFormed) {
  for (const store::Article& article : *articles_) {
    SCOPED_TRACE(article.headline);
    EXPECT_FALSE(article.headline.empty());
    EXPECT_LE(article.subheadlines.size(), 3u);
    const int paragraphs = ParagraphCount(article.body_markdown);
    EXPECT_GE(paragraphs, 5);
    EXPECT_LE(paragraphs, 15);
    EXPECT_GE(article.registered_at, kNow - kDays * kDay);
    EXPECT_LE(article.registered_at, kNow);
    if (article.modified_at) {
      EXPECT_GT(*article.modified_at, article.registered_at);
      EXPECT_LE(*article.modified_at, kNow);
    }
    EXPECT_GE(article.bylines.size(), 1u);
    EXPECT_LE(article.bylines.size(), 2u);
    EXPECT_GE(article.views, 1);
    EXPECT_GE(article.recommends, 0);
    // A template slot or particle left unexpanded would show as braces.
    EXPECT_EQ(article.headline.find_first_of("{}"), std::string::npos);
    EXPECT_EQ(article.body_markdown.find_first_of("{}"), std::string::npos);
    for (const std::string& line : article.subheadlines) {
      EXPECT_FALSE(line.empty());
      EXPECT_EQ(line.find_first_of("{}"), std::string::npos);
    }
  }
}

TEST_F(DemoPaperTest, SpreadsOverTheDaysAndSectionsWithSomeEditsAndCoBylines) {
  Timestamp oldest = kNow;
  Timestamp newest = 0;
  int modified = 0;
  int two_bylines = 0;
  std::map<std::string, int> per_section;
  for (const store::Article& article : *articles_) {
    oldest = std::min(oldest, article.registered_at);
    newest = std::max(newest, article.registered_at);
    modified += article.modified_at.has_value() ? 1 : 0;
    two_bylines += article.bylines.size() == 2 ? 1 : 0;
    ++per_section[article.section.slug];
  }
  EXPECT_LT(oldest, kNow - (kDays - 1) * kDay);  // the first day has articles
  EXPECT_GT(newest, kNow - kDay);                // and so has the last
  EXPECT_EQ(per_section.size(), 8u);
  for (const auto& [slug, count] : per_section) EXPECT_GE(count, 50) << slug;
  EXPECT_GT(modified, kArticles / 10);  // about 20%
  EXPECT_LT(modified, kArticles * 3 / 10);
  EXPECT_GT(two_bylines, 0);
  EXPECT_LT(two_bylines, kArticles / 5);
}

TEST_F(DemoPaperTest, ViewCountsAreSkewedSoTheMostViewedBoxHasAClearTop) {
  std::vector<std::int64_t> views;
  for (const store::Article& article : *articles_) views.push_back(article.views);
  std::sort(views.begin(), views.end());
  const std::int64_t median = views[views.size() / 2];
  EXPECT_GT(views.back(), 50 * median);
  EXPECT_GT(views[views.size() - 10], 10 * median);  // a few popular ones, not a single outlier

  const auto top = Must(store_->MostViewed(std::nullopt, std::nullopt, 5, kNow));
  ASSERT_EQ(top.size(), 5u);
  EXPECT_EQ(top.front().views, views.back());
}

TEST_F(DemoPaperTest, SomeTextNeedsHtmlEscapingAndSomeIsOutsideTheBasicPlane) {
  bool ampersand = false, angle = false, double_quote = false, single_quote = false;
  bool emoji_in_opinion = false, block_quote = false;
  for (const store::Article& article : *articles_) {
    const std::string& headline = article.headline;
    ampersand |= headline.find('&') != std::string::npos;
    angle |= headline.find('<') != std::string::npos;
    double_quote |= headline.find('"') != std::string::npos;
    single_quote |= headline.find('\'') != std::string::npos;
    block_quote |= article.body_markdown.find("\n\n> \"") != std::string::npos;
    if (article.section.slug == "opinion") {
      emoji_in_opinion |= (headline + article.body_markdown).find("👍") != std::string::npos;
    }
  }
  EXPECT_TRUE(ampersand);
  EXPECT_TRUE(angle);
  EXPECT_TRUE(double_quote);
  EXPECT_TRUE(single_quote);
  EXPECT_TRUE(emoji_in_opinion);
  EXPECT_TRUE(block_quote);
}

TEST(DemoPaperFillTest, SameSeedAndNowGiveTheSamePaper) {
  auto first = OpenTestStore(Backend::kSqlite);
  auto second = OpenTestStore(Backend::kSqlite);
  Must(FillDemoPaper(*first, Options(300, 7)));
  Must(FillDemoPaper(*second, Options(300, 7)));

  const std::vector<store::Article> a = AllArticles(*first);
  const std::vector<store::Article> b = AllArticles(*second);
  ASSERT_EQ(a.size(), 300u);
  ASSERT_EQ(b.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(a[i].headline, b[i].headline);
    EXPECT_EQ(a[i].subheadlines, b[i].subheadlines);
    EXPECT_EQ(a[i].body_markdown, b[i].body_markdown);
    EXPECT_EQ(a[i].section.slug, b[i].section.slug);
    EXPECT_EQ(a[i].registered_at, b[i].registered_at);
    EXPECT_EQ(a[i].modified_at, b[i].modified_at);
    EXPECT_EQ(a[i].views, b[i].views);
    EXPECT_EQ(a[i].recommends, b[i].recommends);
    ASSERT_EQ(a[i].bylines.size(), b[i].bylines.size());
    for (size_t j = 0; j < a[i].bylines.size(); ++j) {
      EXPECT_EQ(a[i].bylines[j].name, b[i].bylines[j].name);
      EXPECT_EQ(a[i].bylines[j].email, b[i].bylines[j].email);
    }
  }
}

TEST(DemoPaperFillTest, DifferentSeedsGiveDifferentPapers) {
  auto first = OpenTestStore(Backend::kSqlite);
  auto second = OpenTestStore(Backend::kSqlite);
  Must(FillDemoPaper(*first, Options(100, 1)));
  Must(FillDemoPaper(*second, Options(100, 2)));

  const std::vector<store::Article> a = AllArticles(*first);
  const std::vector<store::Article> b = AllArticles(*second);
  ASSERT_EQ(a.size(), 100u);
  ASSERT_EQ(b.size(), 100u);
  int same_bodies = 0;
  for (size_t i = 0; i < a.size(); ++i) same_bodies += a[i].body_markdown == b[i].body_markdown;
  EXPECT_EQ(same_bodies, 0);
  EXPECT_NE(a.front().registered_at, b.front().registered_at);
  EXPECT_NE(Must(first->Reporters()).front().email, Must(second->Reporters()).front().email);
}

TEST(DemoPaperFillTest, RefusesAStoreThatIsNotEmpty) {
  auto store = OpenTestStore(Backend::kSqlite);
  Must(FillDemoPaper(*store, Options(60, 1)));
  EXPECT_EQ(ErrorCodeOf(FillDemoPaper(*store, Options(60, 1))), ErrorCode::kConflict);
  EXPECT_EQ(Must(store->LatestArticles(store::ArticleFilter{}, store::Page{1, 10}, kNow)).total,
            60);

  auto seeded = OpenTestStore(Backend::kSqlite);
  ::sinmun::testing::SeedSections(*seeded);
  EXPECT_EQ(ErrorCodeOf(FillDemoPaper(*seeded, Options(60, 1))), ErrorCode::kConflict);
  EXPECT_EQ(Must(seeded->Sections()).size(), 3u);
}

TEST(DemoPaperFillTest, FewArticlesStillSpanOneDayAndZeroIsAllowed) {
  auto store = OpenTestStore(Backend::kSqlite);
  const DemoSummary summary = Must(FillDemoPaper(*store, Options(10, 3)));
  EXPECT_EQ(summary.articles, 10);
  for (const store::Article& article : AllArticles(*store)) {
    EXPECT_GE(article.registered_at, kNow - kDay);
    EXPECT_LE(article.registered_at, kNow);
  }

  auto empty = OpenTestStore(Backend::kSqlite);
  const DemoSummary none = Must(FillDemoPaper(*empty, Options(0, 1)));
  EXPECT_EQ(none.articles, 0);
  EXPECT_EQ(none.sections, 8);
  EXPECT_EQ(Must(empty->LatestArticles(store::ArticleFilter{}, store::Page{1, 10}, kNow)).total, 0);
}

// Given its pictures, the demo shares them among most articles of their own section, each with
// a caption and a credit, so that lists show thumbnails at once (issue #19).
TEST(DemoPaperFillTest, MostArticlesGetOneOfTheirSectionsPhotos) {
  auto store = OpenTestStore(Backend::kSqlite);
  DemoOptions options = Options(400, 3);
  std::map<std::string, std::string> section_of_photo;  // photo name -> section name
  for (const SectionVocab& section : GetVocabulary().sections) {
    const std::string name = "demo/" + section.slug;
    options.section_photos.push_back({sinmun::testing::InsertWidePhoto(*store, name, kNow)});
    section_of_photo[name] = section.name;
  }
  Must(FillDemoPaper(*store, options));

  int with_photo = 0;
  const std::vector<store::Article> articles = AllArticles(*store);
  for (const store::Article& article : articles) {
    if (!article.photo) continue;
    ++with_photo;
    EXPECT_EQ(section_of_photo[article.photo->name], article.section.name) << article.headline;
    EXPECT_FALSE(article.photo->caption.empty());
    EXPECT_FALSE(article.photo->credit.empty());
  }
  ASSERT_EQ(articles.size(), 400u);
  EXPECT_GT(with_photo, 240);  // about 7 in 10
  EXPECT_LT(with_photo, 320);
}

// Some articles with a lead photo place one or two more in their body, each by its "[사진 N]"
// marker after the fourth paragraph or later, with a caption and a credit (issue #19): a new
// user sees photos inside an article as well as in galleries.
TEST(DemoPaperFillTest, SomeArticlesPlacePhotosInTheirBody) {
  auto store = OpenTestStore(Backend::kSqlite);
  DemoOptions options = Options(400, 3);
  for (const SectionVocab& section : GetVocabulary().sections) {
    options.section_photos.push_back(
        {sinmun::testing::InsertWidePhoto(*store, "demo/" + section.slug, kNow)});
  }
  Must(FillDemoPaper(*store, options));

  int with_body_photos = 0;
  for (const store::Article& article : AllArticles(*store)) {
    if (article.gallery || article.photos.empty()) continue;
    ++with_body_photos;
    ASSERT_TRUE(article.photo.has_value()) << article.headline;
    ASSERT_LE(article.photos.size(), 2u) << article.headline;
    const size_t first_marker = article.body_markdown.find("\n\n[사진 2]\n\n");
    ASSERT_NE(first_marker, std::string::npos) << article.body_markdown;
    EXPECT_EQ(ParagraphCount(article.body_markdown.substr(0, first_marker)), 4);
    if (article.photos.size() == 2) {
      EXPECT_NE(article.body_markdown.find("\n\n[사진 3]\n\n"), std::string::npos);
    }
    for (const store::LeadPhoto& photo : article.photos) {
      EXPECT_NE(photo.name, article.photo->name) << article.headline;
      EXPECT_FALSE(photo.caption.empty());
      EXPECT_FALSE(photo.credit.empty());
    }
  }
  EXPECT_GT(with_body_photos, 10);  // about 1 in 10 of the 7 in 10 with a lead photo
  EXPECT_LT(with_body_photos, 50);
}

TEST(DemoPaperFillTest, RejectsANegativeArticleCount) {
  auto store = OpenTestStore(Backend::kSqlite);
  EXPECT_EQ(ErrorCodeOf(FillDemoPaper(*store, Options(-1, 1))), ErrorCode::kInvalidInput);
  EXPECT_TRUE(Must(store->Sections()).empty());
}

}  // namespace
}  // namespace sinmun::app::demo
