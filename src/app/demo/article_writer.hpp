#pragma once
// Writes the text of one demo article: headline, sub-headlines and a Markdown body, in the
// style of a regional Korean daily. Pure: the same Rng state gives the same text.

#include <cstddef>
#include <string>
#include <vector>

#include "app/demo/rng.hpp"
#include "core/time.hpp"

namespace sinmun::app::demo {

// A day of the calendar in KST, which the body's dates ("지난 12일", "오는 3일") refer to.
struct CalendarDay {
  int year = 1970;
  int month = 1;
  int day = 1;
  int days_in_month = 31;
};

CalendarDay KstCalendarDay(Timestamp utc);

struct ArticleText {
  std::string headline;
  std::vector<std::string> subheadlines;  // 0 to 3
  std::string body_markdown;              // 5 to 15 paragraphs separated by blank lines
};

// REQUIRES: section_index < GetVocabulary().sections.size().
ArticleText WriteArticle(std::size_t section_index, const CalendarDay& day, Rng& rng);

}  // namespace sinmun::app::demo
