#pragma once
// Time in sinmun: stored as UTC seconds since the Unix epoch, shown in KST (Asia/Seoul,
// UTC+9, no daylight saving) as "YYYY-MM-DD HH:MM".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sinmun {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

inline constexpr Timestamp kKstOffsetSeconds = 9 * 3600;

// "2017-08-01 13:13" for the instant 2017-08-01T04:13Z.
std::string FormatKst(Timestamp utc);
// "2017-08-01T13:13:00+09:00": for <time datetime>, feeds and JSON.
std::string FormatIso8601Kst(Timestamp utc);
// "2017-08-01" in KST.
std::string FormatKstDate(Timestamp utc);
// Parses "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" read as KST; nullopt when malformed.
std::optional<Timestamp> ParseKst(std::string_view text);

// The current time. An interface so tests and the demo can fix "now".
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// Reads the system clock. Thread safe.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// Always answers the instant it was given. Thread safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }

 private:
  Timestamp now_;
};

}  // namespace sinmun
