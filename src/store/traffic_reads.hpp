#pragma once
// Reads of the readers' traffic for the newsroom's 통계 page (issue #20): views per 5-minute
// slot by referrer class and device (view_slots), views per hour for the site or one section
// (section_views_hourly: sections x hours rows), one reporter (reporter_views_hourly: a row
// an hour) or one article (its rows of article_views_hourly), and the most-viewed articles of
// a window with what the dashboard shows beside them.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// Which views to read: at most one of these is set (0 = not filtered). Several set: all apply.
struct TrafficFilter {
  SectionId section = 0;
  ReporterId reporter = 0;
  ArticleId article = 0;
};

struct HourTotal {
  std::int64_t hour = 0;  // unix seconds / 3600
  std::int64_t views = 0;
};

struct ArticleTraffic {
  ArticleId id = 0;
  std::string headline;
  std::string section;          // its name
  std::int64_t views = 0;       // in the window asked for
  std::int64_t this_hour = 0;   // in the current hour
  std::int64_t earlier = 0;     // in the 24 hours before the current one
  std::int64_t first_hour = 0;  // the earliest of those 25 hours with a view
  std::int64_t recommends = 0;  // all-time
  std::int64_t emails = 0;      // recipients of "e-mail this article", all-time
  std::int64_t comments = 0;    // visible comments
};

class TrafficReads {
 public:
  virtual ~TrafficReads() = default;

  // Every slot row with slot >= from_slot, oldest first.
  virtual Result<std::vector<SlotViews>> SlotViewsSince(std::int64_t from_slot) const = 0;

  // The views of each hour >= from_hour that has any, oldest first.
  virtual Result<std::vector<HourTotal>> ViewsByHour(std::int64_t from_hour,
                                                     const TrafficFilter& filter) const = 0;

  // The `limit` articles with the most views in hours >= from_hour (ties: newer id first),
  // `current_hour` being the hour now.
  virtual Result<std::vector<ArticleTraffic>> TopArticles(std::int64_t from_hour,
                                                          std::int64_t current_hour,
                                                          const TrafficFilter& filter,
                                                          int limit) const = 0;

  // The same figures for the articles `ids` (at most 100; e.g. the ids of the counters'
  // in-memory rankings), most viewed first as TopArticles, those without a view in hours >=
  // from_hour left out.
  virtual Result<std::vector<ArticleTraffic>> ArticlesTraffic(const std::vector<ArticleId>& ids,
                                                              std::int64_t from_hour,
                                                              std::int64_t current_hour) const = 0;

  // How many articles have `reporter` on their byline.
  virtual Result<std::int64_t> BylineCount(ReporterId reporter) const = 0;
  // Those of `ids` with `reporter` on their byline, in the order given. For filtering the
  // counters' rankings by reporter: one key lookup per id.
  virtual Result<std::vector<ArticleId>> ReporterArticlesAmong(
      ReporterId reporter, const std::vector<ArticleId>& ids) const = 0;
};

}  // namespace sinmun::store
