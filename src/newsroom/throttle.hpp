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

#include "core/error.hpp"
#include "newsroom/context.hpp"

namespace sinmun::newsroom {

inline constexpr int kFreeFailuresPerAccount = 5;
inline constexpr int kFreeFailuresPerAddress = 20;  // an office shares one address
inline constexpr Timestamp kMaxLockSeconds = 15 * 60;

std::string AccountKey(std::string_view email);
std::string AddressKey(std::string_view address);

// The seconds until `key` may try again; 0 when it may now.
Result<Timestamp> LockedFor(const NewsroomContext& context, std::string_view key);
// Counts one failure under `key` and locks it when past its free failures.
Result<> CountFailure(const NewsroomContext& context, std::string_view key, int free_failures);
// Forgets the failures under `key`.
Result<> ForgetFailures(const NewsroomContext& context, std::string_view key);

// The lock after `failures` consecutive failures: 0 up to free_failures, then 1, 2, 4 … s.
Timestamp LockSeconds(int failures, int free_failures);

}  // namespace sinmun::newsroom
