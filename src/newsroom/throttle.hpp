#pragma once
// Private to newsroom/: login throttling per account and per client address.
//
// After kFreeFailures consecutive failures under a key, each further failure locks the key
// for twice as long as the one before (1 s, 2 s, 4 s … up to kMaxLockSeconds). A locked key
// is refused at once, without checking the password: the server never sleeps on a thread,
// and a guesser learns nothing while locked. Accounts are keyed by the e-mail as typed
// (lower-cased), known or not, so a lock says nothing about whether an account exists.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "newsroom/context.hpp"

namespace sinmun::newsroom {

// One browser place guessing one account: the tight limit, which nobody else's failures
// reach, so a reporter whose e-mail is printed on bylines cannot be locked out from afar.
inline constexpr int kFreeFailuresPerPair = 5;
// Failures on an account from anywhere. Past them the account is locked, except for a
// browser holding the account's device cookie (it signed in before): it keeps trying under
// its pair limit.
inline constexpr int kFreeFailuresPerAccount = 10;
inline constexpr int kFreeFailuresPerAddress = 20;  // an office shares one address
// Wrong current passwords on the password form, per account: a stolen session must not
// become a way to guess the password and keep the account.
inline constexpr int kFreeFailuresPerPasswordChange = 5;
inline constexpr Timestamp kMaxLockSeconds = 15 * 60;

std::string AccountKey(std::string_view email);
std::string AddressKey(std::string_view address);
std::string PairKey(std::string_view email, std::string_view address);
std::string PasswordChangeKey(store::UserId user);

struct ThrottleKey {
  std::string key;
  int free_failures = 0;
  bool checked = true;  // false: counted, but its lock does not refuse this attempt
};

// Counts one attempt under every key, unless a checked key is locked: then nothing is
// counted and the answer is the seconds to wait. 0: go on and check the password; a success
// forgets the keys (ForgetFailures), a failure needs nothing more. Counting before checking,
// with the check and the count one step in the store (store::Accounts::ReserveLoginAttempt),
// is what keeps concurrent attempts, on one node or several, from all getting past the free
// failures together.
Result<Timestamp> ReserveAttempt(const NewsroomContext& context,
                                 const std::vector<ThrottleKey>& keys);

// Forgets the failures under `key`.
Result<> ForgetFailures(const NewsroomContext& context, std::string_view key);

// The lock after `failures` consecutive failures: 0 up to free_failures, then 1, 2, 4 … s.
Timestamp LockSeconds(int failures, int free_failures);

}  // namespace sinmun::newsroom
