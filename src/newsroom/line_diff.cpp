#include "newsroom/line_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace sinmun::newsroom {
namespace {

constexpr size_t kMaxLines = 4000;

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// Appends a run of removed and added lines, paired row by row.
void FlushRun(std::vector<std::string>& removed, std::vector<std::string>& added,
              std::vector<DiffRow>& rows) {
  const size_t n = std::max(removed.size(), added.size());
  for (size_t i = 0; i < n; ++i) {
    DiffRow row;
    if (i < removed.size()) row.left = std::move(removed[i]);
    if (i < added.size()) row.right = std::move(added[i]);
    row.kind = row.left && row.right ? DiffRow::Kind::kChanged
               : row.left            ? DiffRow::Kind::kRemoved
                                     : DiffRow::Kind::kAdded;
    rows.push_back(std::move(row));
  }
  removed.clear();
  added.clear();
}

}  // namespace

std::vector<DiffRow> LineDiff(std::string_view older, std::string_view newer) {
  const std::vector<std::string> a = Lines(older);
  const std::vector<std::string> b = Lines(newer);
  std::vector<DiffRow> rows;
  std::vector<std::string> removed;
  std::vector<std::string> added;
  if (a.size() > kMaxLines || b.size() > kMaxLines) {
    if (a == b) {
      for (const std::string& line : a) rows.push_back({DiffRow::Kind::kSame, line, line});
      return rows;
    }
    removed = a;
    added = b;
    FlushRun(removed, added, rows);
    return rows;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const size_t width = b.size() + 1;
  std::vector<std::uint32_t> lcs((a.size() + 1) * width, 0);
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i * width + j] = a[i] == b[j]
                               ? lcs[(i + 1) * width + j + 1] + 1
                               : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      FlushRun(removed, added, rows);
      rows.push_back({DiffRow::Kind::kSame, a[i], b[j]});
      ++i;
      ++j;
    } else if (j < b.size() &&
               (i == a.size() || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])) {
      added.push_back(b[j++]);
    } else {
      removed.push_back(a[i++]);
    }
  }
  FlushRun(removed, added, rows);
  return rows;
}

}  // namespace sinmun::newsroom
