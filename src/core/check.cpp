#include "core/check.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace sinmun::detail {

void CheckFailed(const char* condition, const char* file, int line) {
  spdlog::critical("check failed: {} at {}:{}", condition, file, line);
  spdlog::shutdown();
  std::abort();
}

}  // namespace sinmun::detail
