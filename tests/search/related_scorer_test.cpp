// A reindex's related lists (search/related_scorer.hpp, summed over postings) are the lists
// Xapian's matcher gives for the same query: the same articles at each place, except where
// two weigh the same (then Xapian's order among them is its own).
#include "search/related_scorer.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "search/content_terms.hpp"
#include "search/related_follower.hpp"
#include "search/xapian_index.hpp"
#include "support/test_store.hpp"

namespace sinmun::search {
namespace {

constexpr int kScoredArticles = 400;

// Articles of 20 to 120 words from a vocabulary where a few words are common and most are
// rare, numbered as the index numbers articles, with a few ids left out (deleted ones).
void FillArticles(Xapian::WritableDatabase& database) {
  std::mt19937 random(7);
  std::vector<std::string> words;
  for (int w = 0; w < 300; ++w) words.push_back("낱말" + std::to_string(w));
  std::geometric_distribution<int> pick(0.02);
  std::uniform_int_distribution<int> length(20, 120);
  for (int id = 1; id <= kScoredArticles; ++id) {
    if (id % 37 == 0) continue;
    Xapian::Document document;
    for (int n = length(random); n > 0; --n) {
      document.add_term(words[std::min<int>(pick(random), 299)]);
    }
    database.replace_document(DocId(id), document);
  }
  database.commit();
}

// An index of FillArticles' articles, its term frequencies and document lengths.
class RelatedScorerTest : public ::testing::Test {
 protected:
  static std::string Made(const testing::TempDir& dir) {
    const std::string path = (dir.path() / "db").string();
    Xapian::WritableDatabase writable(path, Xapian::DB_CREATE);
    FillArticles(writable);
    return path;
  }

  const testing::TempDir dir_;
  const Xapian::Database database{Made(dir_)};
  const TermFrequencies frequencies = TermFrequencies::ReadAll(database);
  const DocumentLengths lengths = DocumentLengths::ReadAll(database);
  RelatedScorer scorer{database, lengths};
};

TEST_F(RelatedScorerTest, SameListsAsXapiansMatcher) {
  int same = 0;
  int ties = 0;
  for (store::ArticleId id = 1; id <= kScoredArticles; ++id) {
    const std::vector<store::ArticleId> expected =
        RelatedIn(database, id, kRelatedKept, std::numeric_limits<Timestamp>::max(), &frequencies);
    const std::vector<store::ArticleId> got =
        RelatedByPostings(database, scorer, id, kRelatedKept, frequencies);
    if (id % 37 == 0) {
      EXPECT_TRUE(got.empty()) << id;
      continue;
    }
    ASSERT_EQ(got.size(), expected.size()) << id;
    if (got == expected) {
      ++same;
      continue;
    }
    // Where the lists differ, the two articles at that place weigh the same for the query.
    Xapian::Enquire enquire(database);
    const std::vector<std::string> terms = TopContentTerms(database, DocId(id), 8, &frequencies);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    const Xapian::MSet all = enquire.get_mset(0, database.get_doccount());
    std::map<store::ArticleId, double> weight;
    for (auto it = all.begin(); it != all.end(); ++it) weight[ArticleIdOf(*it)] = it.get_weight();
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (got[i] == expected[i]) continue;
      EXPECT_NEAR(weight[got[i]], weight[expected[i]], 1e-9 * weight[expected[i]])
          << id << " at " << i;
    }
    ++ties;
  }
  EXPECT_GT(same, kScoredArticles / 2) << ties;
}

TEST_F(RelatedScorerTest, AnArticleNotIndexedHasNoList) {
  EXPECT_TRUE(RelatedByPostings(database, scorer, 37, 8, frequencies).empty());
  EXPECT_TRUE(RelatedByPostings(database, scorer, kScoredArticles + 5, 8, frequencies).empty());
  // Asking for fewer gives the first of the longer list.
  const std::vector<store::ArticleId> eight =
      RelatedByPostings(database, scorer, 5, 8, frequencies);
  const std::vector<store::ArticleId> three =
      RelatedByPostings(database, scorer, 5, 3, frequencies);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three, std::vector<store::ArticleId>(eight.begin(), eight.begin() + 3));
}

}  // namespace
}  // namespace sinmun::search
