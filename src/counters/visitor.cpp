#include "counters/visitor.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <atomic>
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

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A cookie's 16 bytes folded into 8. Every byte matters, so cookies that differ anywhere are
// different visitors; no secret, so the key is the same after a restart (recommends are
// stored under it).
std::uint64_t KeyOfBytes(const unsigned char* bytes) {
  std::uint64_t low = 0, high = 0;
  std::memcpy(&low, bytes, sizeof low);
  std::memcpy(&high, bytes + sizeof low, sizeof high);
  return low ^ (high * 0x9e3779b97f4a7c15ULL);
}

// The key of a cookie value, when it is 32 hex digits. Decoded here rather than with
// sodium_hex2bin, whose constant-time loop guards secrets: this runs for every page view and
// the cookie is no secret from the reader who sends it.
std::optional<std::uint64_t> CookieKey(std::string_view value) {
  if (value.size() != kCookieBytes * 2) return std::nullopt;
  unsigned char bytes[kCookieBytes];
  for (size_t i = 0; i < kCookieBytes; ++i) {
    const int high = HexDigit(value[2 * i]);
    const int low = HexDigit(value[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[i] = static_cast<unsigned char>(high << 4 | low);
  }
  return KeyOfBytes(bytes);
}

// A fresh cookie's bytes into `out`. Random bytes are drawn a page at a time per thread: one
// getrandom() call per 256 new visitors instead of one each.
void FreshCookieBytes(unsigned char* out) {
  constexpr size_t kBatch = 256;
  thread_local unsigned char pool[kBatch * kCookieBytes];
  thread_local size_t used = kBatch;
  if (used == kBatch) {
    randombytes_buf(pool, sizeof pool);
    used = 0;
  }
  unsigned char* fresh = pool + used++ * kCookieBytes;
  std::memcpy(out, fresh, kCookieBytes);
  sodium_memzero(fresh, kCookieBytes);
}

}  // namespace

std::string Visitor::Id() const {
  return (hashed ? "h" : "c") + Hex(reinterpret_cast<const unsigned char*>(&key), sizeof key);
}

VisitorIdentifier::VisitorIdentifier() {
  SINMUN_CHECK(sodium_init() >= 0);
  randombytes_buf(secret_.data(), secret_.size());
  static std::atomic<std::uint64_t> instances{0};
  instance_ = ++instances;
}

Visitor VisitorIdentifier::Identify(const std::optional<std::string>& cookie,
                                    std::string_view address, std::string_view user_agent,
                                    Timestamp now) const {
  Visitor visitor;
  if (cookie) {
    if (std::optional<std::uint64_t> key = CookieKey(*cookie)) {
      visitor.key = *key;
      return visitor;
    }
  }
  // The day's salt: a keyed hash of the UTC day number, so yesterday's keys cannot be
  // recomputed today and no table of addresses could be built from stored keys. Each thread
  // keeps the one of its current day.
  struct DaySalt {
    std::uint64_t owner = 0;
    std::int64_t day = -1;
    unsigned char salt[crypto_shorthash_KEYBYTES];
  };
  thread_local DaySalt cached;
  const std::int64_t day = now / 86400;
  if (cached.owner != instance_ || cached.day != day) {
    crypto_generichash(cached.salt, sizeof cached.salt,
                       reinterpret_cast<const unsigned char*>(&day), sizeof day, secret_.data(),
                       secret_.size());
    cached.owner = instance_;
    cached.day = day;
  }
  // SipHash-2-4 keyed with the salt: a pseudorandom function made for short inputs, as
  // private as the keyed BLAKE2b it replaced (8 bytes out either way, under a secret key) at
  // a fraction of its cost. The hash runs for every view of a reader without the cookie,
  // twice (the view and the page's banners): BLAKE2b was 8 % of a cached article's CPU then.
  thread_local std::string text;  // kept: no allocation per view
  text.assign(address);
  text.push_back('\0');
  text.append(user_agent);
  unsigned char key[crypto_shorthash_BYTES];
  crypto_shorthash(key, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                   cached.salt);
  static_assert(sizeof key == sizeof visitor.key);
  std::memcpy(&visitor.key, key, sizeof visitor.key);
  visitor.hashed = true;
  // The new cookie's key from its bytes: decoding the hex just made was 1.5 % of a cached
  // article's CPU for readers without the cookie yet (issue #14's load sends none).
  unsigned char fresh[kCookieBytes];
  FreshCookieBytes(fresh);
  visitor.new_cookie = Hex(fresh, kCookieBytes);
  visitor.cookie_key = KeyOfBytes(fresh);
  sodium_memzero(fresh, sizeof fresh);
  return visitor;
}

std::string VisitorIdentifier::SetCookieHeader(std::string_view value) {
  return fmt::format("{}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax", kVisitorCookie, value,
                     kVisitorCookieDays * 86400);
}

}  // namespace sinmun::counters
