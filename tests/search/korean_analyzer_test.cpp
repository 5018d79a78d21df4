// Korean analysis without Xapian: units, stems, chains.
#include "search/korean_analyzer.hpp"

#include <gtest/gtest.h>

namespace sinmun::search {
namespace {

std::vector<std::string> Stems(const std::vector<Unit>& units) {
  std::vector<std::string> stems;
  for (const Unit& unit : units) stems.push_back(unit.stem);
  return stems;
}

std::vector<std::vector<std::string>> ChainBigrams(const std::vector<Unit>& units) {
  std::vector<std::vector<std::string>> out;
  for (const auto& chain : Chains(units)) {
    out.emplace_back();
    for (const ChainTerm& term : chain) out.back().push_back(term.bigram);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(KoreanAnalyzerTest, SplitsOnSpacesAndPunctuationAndStripsParticles) {
  const KoreanAnalyzer analyzer;
  EXPECT_EQ(Stems(analyzer.Analyze("대전시는 (4차 산업혁명을), 의회에서 논의했다.")),
            (Strings{"대전시", "4차", "산업혁명", "의회", "논의했다"}));
}

TEST(KoreanAnalyzerTest, KeepsTwoCharactersAndLongerEndingsWin) {
  const KoreanAnalyzer analyzer;
  EXPECT_EQ(analyzer.Stem("회의"), "회의");          // 의 is no particle here: 1 char would remain
  EXPECT_EQ(analyzer.Stem("대전시에서"), "대전시");  // 에서, not 서
  EXPECT_EQ(analyzer.Stem("위원회였다"), "위원회");
  EXPECT_EQ(analyzer.Stem("산업혁명"), "산업혁명");
}

TEST(KoreanAnalyzerTest, EndingsComeFromTheDataFileFormat) {
  const KoreanAnalyzer analyzer("# comment\n는\n\n");
  EXPECT_EQ(analyzer.Stem("대전시는"), "대전시");
  EXPECT_EQ(analyzer.Stem("대전시가"), "대전시가");
}

TEST(KoreanAnalyzerTest, LatinAndNumbersAreLowercasedUnits) {
  const KoreanAnalyzer analyzer;
  const std::vector<Unit> units = analyzer.Analyze("AI 반도체 2024 Running");
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0].kind, UnitKind::kLatin);
  EXPECT_EQ(units[0].stem, "ai");
  EXPECT_EQ(units[1].kind, UnitKind::kKorean);
  EXPECT_EQ(units[2].kind, UnitKind::kNumber);
  EXPECT_EQ(units[3].stem, "running");  // English stemming is the indexer's (Xapian's) job
}

TEST(KoreanAnalyzerTest, ChainsContinueAcrossPlainSpacesOnly) {
  const KoreanAnalyzer analyzer;
  EXPECT_EQ(ChainBigrams(analyzer.Analyze("4차 산업혁명")),
            (std::vector<Strings>{{"4차", "차산", "산업", "업혁", "혁명"}}));
  // A particle or punctuation ends the chain: no bigram across it.
  EXPECT_EQ(ChainBigrams(analyzer.Analyze("대전시는 의회")),
            (std::vector<Strings>{{"대전", "전시"}, {"의회"}}));
  EXPECT_EQ(ChainBigrams(analyzer.Analyze("대전시, 의회")),
            (std::vector<Strings>{{"대전", "전시"}, {"의회"}}));
  // A line break ends a paragraph, not just a word.
  EXPECT_EQ(ChainBigrams(analyzer.Analyze("대전시\n의회")),
            (std::vector<Strings>{{"대전", "전시"}, {"의회"}}));
}

TEST(KoreanAnalyzerTest, ByteRangesPointIntoTheText) {
  const KoreanAnalyzer analyzer;
  const std::string text = "(속보) 대전시는";
  const std::vector<Unit> units = analyzer.Analyze(text);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(text.substr(units[1].begin, units[1].end - units[1].begin), "대전시는");
}

TEST(KoreanAnalyzerTest, InvalidUtf8DoesNotCrash) {
  const KoreanAnalyzer analyzer;
  const std::string bad = "\xff\xfe 대\xea\xb0";
  EXPECT_NO_THROW(analyzer.Analyze(bad));
}

}  // namespace
}  // namespace sinmun::search
