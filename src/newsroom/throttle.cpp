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

std::string PairKey(std::string_view email, std::string_view address) {
  return "pair:" + AccountKey(email).substr(8) + "|" + std::string(address);
}

std::string PasswordChangeKey(store::UserId user) { return "password:" + std::to_string(user); }

Result<Timestamp> ReserveAttempt(const NewsroomContext& context,
                                 const std::vector<ThrottleKey>& keys) {
  std::vector<store::Accounts::ThrottledKey> counted;
  counted.reserve(keys.size());
  for (const ThrottleKey& key : keys) counted.push_back({key.key, key.free_failures, key.checked});
  return context.deps.store.accounts->ReserveLoginAttempt(counted, context.deps.clock->Now(),
                                                          &LockSeconds);
}

Timestamp LockSeconds(int failures, int free_failures) {
  if (failures <= free_failures) return 0;
  const int doublings = std::min(failures - free_failures - 1, 20);
  return std::min<Timestamp>(Timestamp{1} << doublings, kMaxLockSeconds);
}

Result<> ForgetFailures(const NewsroomContext& context, std::string_view key) {
  return context.deps.store.accounts->ClearLoginThrottle(key);
}

}  // namespace sinmun::newsroom
