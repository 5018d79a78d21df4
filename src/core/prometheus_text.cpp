#include "core/prometheus_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/check.hpp"

namespace sinmun {

void PrometheusText::Family(std::string_view name, std::string_view type, std::string_view help) {
  fmt::format_to(std::back_inserter(text_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void PrometheusText::AppendLabels(std::initializer_list<Label> labels, std::string_view le) {
  if (labels.size() == 0 && le.empty()) return;
  text_.push_back('{');
  bool first = true;
  auto append = [&](std::string_view name, std::string_view value) {
    if (!first) text_.push_back(',');
    first = false;
    text_.append(name);
    text_.append("=\"");
    for (const char c : value) {
      if (c == '\\') {
        text_.append("\\\\");
      } else if (c == '"') {
        text_.append("\\\"");
      } else if (c == '\n') {
        text_.append("\\n");
      } else {
        text_.push_back(c);
      }
    }
    text_.push_back('"');
  };
  for (const auto& [name, value] : labels) append(name, value);
  if (!le.empty()) append("le", le);
  text_.push_back('}');
}

void PrometheusText::AppendValue(double value) {
  if (std::isnan(value)) {
    text_.append(" NaN\n");
  } else if (std::isinf(value)) {
    text_.append(value > 0 ? " +Inf\n" : " -Inf\n");
  } else {
    fmt::format_to(std::back_inserter(text_), " {}\n", value);
  }
}

void PrometheusText::Sample(std::string_view name, std::initializer_list<Label> labels,
                            double value) {
  text_.append(name);
  AppendLabels(labels, {});
  AppendValue(value);
}

void PrometheusText::Histogram(std::string_view name, std::initializer_list<Label> labels,
                               std::span<const double> bounds,
                               std::span<const std::uint64_t> bucket_counts, std::uint64_t count,
                               double sum) {
  SINMUN_CHECK(bounds.size() == bucket_counts.size());
  std::uint64_t cumulative = 0;
  for (size_t i = 0; i < bounds.size(); ++i) {
    cumulative += bucket_counts[i];
    text_.append(name);
    text_.append("_bucket");
    AppendLabels(labels, fmt::format("{}", bounds[i]));
    AppendValue(static_cast<double>(cumulative));
  }
  // Buckets and count are read apart while requests go on: +Inf must not be below the last.
  count = std::max(count, cumulative);
  text_.append(name);
  text_.append("_bucket");
  AppendLabels(labels, "+Inf");
  AppendValue(static_cast<double>(count));
  text_.append(name);
  text_.append("_sum");
  AppendLabels(labels, {});
  AppendValue(sum);
  text_.append(name);
  text_.append("_count");
  AppendLabels(labels, {});
  AppendValue(static_cast<double>(count));
}

}  // namespace sinmun
