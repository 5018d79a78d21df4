#pragma once
// Private to newsroom/.
// A line diff for the revision history: the longest common subsequence of two texts' lines,
// laid out as rows of a side-by-side table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::newsroom {

struct DiffRow {
  enum class Kind { kSame, kRemoved, kAdded, kChanged };
  Kind kind = Kind::kSame;
  std::optional<std::string> left;   // the line in the older text, if this row has one
  std::optional<std::string> right;  // the line in the newer text, if this row has one
};

// Rows that read top to bottom through both texts: equal lines side by side, a run of removed
// lines next to the run of added lines that replaced it (kChanged while both sides have a
// line). Texts of more than 4,000 lines each are compared as one block, to bound the
// quadratic table.
std::vector<DiffRow> LineDiff(std::string_view older, std::string_view newer);

}  // namespace sinmun::newsroom
