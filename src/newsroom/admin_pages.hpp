#pragma once
// Private to newsroom/: what the administration's handlers (admin_*.cpp) share.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sinmun::newsroom {

// A positive decimal id, or nullopt.
std::optional<std::int64_t> ParseId(std::string_view text);

}  // namespace sinmun::newsroom
