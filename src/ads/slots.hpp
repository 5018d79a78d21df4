#pragma once
// The banner slots a page can hold (issue #7), each with its size. Templates place a slot by
// writing its marker (see site/ad_splice.*); a slot without a live campaign renders nothing.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace sinmun::ads {

struct SlotSpec {
  std::string_view name;       // stored in campaigns, written in markers and click URLs
  std::string_view label_key;  // messages key of its name for the newsroom
  int width = 0;               // CSS pixels: an image banner is shown at this size
  int height = 0;
};

inline constexpr std::array<SlotSpec, 6> kSlots = {{
    {"top", "ads_slot_top", 728, 90},                         // leaderboard under the section bar
    {"right_1", "ads_slot_right_1", 300, 250},                // right rail, first
    {"right_2", "ads_slot_right_2", 300, 250},                // right rail, second
    {"article_bottom", "ads_slot_article_bottom", 640, 120},  // below the article
    {"in_list", "ads_slot_in_list", 640, 100},                // inside article lists
    {"mobile_bottom", "ads_slot_mobile_bottom", 320, 50},     // bottom of the mobile layout
}};

// The index of the slot named `name` in kSlots; nullopt for any other name.
std::optional<std::size_t> SlotIndex(std::string_view name);

// Days since 1970-01-01 in KST: the day a count is filed under.
inline std::int64_t KstDay(Timestamp utc) {
  const Timestamp local = utc + kKstOffsetSeconds;
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}
// The first second (UTC) of KST day `day`.
inline Timestamp KstDayStart(std::int64_t day) { return day * 86400 - kKstOffsetSeconds; }

}  // namespace sinmun::ads
