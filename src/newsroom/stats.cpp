// The 통계 page (issue #20): what readers read, from sinmun's own counting only. Views per 5
// minutes for 6 hours (the site's view_slots), per hour for 48 hours and per day for 90 days
// (article_views_hourly, for the site or one section, reporter or article), the top articles
// now, today and this week with rising ones marked, where readers come from and how many are on
// phones, and each top article's recommends, e-mails and comments. Charts are SVG drawn here,
// each with its table, so the page needs no JavaScript (with it, static/js/newsroom_stats.js
// refreshes the figures every 30 seconds); every table is also CSV (?format=csv&table=…).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "counters/counters.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "store/traffic_reads.hpp"

namespace sinmun::newsroom {
namespace {

constexpr std::int64_t kSlotSeconds = 300;  // view_slots.slot
constexpr int kSlotBars = 72;               // 6 hours of 5-minute slots
constexpr int kShareSlots = 288;            // the shares are of the last 24 hours
constexpr int kHourBars = 48;
constexpr int kDayBars = 90;
constexpr int kTopLimit = 10;
// Rising: at least this many views in the current hour, and more than twice the article's
// mean of the hours before it (within the last 24) with a view. Early in the hour the count is
// partial, so a story marked then is rising fast.
constexpr std::int64_t kRisingMinViews = 10;

struct Bar {
  std::string label;
  std::int64_t views = 0;
};

// One table of the page, as text: what the CSV export writes and the chart tables show.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct TopWindow {
  std::string_view name;  // "now", "today", "week": the CSV's table name
  std::int64_t hours;     // the window: the current hour and the hours - 1 before it
  std::vector<store::ArticleTraffic> articles;
};

struct Traffic {
  std::vector<Bar> slots, hours, days;
  std::map<std::string, std::int64_t> referrers;  // the last 24 hours, site-wide
  std::int64_t mobile = 0, all = 0;               // the same
  std::vector<TopWindow> top;
};

bool IsRising(const store::ArticleTraffic& article, std::int64_t current_hour) {
  if (article.this_hour < kRisingMinViews) return false;
  if (article.earlier == 0) return true;  // new this hour
  const std::int64_t hours = std::max<std::int64_t>(1, current_hour - article.first_hour);
  return article.this_hour * hours > 2 * article.earlier;
}

std::string KstTime(Timestamp at) { return FormatKst(at).substr(11); }           // "13:05"
std::string KstHour(Timestamp at) { return FormatKst(at).substr(5, 8) + "시"; }  // "08-01 13시"

// A reporter's lists walk the site's ranking this many ids at first, then 8 times more at
// each step, until they hold kTopLimit of the reporter's articles or the ranking ends.
constexpr int kRankingStep = 1000;

// The counters' ranking of the `window` hours ending with the current one (1, 24 or 168), of
// the site or `section`: at most `limit` ids, most viewed first.
std::vector<store::ArticleId> RankedIds(counters::Counters& counters, std::int64_t window,
                                        std::optional<store::SectionId> section, int limit) {
  const std::vector<counters::RankedView> ranked =
      window == 1 ? counters.TopOfHour(section, limit)
                  : counters.Top(window == counters::kWindowHours[0] ? counters::Window::k24Hours
                                                                     : counters::Window::k7Days,
                                 section, limit);
  std::vector<store::ArticleId> ids;
  ids.reserve(ranked.size());
  for (const counters::RankedView& view : ranked) ids.push_back(view.id);
  return ids;
}

// A reporter's `window` hours' top ids: the site's ranking walked in growing steps, keeping
// the reporter's articles, so a reporter with tens of thousands of bylines is not summed from
// each one's rows. One whose articles are rarely read walks the whole ranking (the window's
// articles with a view: a few hundred thousand on a large paper).
Result<std::vector<store::ArticleId>> ReporterRankedIds(const store::TrafficReads& traffic,
                                                        counters::Counters& counters,
                                                        store::ReporterId reporter,
                                                        std::int64_t window) {
  std::vector<store::ArticleId> mine;
  size_t walked = 0;
  constexpr int kMostStep = std::numeric_limits<int>::max() / 8;
  for (int step = kRankingStep;; step = step > kMostStep ? kMostStep * 8 : step * 8) {
    const std::vector<store::ArticleId> ranked = RankedIds(counters, window, std::nullopt, step);
    // A flush between two steps may shift the ranking by a place: an id seen twice is read
    // once (ArticlesTraffic drops repeats).
    const std::vector<store::ArticleId> fresh(
        ranked.begin() + static_cast<std::ptrdiff_t>(std::min(walked, ranked.size())),
        ranked.end());
    Result<std::vector<store::ArticleId>> found = traffic.ReporterArticlesAmong(reporter, fresh);
    if (!found) return found;
    for (store::ArticleId id : *found) {
      if (mine.size() < static_cast<size_t>(kTopLimit)) mine.push_back(id);
    }
    walked = ranked.size();
    if (mine.size() >= static_cast<size_t>(kTopLimit) ||
        ranked.size() < static_cast<size_t>(step)) {
      return mine;
    }
  }
}

// The `window` hours' top articles. The ids of this hour, the last 24 hours and the last 7
// days come from the counters' rankings, which hold exactly those windows (filtered by a
// reporter's bylines for a reporter with many), so that a large paper's rows are not summed at
// every refresh; the store then reads those articles' figures, which put them in order. Without
// counters (or before they loaded), for an article or for a section and reporter together, the
// store sums the window.
// `walk_reporter`: the filter's reporter has more than stats_bylines_summed bylines.
Result<std::vector<store::ArticleTraffic>> ReadTopArticles(const NewsroomDeps& deps,
                                                           const store::TrafficFilter& filter,
                                                           bool walk_reporter, std::int64_t window,
                                                           std::int64_t hour) {
  const store::TrafficReads& traffic = *deps.store.traffic;
  counters::Counters* counters = deps.counters;
  const std::int64_t from_hour = hour - window + 1;
  const bool ranked =
      window == 1 || window == counters::kWindowHours[0] || window == counters::kWindowHours[1];
  // While the rankings load at a server's start, the store sums (slowly on a large paper).
  if (counters == nullptr || !counters->rankings_loaded() || !ranked || filter.article != 0 ||
      (filter.reporter != 0 && filter.section != 0)) {
    return traffic.TopArticles(from_hour, hour, filter, kTopLimit);
  }
  if (filter.reporter != 0) {
    if (!walk_reporter) return traffic.TopArticles(from_hour, hour, filter, kTopLimit);
    const Result<std::vector<store::ArticleId>> ids =
        ReporterRankedIds(traffic, *counters, filter.reporter, window);
    if (!ids) return tl::unexpected(ids.error());
    return traffic.ArticlesTraffic(*ids, from_hour, hour);
  }
  std::optional<store::SectionId> section;
  if (filter.section != 0) section = filter.section;
  return traffic.ArticlesTraffic(RankedIds(*counters, window, section, kTopLimit), from_hour, hour);
}

Result<Traffic> ReadDashboard(const NewsroomDeps& deps, const store::TrafficFilter& filter,
                              Timestamp now) {
  const store::TrafficReads& traffic = *deps.store.traffic;
  Traffic board;
  const std::int64_t slot = now / kSlotSeconds;
  const Result<std::vector<store::SlotViews>> slots =
      traffic.SlotViewsSince(slot - kShareSlots + 1);
  if (!slots) return tl::unexpected(slots.error());
  std::map<std::int64_t, std::int64_t> per_slot;
  for (const store::SlotViews& row : *slots) {
    if (row.slot > slot) continue;  // a node whose clock runs ahead
    per_slot[row.slot] += row.views;
    board.referrers[row.referrer] += row.views;
    board.all += row.views;
    if (row.mobile) board.mobile += row.views;
  }
  for (std::int64_t s = slot - kSlotBars + 1; s <= slot; ++s) {
    board.slots.push_back({KstTime(s * kSlotSeconds), per_slot[s]});
  }

  const std::int64_t hour = now / 3600;
  // Days are KST days; the first one starts at the first hour read.
  const std::int64_t today = (now + kKstOffsetSeconds) / 86400;
  const std::int64_t first_day = today - kDayBars + 1;
  const std::int64_t from_hour = (first_day * 86400 - kKstOffsetSeconds) / 3600;
  const Result<std::vector<store::HourTotal>> hours = traffic.ViewsByHour(from_hour, filter);
  if (!hours) return tl::unexpected(hours.error());
  std::map<std::int64_t, std::int64_t> per_hour, per_day;
  for (const store::HourTotal& total : *hours) {
    per_hour[total.hour] += total.views;
    per_day[(total.hour * 3600 + kKstOffsetSeconds) / 86400] += total.views;
  }
  for (std::int64_t h = hour - kHourBars + 1; h <= hour; ++h) {
    board.hours.push_back({KstHour(h * 3600), per_hour[h]});
  }
  for (std::int64_t d = first_day; d <= today; ++d) {
    board.days.push_back({FormatKstDate(d * 86400 - kKstOffsetSeconds), per_day[d]});
  }

  bool walk_reporter = false;
  if (filter.reporter != 0 && deps.counters != nullptr) {
    const Result<std::int64_t> bylines = traffic.BylineCount(filter.reporter);
    if (!bylines) return tl::unexpected(bylines.error());
    walk_reporter = *bylines > deps.stats_bylines_summed;
  }
  for (const auto& [name, window] :
       {std::pair<std::string_view, std::int64_t>{"now", 1}, {"today", 24}, {"week", 168}}) {
    Result<std::vector<store::ArticleTraffic>> top =
        ReadTopArticles(deps, filter, walk_reporter, window, hour);
    if (!top) return tl::unexpected(top.error());
    board.top.push_back({name, window, std::move(*top)});
  }
  return board;
}

Table BarTable(std::string_view when, const std::vector<Bar>& bars) {
  Table table{{std::string(when), "views"}, {}};
  for (const Bar& bar : bars) table.rows.push_back({bar.label, std::to_string(bar.views)});
  return table;
}

std::string Percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? "0.0"
                    : fmt::format("{:.1f}",
                                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

Table SourceTable(const Traffic& board) {
  Table table{{"source", "views", "percent"}, {}};
  for (std::string_view name : store::kReferrerNames) {
    const auto found = board.referrers.find(std::string(name));
    const std::int64_t views = found == board.referrers.end() ? 0 : found->second;
    table.rows.push_back({std::string(name), std::to_string(views), Percent(views, board.all)});
  }
  table.rows.push_back({"mobile", std::to_string(board.mobile), Percent(board.mobile, board.all)});
  return table;
}

Table TopTable(const TopWindow& window, std::int64_t current_hour) {
  Table table{{"rank", "article_id", "headline", "section", "views", "this_hour", "rising",
               "recommends", "emails", "comments"},
              {}};
  int rank = 0;
  for (const store::ArticleTraffic& article : window.articles) {
    table.rows.push_back(
        {std::to_string(++rank), std::to_string(article.id), article.headline, article.section,
         std::to_string(article.views), std::to_string(article.this_hour),
         IsRising(article, current_hour) ? "1" : "0", std::to_string(article.recommends),
         std::to_string(article.emails), std::to_string(article.comments)});
  }
  return table;
}

// A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is
// escaped with ' so that a spreadsheet does not run a headline as a formula.
std::string CsvField(std::string_view text) {
  std::string field(text);
  if (!field.empty() && std::string_view("=+-@").find(field.front()) != std::string_view::npos) {
    field.insert(0, "'");
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string Csv(const Table& table) {
  std::string csv;
  const auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) csv += (i == 0 ? "" : ",") + CsvField(cells[i]);
    csv += "\r\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return csv;
}

// A bar chart as inline SVG: one bar per value scaled to the largest, each with its label and
// count as a tooltip; `title` names the chart for screen readers, whose table follows it.
std::string BarChart(const std::vector<Bar>& bars, std::string_view title) {
  std::int64_t most = 0;
  for (const Bar& bar : bars) most = std::max(most, bar.views);
  const int width = static_cast<int>(bars.size()) * 10;
  std::string svg = fmt::format(
      "<svg class=\"nr-chart\" viewBox=\"0 0 {} 100\" preserveAspectRatio=\"none\" "
      "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
      width, title);
  for (size_t i = 0; i < bars.size(); ++i) {
    const double height =
        most == 0 ? 0 : 100.0 * static_cast<double>(bars[i].views) / static_cast<double>(most);
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{:.2f}\" width=\"8\" height=\"{:.2f}\"><title>{} {}</title></rect>",
        i * 10 + 1, 100 - height, height, bars[i].label, bars[i].views);
  }
  return svg + "</svg>";
}

nlohmann::json ChartView(const NewsroomContext& context, std::string_view key,
                         std::string_view csv_table, const std::vector<Bar>& bars,
                         const std::string& query) {
  const std::string title = Label(context, key);
  nlohmann::json rows = nlohmann::json::array();
  std::int64_t total = 0;
  for (const Bar& bar : bars) {
    rows.push_back({{"label", bar.label}, {"views", bar.views}});
    total += bar.views;
  }
  return {{"title", title},
          {"svg", BarChart(bars, title)},
          {"rows", std::move(rows)},
          {"total", total},
          {"first", bars.empty() ? "" : bars.front().label},
          {"last", bars.empty() ? "" : bars.back().label},
          {"csv", fmt::format("/newsroom/stats?{}format=csv&table={}", query, csv_table)}};
}

// The filter's query string, for links that keep it ("section=3&"); "" for the whole site.
std::string FilterQuery(const store::TrafficFilter& filter) {
  std::string query;
  if (filter.section > 0) query += fmt::format("section={}&", filter.section);
  if (filter.reporter > 0) query += fmt::format("reporter={}&", filter.reporter);
  if (filter.article > 0) query += fmt::format("article={}&", filter.article);
  return query;
}

// One query parameter as an id: 0 when absent or empty, nullopt when malformed.
std::optional<std::int64_t> IdParam(const http::Request& request, std::string_view key) {
  const std::optional<std::string> text = request.Query(key);
  if (!text || text->empty()) return 0;
  return ParseId(*text);
}

}  // namespace

http::Response StatsPage(const NewsroomContext& context, const http::Request& request,
                         const Staff& staff) {
  const std::optional<std::int64_t> section = IdParam(request, "section");
  const std::optional<std::int64_t> reporter = IdParam(request, "reporter");
  const std::optional<std::int64_t> article = IdParam(request, "article");
  if (!section || !reporter || !article) return NewsroomError(context, 400);
  const store::TrafficFilter filter{*section, *reporter, *article};
  const Timestamp now = context.deps.clock->Now();
  const Result<Traffic> board = ReadDashboard(context.deps, filter, now);
  if (!board) return NewsroomErrorFor(context, board.error());
  const std::int64_t hour = now / 3600;

  if (request.Query("format") == "csv") {
    const std::string table = request.Query("table").value_or("");
    std::optional<Table> chosen;
    if (table == "slots") chosen = BarTable("time_kst", board->slots);
    if (table == "hours") chosen = BarTable("hour_kst", board->hours);
    if (table == "days") chosen = BarTable("date_kst", board->days);
    if (table == "sources") chosen = SourceTable(*board);
    for (const TopWindow& window : board->top) {
      if (table == window.name) chosen = TopTable(window, hour);
    }
    if (!chosen) return NewsroomError(context, 404);
    http::Response response = http::Text(Csv(*chosen));
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"stats-{}.csv\"", table));
    return response;
  }

  const std::string query = FilterQuery(filter);
  nlohmann::json sources = nlohmann::json::array();
  for (const std::vector<std::string>& row : SourceTable(*board).rows) {
    if (row[0] == "mobile") continue;
    sources.push_back(
        {{"name", Label(context, "stats_ref_" + row[0])}, {"views", row[1]}, {"percent", row[2]}});
  }
  nlohmann::json tops = nlohmann::json::array();
  for (const TopWindow& window : board->top) {
    nlohmann::json articles = nlohmann::json::array();
    int rank = 0;
    for (const store::ArticleTraffic& item : window.articles) {
      articles.push_back({{"rank", ++rank},
                          {"id", item.id},
                          {"headline", item.headline},
                          {"section", item.section},
                          {"views", item.views},
                          {"this_hour", item.this_hour},
                          {"rising", IsRising(item, hour)},
                          {"recommends", item.recommends},
                          {"emails", item.emails},
                          {"comments", item.comments}});
    }
    tops.push_back(
        {{"title", Label(context, "stats_top_" + std::string(window.name))},
         {"articles", std::move(articles)},
         {"empty", window.articles.empty()},
         {"csv", fmt::format("/newsroom/stats?{}format=csv&table={}", query, window.name)}});
  }
  nlohmann::json section_options = nlohmann::json::array();
  if (const auto sections = context.deps.store.catalog->Sections(); sections) {
    for (const store::Section& s : *sections) {
      section_options.push_back({{"id", s.id}, {"name", s.name}, {"selected", s.id == *section}});
    }
  }
  nlohmann::json reporter_options = nlohmann::json::array();
  if (const auto reporters = context.deps.store.catalog->Reporters(); reporters) {
    for (const store::Reporter& r : *reporters) {
      reporter_options.push_back({{"id", r.id}, {"name", r.name}, {"selected", r.id == *reporter}});
    }
  }
  nlohmann::json view = {
      {"filtered", !query.empty()},
      {"article", *article > 0 ? nlohmann::json(*article) : nlohmann::json("")},
      {"sections", std::move(section_options)},
      {"reporters", std::move(reporter_options)},
      {"slots", ChartView(context, "stats_chart_slots", "slots", board->slots, "")},
      {"hours", ChartView(context, "stats_chart_hours", "hours", board->hours, query)},
      {"days", ChartView(context, "stats_chart_days", "days", board->days, query)},
      {"sources", std::move(sources)},
      {"sources_total", board->all},
      {"mobile_percent", Percent(board->mobile, board->all)},
      {"mobile_views", board->mobile},
      {"sources_csv", "/newsroom/stats?format=csv&table=sources"},
      {"tops", std::move(tops)},
      {"stats_js", context.deps.static_files->Url("js/newsroom_stats.js")}};
  return RenderNewsroomPage(context, staff, "newsroom/stats", std::move(view),
                            Label(context, "stats_title"));
}

}  // namespace sinmun::newsroom
