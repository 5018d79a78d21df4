#pragma once
// Writes the Prometheus text exposition format (version 0.0.4): a HELP and TYPE line per
// family, then its samples. Names and label names are the caller's constants; label values
// are escaped here. Used by the /metrics page; knows nothing of what it reports.
// Thread safety: none; one writer per scrape.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace sinmun {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

using Label = std::pair<std::string_view, std::string_view>;

class PrometheusText {
 public:
  // type: "counter", "gauge" or "histogram". REQUIRES: each family is begun once.
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, std::initializer_list<Label> labels, double value);
  void Sample(std::string_view name, double value) { Sample(name, {}, value); }
  // A histogram's samples: `bucket_counts[i]` observations fell at or under `bounds[i]`
  // (not cumulative; this adds them up), `count` in all (the +Inf bucket), `sum` of them.
  // REQUIRES: bucket_counts.size() == bounds.size().
  void Histogram(std::string_view name, std::initializer_list<Label> labels,
                 std::span<const double> bounds, std::span<const std::uint64_t> bucket_counts,
                 std::uint64_t count, double sum);

  const std::string& text() const { return text_; }

 private:
  void AppendLabels(std::initializer_list<Label> labels, std::string_view le);
  void AppendValue(double value);
  std::string text_;
};

}  // namespace sinmun
