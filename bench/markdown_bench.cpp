// Markdown render time on the published reproducers of the 2023 cmark-gfm advisories
// (CVE-2023-22483, -22484, -22486, -24824, -26485, -37463; the cases as collected by
// league/commonmark's pathological tests): each at n, 2n, 4n and 8n. Linear rendering keeps
// the ratio of successive times near 2; quadratic rendering makes it near 4.
//   build/bench/markdown_bench            (figures in docs/BENCHMARKS.md)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "render/markdown.hpp"

namespace {

std::string Repeat(const std::string& text, int n) {
  std::string out;
  out.reserve(text.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += text;
  return out;
}

struct Case {
  const char* name;
  int n;  // the smallest size; the input stays under kMaxMarkdownBytes (512 KB) at 8n
  std::function<std::string(int)> input;
};

double Seconds(const std::string& input) {
  double best = 1e9;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const std::string html = sinmun::render::MarkdownToHtml(input);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
    if (html.size() > (input.size() + 64) * 64) std::puts("output out of proportion");
  }
  return best;
}

}  // namespace

int main() {
  const std::vector<Case> cases = {
      {"CVE-2022-39209 ![l", 10000, [](int n) { return Repeat("![l", n) + "\n"; }},
      {"CVE-2023-22486 ![[]()", 10000, [](int n) { return Repeat("![[]()", n) + "\n"; }},
      {"CVE-2023-22484 </<!--", 10000, [](int n) { return "</" + Repeat("<!--", n) + "\n"; }},
      {"CVE-2023-22483 1 <?x", 10000, [](int n) { return "-1" + Repeat("<?x", n) + "y\n"; }},
      {"CVE-2023-22483 2 tables", 5000, [](int n) { return Repeat("|-\nt>|-\n", n) + "y\n"; }},
      {"CVE-2023-22483 3 emphasis", 5000,
       [](int n) { return Repeat("*t ", n) + Repeat("_t*_ ", n) + "\n"; }},
      {"CVE-2023-22483 4 tables", 10000,
       [](int n) { return "x\n| - |\n" + Repeat("|", n) + "y\n"; }},
      {"CVE-2023-22483 5 autolink", 10000, [](int n) { return Repeat("z_www.", n) + "\n"; }},
      {"CVE-2023-22483 6 refs", 10000,
       [](int n) { return "[f]:u\n\"\n" + Repeat("[f]\n", n) + "[f]:u \"t\n"; }},
      {"CVE-2023-22483 7 www.)))", 10000, [](int n) { return "www." + Repeat(")", n) + "\n"; }},
      {"CVE-2023-22483 8 tables", 10000, [](int n) { return ":-\n" + Repeat(":\n", n) + ":-\n"; }},
      {"CVE-2023-22483 9 <http://s", 5000, [](int n) { return Repeat("<http://s", n) + "\n"; }},
      {"CVE-2023-22483 10 ~~", 10000, [](int n) { return "~e" + Repeat(",z~~", n) + "\n"; }},
      {"CVE-2023-22483 11 >>>", 1000, [](int n) { return Repeat(">", n) + Repeat(".", n) + "\n"; }},
      {"CVE-2023-24824 1 >a*", 10000,
       [](int n) { return Repeat(">", n) + Repeat("a*", n) + "\n"; }},
      {"CVE-2023-24824 2 -x", 5000, [](int n) { return Repeat(" -", n) + "x" + Repeat("\n", n); }},
      {"CVE-2023-26485 1 _._", 5000,
       [](int n) { return Repeat("_", n) + "." + Repeat("_", n) + "\n"; }},
      {"CVE-2023-26485 2 1. 2.", 10000, [](int n) { return "1.\n" + Repeat(" 2.\n", n); }},
      {"CVE-2023-26485 3 -", 10000, [](int n) { return Repeat(" -\n", n) + "x\n"; }},
      {"CVE-2023-37463 1 columns", 10000,
       [](int n) { return "|" + Repeat("x|", n) + "\n|" + Repeat("-|", n) + "\n"; }},
      {"CVE-2023-37463 2 columns x rows", 10000,
       [](int n) {
         return "|" + Repeat("x|", n) + "\n|" + Repeat("-|", n) + "\n" + Repeat("a\n", n);
       }},
      {"CVE-2023-37463 3 [^1]:", 5000,
       [](int n) { return Repeat("[^1]:\n", n) + Repeat("\n", n); }},
  };
  std::printf("%-34s %10s %10s %10s %10s  %s\n", "case", "n", "2n", "4n", "8n",
              "time ratios (2 = linear)");
  double worst = 0;
  for (const Case& c : cases) {
    double times[4];
    size_t bytes = 0;
    for (int k = 0; k < 4; ++k) {
      const std::string input = c.input(c.n << k);
      bytes = input.size();
      times[k] = Seconds(input);
    }
    std::printf("%-34s %9.2fms %9.2fms %9.2fms %9.2fms  %.1f %.1f %.1f  (%zu bytes at 8n)\n",
                c.name, times[0] * 1e3, times[1] * 1e3, times[2] * 1e3, times[3] * 1e3,
                times[1] / times[0], times[2] / times[1], times[3] / times[2], bytes);
    worst = std::max(worst, times[3] / times[2]);
  }
  std::printf("worst ratio from 4n to 8n: %.1f\n", worst);
  return 0;
}
