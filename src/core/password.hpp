#pragma once
// Password hashes for whoever keeps a password: newsroom accounts and guest commenters
// (issue #16). libsodium stays inside password.cpp.
// Thread safety: every function may be called from any thread.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sinmun {

// An argon2id hash string (libsodium's crypto_pwhash_str with its "interactive" limits:
// 64 MiB of memory, 2 passes). kInternal when memory runs out.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// Does the work of VerifyPassword against a hash of nothing anyone knows, so that an unknown
// account takes as long to refuse as a wrong password.
void VerifyAgainstDummy(std::string_view password);

}  // namespace sinmun
