#pragma once
// Passwords, tokens and their hashes for the newsroom. libsodium stays inside crypto.cpp.
// Thread safety: every function may be called from any thread.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/password.hpp"

namespace sinmun::newsroom {

// Account passwords: argon2id, shared with guest commenters (core/password.hpp).
using ::sinmun::HashPassword;
using ::sinmun::VerifyAgainstDummy;
using ::sinmun::VerifyPassword;

// 32 random bytes as unpadded base64url (43 characters): session tokens, CSRF tokens,
// one-time passwords.
std::string RandomToken();
// What the store keeps of a session token: hex BLAKE2b-256, so a copy of the database does
// not hand out live sessions.
std::string TokenHash(std::string_view token);
// Compares in time that depends on the lengths only.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Password rules for new passwords: at least kMinPasswordLength characters (bytes of UTF-8)
// and at most kMaxPasswordLength.
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// An account's e-mail: something@something, at most 320 bytes, no spaces or markup
// characters. (Deliverability is for the mail module to find out.)
inline bool IsPlausibleEmail(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() && email.size() <= 320 &&
         email.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
}

}  // namespace sinmun::newsroom
