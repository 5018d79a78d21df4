// The line diff of the revision pages.

#include "newsroom/line_diff.hpp"

#include <gtest/gtest.h>

namespace sinmun::newsroom {
namespace {

using Kind = DiffRow::Kind;

std::string Describe(const std::vector<DiffRow>& rows) {
  std::string text;
  for (const DiffRow& row : rows) {
    const char* mark = row.kind == Kind::kSame      ? "="
                       : row.kind == Kind::kRemoved ? "-"
                       : row.kind == Kind::kAdded   ? "+"
                                                    : "~";
    text += std::string(mark) + row.left.value_or("") + "|" + row.right.value_or("") + "\n";
  }
  return text;
}

TEST(LineDiffTest, KeepsCommonLinesAndPairsReplacedOnes) {
  EXPECT_EQ(Describe(LineDiff("가\n나\n다\n라", "가\n나2\n다\n라\n마")),
            "=가|가\n~나|나2\n=다|다\n=라|라\n+|마\n");
  EXPECT_EQ(Describe(LineDiff("하나\n둘\n셋", "셋")), "-하나|\n-둘|\n=셋|셋\n");
  EXPECT_EQ(Describe(LineDiff("", "새 줄")), "+|새 줄\n");
  EXPECT_TRUE(LineDiff("", "").empty());
  EXPECT_EQ(Describe(LineDiff("a\r\nb", "a\nb")), "=a|a\n=b|b\n");
}

TEST(LineDiffTest, VeryLongTextsAreComparedAsOneBlock) {
  std::string older;
  std::string newer;
  for (int i = 0; i < 5000; ++i) {
    older += std::to_string(i) + "\n";
    newer += std::to_string(i + 1) + "\n";
  }
  const std::vector<DiffRow> rows = LineDiff(older, newer);
  EXPECT_EQ(rows.size(), 5001u);  // 5000 lines and the empty line after the last newline
  EXPECT_EQ(rows[0].kind, Kind::kChanged);
}

}  // namespace
}  // namespace sinmun::newsroom
