#pragma once
// Where a counted view came from, recorded when it is counted: the class of the Referer's host
// (not the host itself, and never an address) and whether the reader is on a phone. Kept per
// 5-minute slot for the newsroom's 통계 page (issue #20). Classifying is a few comparisons of
// one header, done only for a view that counts (a repeat within 30 minutes is not classified).

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "store/records.hpp"

namespace sinmun::counters {

inline constexpr std::int64_t kSlotSeconds = 300;  // the store's view_slots.slot
// How long slot rows are kept: the 통계 page shows 6 hours of slots and the sources of the
// last 24 hours; the rest of a second day is the margin. The flusher deletes older ones.
inline constexpr std::int64_t kSlotsKeptSeconds = 48 * 3600;

// In the order the dashboard lists them. The names are the store's (view_slots.referrer).
enum class Referrer : std::uint8_t { kNaver, kDaum, kGoogle, kKakao, kSocial, kDirect, kOther };
inline constexpr int kReferrerClasses = static_cast<int>(store::kReferrerNames.size());
// The store's name of the class (store::kReferrerNames: "naver", "daum", … "other").
std::string_view ReferrerName(Referrer referrer);
// The host (and port) of an absolute URL ("https://news.example.com:8443/a" gives
// "news.example.com:8443"), "" when `url` has no scheme.
std::string_view HostOf(std::string_view url);

struct TrafficSource {
  Referrer referrer = Referrer::kDirect;
  bool mobile = false;
};

// `referer`: the request's Referer header; `own_host`: the paper's host ("news.example.com",
// port allowed), whose own pages count as 직접 (a reader moving between articles).
Referrer ClassifyReferrer(std::string_view referer, std::string_view own_host);
// A phone's user agent ("Mobi", Android, iPhone …); tablets count as not mobile.
bool IsMobileAgent(std::string_view user_agent);

// Views per (referrer class, mobile) since the last Take, in a few striped sets of relaxed
// atomic counters so that concurrent requests rarely share a cache line: one increment per
// counted view. Thread safety: Add from any thread; Take from one thread at a time.
class TrafficCounts {
 public:
  static constexpr int kCells = kReferrerClasses * 2;
  using Counts = std::array<std::int64_t, kCells>;  // [referrer * 2 + mobile]

  // `spread`: any well-mixed number of the request (the visitor key) picks the stripe.
  void Add(TrafficSource source, std::uint64_t spread);
  Counts Take();
  void GiveBack(const Counts& counts);
  static int Cell(TrafficSource source) {
    return static_cast<int>(source.referrer) * 2 + (source.mobile ? 1 : 0);
  }

 private:
  static constexpr int kStripes = 8;
  struct alignas(64) Stripe {
    std::array<std::atomic<std::uint32_t>, kCells> counts{};
  };
  std::array<Stripe, kStripes> stripes_{};
};

}  // namespace sinmun::counters
