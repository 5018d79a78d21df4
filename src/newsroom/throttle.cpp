#include "newsroom/throttle.hpp"

#include <algorithm>
#include <mutex>

namespace sinmun::newsroom {

std::string AccountKey(std::string_view email) {
  std::string key = "account:";
  for (const char c : email.substr(0, 320)) {
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }

std::string PairKey(std::string_view email, std::string_view address) {
  return "pair:" + AccountKey(email).substr(8) + "|" + std::string(address);
}

std::string PasswordChangeKey(store::UserId user) { return "password:" + std::to_string(user); }

Result<Timestamp> ReserveAttempt(const NewsroomContext& context,
                                 const std::vector<ThrottleKey>& keys) {
  // Held for a few store calls, never for a password check.
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  Timestamp wait = 0;
  for (const ThrottleKey& key : keys) {
    if (!key.checked) continue;
    const Result<Timestamp> locked = LockedFor(context, key.key);
    if (!locked) return tl::unexpected(locked.error());
    wait = std::max(wait, *locked);
  }
  if (wait > 0) return wait;
  for (const ThrottleKey& key : keys) {
    if (Result<> counted = CountFailure(context, key.key, key.free_failures); !counted) {
      return tl::unexpected(counted.error());
    }
  }
  return 0;
}

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
