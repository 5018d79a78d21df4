#include "core/time.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <chrono>

namespace sinmun {
namespace {

struct KstFields {
  int year;
  unsigned month, day, hour, minute, second;
};

KstFields ToKst(Timestamp utc) {
  using namespace std::chrono;
  const sys_seconds local{seconds{utc + kKstOffsetSeconds}};
  const sys_days day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{local - day};
  return KstFields{static_cast<int>(ymd.year()),
                   static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day()),
                   static_cast<unsigned>(hms.hours().count()),
                   static_cast<unsigned>(hms.minutes().count()),
                   static_cast<unsigned>(hms.seconds().count())};
}

bool ParseDigits(std::string_view text, size_t pos, size_t len, int* out) {
  if (pos + len > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

// The formats below are compiled (FMT_COMPILE): parsed at run time, an ISO time took 0.55 µs
// against 0.29, and an article page's miss formats about ten times, a sitemap file once a URL
// (issue #14).
std::string FormatKst(Timestamp utc) {
  const KstFields t = ToKst(utc);
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02} {:02}:{:02}"), t.year, t.month, t.day, t.hour,
                     t.minute);
}

std::string FormatIso8601Kst(Timestamp utc) {
  const KstFields t = ToKst(utc);
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00"), t.year, t.month,
                     t.day, t.hour, t.minute, t.second);
}

std::string FormatKstDate(Timestamp utc) {
  const KstFields t = ToKst(utc);
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), t.year, t.month, t.day);
}

std::optional<Timestamp> ParseKst(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (text.size() != 10 && text.size() != 16) return std::nullopt;
  if (!ParseDigits(text, 0, 4, &y) || text[4] != '-' || !ParseDigits(text, 5, 2, &mo) ||
      text[7] != '-' || !ParseDigits(text, 8, 2, &d)) {
    return std::nullopt;
  }
  if (text.size() == 16) {
    if (text[10] != ' ' || !ParseDigits(text, 11, 2, &h) || text[13] != ':' ||
        !ParseDigits(text, 14, 2, &mi) || h > 23 || mi > 59) {
      return std::nullopt;
    }
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  const sys_seconds local = sys_days{ymd} + hours{h} + minutes{mi};
  return local.time_since_epoch().count() - kKstOffsetSeconds;
}

Timestamp SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace sinmun
