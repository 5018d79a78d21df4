#include "newsroom/throttle.hpp"

#include <algorithm>

namespace sinmun::newsroom {

std::string AccountKey(std::string_view email) {
  std::string key = "account:";
  for (const char c : email.substr(0, 320)) {
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }

Timestamp LockSeconds(int failures, int free_failures) {
  if (failures <= free_failures) return 0;
  const int doublings = std::min(failures - free_failures - 1, 20);
  return std::min<Timestamp>(Timestamp{1} << doublings, kMaxLockSeconds);
}

Result<Timestamp> LockedFor(const NewsroomContext& context, std::string_view key) {
  const Result<store::LoginThrottle> throttle = context.deps.store.accounts->LoginThrottleFor(key);
  if (!throttle) return tl::unexpected(throttle.error());
  return std::max<Timestamp>(0, throttle->locked_until - context.deps.clock->Now());
}

Result<> CountFailure(const NewsroomContext& context, std::string_view key, int free_failures) {
  Result<store::LoginThrottle> throttle = context.deps.store.accounts->LoginThrottleFor(key);
  if (!throttle) return tl::unexpected(throttle.error());
  throttle->failures = std::min(throttle->failures + 1, 1000);
  const Timestamp lock = LockSeconds(throttle->failures, free_failures);
  if (lock > 0) throttle->locked_until = context.deps.clock->Now() + lock;
  return context.deps.store.accounts->PutLoginThrottle(*throttle);
}

Result<> ForgetFailures(const NewsroomContext& context, std::string_view key) {
  return context.deps.store.accounts->ClearLoginThrottle(key);
}

}  // namespace sinmun::newsroom
