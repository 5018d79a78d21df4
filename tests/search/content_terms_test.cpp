// The related query's terms (search/content_terms.hpp) are the terms Xapian's own get_eset
// picks, in its order, whether the frequencies come from the index or from a table.
#include "search/content_terms.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "support/test_store.hpp"

namespace sinmun::search {
namespace {

using Terms = std::vector<std::string>;

// What the related query asked Xapian for before: get_eset with a decider.
class ContentTermDecider final : public Xapian::ExpandDecider {
 public:
  explicit ContentTermDecider(const Xapian::Database& database) : database_(database) {}
  bool operator()(const std::string& term) const override {
    return IsContentTerm(term) && database_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& database_;
};

Terms XapianExpandSet(const Xapian::Database& database, Xapian::docid docid,
                      Xapian::termcount count) {
  Xapian::RSet relevant;
  relevant.add_document(docid);
  const Xapian::Enquire enquire(database);
  const ContentTermDecider decider(database);
  const Xapian::ESet set = enquire.get_eset(count, relevant, &decider);
  return Terms(set.begin(), set.end());
}

// Documents with many equal weights (the same within-document frequency and document
// frequency), terms of one document alone, prefixed terms and short words, and lengths that
// differ, so that the choice among ties and the filters are all exercised.
void Fill(Xapian::WritableDatabase& database) {
  const std::vector<std::string> words = {"가나", "나다", "다라",   "라마",   "마바", "바사",
                                          "사아", "아자", "자차",   "차카",   "카타", "타파",
                                          "파하", "하가", "Wseoul", "Wbusan", "W12",  "Wab"};
  for (int d = 0; d < 60; ++d) {
    Xapian::Document document;
    for (std::size_t w = 0; w < words.size(); ++w) {
      // Each word in about half of the documents, in patterns of different periods.
      if ((d + static_cast<int>(w)) % (2 + static_cast<int>(w) % 3) != 0) continue;
      document.add_term(words[w], 1 + static_cast<Xapian::termcount>((d * 7 + w) % 3));
    }
    document.add_term("S가나", 2);
    document.add_term("XS" + std::to_string(d % 4));
    document.add_term("외톨" + std::to_string(d), 5);  // this document's alone
    if (d % 5 == 0) document.add_term("긴문서", 40);   // a few long documents
    database.add_document(document);
  }
  database.commit();
}

TEST(ContentTermsTest, SameTermsAsXapiansExpandSet) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writable(path, Xapian::DB_CREATE);
    Fill(writable);
  }
  const Xapian::Database database(path);
  const TermFrequencies table = TermFrequencies::ReadAll(database);
  int compared = 0;
  for (Xapian::docid docid = 1; docid <= database.get_lastdocid(); ++docid) {
    for (const Xapian::termcount count : {1u, 3u, 8u}) {
      const Terms expected = XapianExpandSet(database, docid, count);
      EXPECT_EQ(TopContentTerms(database, docid, count, nullptr), expected) << docid;
      EXPECT_EQ(TopContentTerms(database, docid, count, &table), expected) << docid;
      compared += expected.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(compared, 100);
}

TEST(ContentTermsTest, TheTableKeepsContentTermsOfTwoDocumentsOrMore) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writable(path, Xapian::DB_CREATE);
    Fill(writable);
  }
  const Xapian::Database database(path);
  const TermFrequencies table = TermFrequencies::ReadAll(database);
  EXPECT_EQ(table.Of("가나"), database.get_termfreq("가나"));
  EXPECT_EQ(table.Of("Wseoul"), database.get_termfreq("Wseoul"));
  EXPECT_EQ(table.Of("긴문서"), 12u);
  EXPECT_EQ(table.Of("외톨3"), 0u);   // one document only
  EXPECT_EQ(table.Of("S가나"), 0u);   // the headline field
  EXPECT_EQ(table.Of("W12"), 0u);     // a short word
  EXPECT_EQ(table.Of("없는말"), 0u);  // no such term
  EXPECT_EQ(table.Of(""), 0u);
}

TEST(ContentTermsTest, ADocumentNotInTheIndexThrows) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase writable(path, Xapian::DB_CREATE);
    Fill(writable);
  }
  const Xapian::Database database(path);
  EXPECT_THROW(TopContentTerms(database, 1000, 8, nullptr), Xapian::DocNotFoundError);
}

}  // namespace
}  // namespace sinmun::search
