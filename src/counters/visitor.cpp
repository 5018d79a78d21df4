#include "counters/visitor.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstring>

#include "core/check.hpp"

namespace sinmun::counters {
namespace {

constexpr size_t kCookieBytes = 16;  // 32 hex characters

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, size);
  return out;
}

// A cookie value's 16 bytes folded into 8, when it is 32 hex digits. Every byte matters, so
// cookies that differ anywhere are different visitors; no secret, so the key is the same
// after a restart (recommends are stored under it).
std::optional<std::uint64_t> CookieKey(std::string_view value) {
  if (value.size() != kCookieBytes * 2) return std::nullopt;
  unsigned char bytes[kCookieBytes];
  size_t length = 0;
  if (sodium_hex2bin(bytes, sizeof bytes, value.data(), value.size(), nullptr, &length, nullptr) !=
          0 ||
      length != kCookieBytes) {
    return std::nullopt;
  }
  std::uint64_t low = 0, high = 0;
  std::memcpy(&low, bytes, sizeof low);
  std::memcpy(&high, bytes + sizeof low, sizeof high);
  return low ^ (high * 0x9e3779b97f4a7c15ULL);
}

}  // namespace

VisitorIdentifier::VisitorIdentifier() {
  SINMUN_CHECK(sodium_init() >= 0);
  randombytes_buf(secret_.data(), secret_.size());
}

Visitor VisitorIdentifier::Identify(const std::optional<std::string>& cookie,
                                    std::string_view address, std::string_view user_agent,
                                    Timestamp now) const {
  Visitor visitor;
  if (cookie) {
    if (std::optional<std::uint64_t> key = CookieKey(*cookie)) {
      visitor.key = *key;
      visitor.id = "c" + Hex(reinterpret_cast<const unsigned char*>(&visitor.key), 8);
      return visitor;
    }
  }
  // The day's salt: a keyed hash of the UTC day number, so yesterday's keys cannot be
  // recomputed today and no table of addresses could be built from stored keys.
  const std::int64_t day = now / 86400;
  unsigned char salt[crypto_generichash_KEYBYTES];
  crypto_generichash(salt, sizeof salt, reinterpret_cast<const unsigned char*>(&day), sizeof day,
                     secret_.data(), secret_.size());
  crypto_generichash_state state;
  crypto_generichash_init(&state, salt, sizeof salt, 8);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(address.data()),
                            address.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(user_agent.data()),
                            user_agent.size());
  unsigned char key[8];
  crypto_generichash_final(&state, key, sizeof key);
  std::memcpy(&visitor.key, key, sizeof visitor.key);
  visitor.id = "h" + Hex(key, sizeof key);

  unsigned char fresh[kCookieBytes];
  randombytes_buf(fresh, sizeof fresh);
  visitor.new_cookie = Hex(fresh, sizeof fresh);
  return visitor;
}

std::string VisitorIdentifier::SetCookieHeader(std::string_view value) {
  return fmt::format("{}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax", kVisitorCookie, value,
                     kVisitorCookieDays * 86400);
}

}  // namespace sinmun::counters
