#pragma once
// Password hashes for whoever keeps a password: newsroom accounts and guest commenters
// (issue #16). libsodium stays inside password.cpp.
// Thread safety: every function may be called from any thread.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sinmun {

// What one argon2id hash costs: `passes` over `memory_bytes` of memory (one lane).
struct PasswordCost {
  unsigned long long passes;
  std::size_t memory_bytes;
};
// Newsroom accounts: libsodium's "interactive" limits, 2 passes over 64 MiB (about 0.2 s of
// CPU), for passwords that guard a whole account and may be reused elsewhere.
inline constexpr PasswordCost kAccountPasswordCost{2, std::size_t{64} << 20};
// A guest's comment password (issue #16): 2 passes over 256 KiB, about 0.6 ms of CPU, so that
// hundreds of guest posts a second stay possible. Cheap because the input is peppered with a
// key kept outside the store (site/comment_password.hpp); see docs/SECURITY.md.
inline constexpr PasswordCost kCommentPasswordCost{2, std::size_t{256} << 10};

// An argon2id hash string (libsodium's crypto_pwhash_str: "$argon2id$v=19$m=…,t=…,p=1$…"),
// which carries its own cost, so VerifyPassword takes a hash of any cost.
// REQUIRES: cost.passes >= 1 and cost.memory_bytes >= 8 KiB (libsodium's minimums).
// kInternal when memory runs out.
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = kAccountPasswordCost);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// Does the work of VerifyPassword against a hash of nothing anyone knows, so that an unknown
// account takes as long to refuse as a wrong password.
void VerifyAgainstDummy(std::string_view password);

}  // namespace sinmun
