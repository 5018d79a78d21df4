// `sinmun export articles`: every published article registered in a range of KST dates, for
// portals that take a paper's list of articles (link, headline, reporter, time, section).
// Read in keyset batches and written as they come, so a year of articles is never in memory.

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/commands.hpp"
#include "app/data_dir.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app {
namespace {

constexpr int kBatch = 1000;
constexpr Timestamp kDay = 24 * 3600;

// RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled.
// The file is made for Excel, which runs a cell starting with = + - @ (or a tab or CR before
// one) as a formula: such a headline is written behind an apostrophe, which Excel shows as text
// (OWASP's advice on CSV injection).
void AppendCsvField(std::string& out, std::string_view field) {
  const bool formula =
      !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
  if (!formula && field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (const std::string_view field : fields) {
    if (!first) out += ',';
    first = false;
    AppendCsvField(out, field);
  }
  out += "\r\n";
}

// A strict "YYYY-MM-DD" read as the start of that KST day.
std::optional<Timestamp> ParseDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseKst(text);
}

std::string BaseUrl(const Config& config) {
  std::string_view base = config.base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  if (!base.empty()) return std::string(base);
  return "http://" + config.listen;
}

}  // namespace

int ExportArticles(const ExportOptions& options) {
  const std::optional<Timestamp> from = ParseDate(options.from);
  const std::optional<Timestamp> to_day = ParseDate(options.to);
  if (!from || !to_day) {
    fmt::print(stderr, "sinmun export: --from and --to must be dates like 2024-05-03\n");
    return kExitUsage;
  }
  if (*to_day < *from) {
    fmt::print(stderr, "sinmun export: --to {} is before --from {}\n", options.to, options.from);
    return kExitUsage;
  }
  if (options.format != "csv" && options.format != "json") {
    fmt::print(stderr, "sinmun export: --format must be csv or json, not {}\n", options.format);
    return kExitUsage;
  }
  auto data = PrepareDataDir(options.data_dir, /*create=*/false);
  if (!data) {
    fmt::print(stderr, "sinmun export: {}\n", data.error().detail);
    return kExitUsage;
  }
  if (Result<> chosen = ChooseStore(&*data, options.store_url); !chosen) {
    fmt::print(stderr, "sinmun export: {}\n", chosen.error().detail);
    return kExitUsage;
  }
  auto config = LoadPaperConfig(*data);
  if (!config) {
    fmt::print(stderr, "sinmun export: {}\n", config.error().detail);
    return kExitUsage;
  }
  auto store = store::OpenStore(data->store_url);
  if (!store) {
    fmt::print(stderr, "sinmun export: {}\n", store.error().detail);
    return kExitFailed;
  }

  const bool csv = options.format == "csv";
  const std::string base = BaseUrl(*config);
  const Timestamp to = *to_day + kDay;  // --to is inclusive: up to the end of that KST day
  const Timestamp now = SystemClock().Now();
  std::string out;
  // Excel opens a UTF-8 CSV as the legacy Korean code page unless it starts with a BOM.
  if (csv && options.bom) out += "\xEF\xBB\xBF";
  if (csv) {
    AppendCsvRow(out, {"link", "headline", "reporter", "registered_at", "section"});
  } else {
    out += '[';
  }
  bool first = true;
  const bool press_releases = options.press_releases;
  store::ArticleKey after{*from, 0};
  for (;;) {
    const Result<std::vector<store::ArticleSummary>> batch =
        (*store)->ArticlesRegisteredBetween(*from, to, after, kBatch, now);
    if (!batch) {
      fmt::print(stderr, "sinmun export: {}\n", batch.error().detail);
      return kExitFailed;
    }
    for (const store::ArticleSummary& item : *batch) {
      // Per-destination rules (issue #18): 광고 and 협찬 never go to the portals; press
      // releases only with --press-releases.
      if (!store::SentTo(item.kind, store::Destination::kPortalExport, press_releases)) continue;
      const std::string link = base + "/article/" + std::to_string(item.id);
      if (csv) {
        AppendCsvRow(out, {link, item.headline, item.reporter_name, FormatKst(item.registered_at),
                           item.section.name});
      } else {
        const nlohmann::ordered_json row = {{"link", link},
                                            {"headline", item.headline},
                                            {"reporter", item.reporter_name},
                                            {"registered_at", FormatIso8601Kst(item.registered_at)},
                                            {"section", item.section.name}};
        out += first ? "\n" : ",\n";
        out += row.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      }
      first = false;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
    if (batch->size() < static_cast<size_t>(kBatch)) break;
    after = {batch->back().registered_at, batch->back().id};
  }
  if (!csv) out += first ? "]\n" : "\n]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    fmt::print(stderr, "sinmun export: cannot write to stdout\n");
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace sinmun::app
