#include "ads/slots.hpp"

namespace sinmun::ads {

std::optional<std::size_t> SlotIndex(std::string_view name) {
  for (std::size_t i = 0; i < kSlots.size(); ++i) {
    if (kSlots[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace sinmun::ads
