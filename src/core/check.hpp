#pragma once
// SINMUN_CHECK(cond): for bugs and broken invariants only. Logs and aborts, in every build.
// Expected failures (bad input, missing rows, a backend down) are Result values instead.

namespace sinmun::detail {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}  // namespace sinmun::detail

#define SINMUN_CHECK(cond)                                                 \
  do {                                                                     \
    if (!(cond)) ::sinmun::detail::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (false)
