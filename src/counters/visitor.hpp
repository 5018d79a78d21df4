#pragma once
// Who a reader is, for counting each one once: a first-party random cookie (`sinmun_v`), set
// when absent; without it, a keyed hash of address + user agent whose key (salt) is derived
// from a per-process secret and the UTC day, so it rotates daily (and on restart). No address
// is stored anywhere: only the 64-bit key, or a hash of it, leaves this class.
//
// A new reader's first view is counted under the hashed key and the cookie is set with it;
// the next view arrives with the cookie, a different key. So that one reader counts once,
// a hashed Visitor also carries the key its new cookie will have (`cookie_key`), and the
// view counter marks the article as seen under both when the view counts
// (Counters::CountView). Readers that refuse cookies stay on the hashed key.
//
// Thread safety: every method may be called from any thread.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace sinmun::counters {

inline constexpr std::string_view kVisitorCookie = "sinmun_v";
inline constexpr int kVisitorCookieDays = 365;

struct Visitor {
  std::uint64_t key = 0;         // what dedup and one-per-visitor rules compare
  bool hashed = false;           // identified by address + user agent, not by cookie
  std::string new_cookie;        // a fresh cookie value to set; "" when the request had one
  std::uint64_t cookie_key = 0;  // the key requests carrying new_cookie will have; 0 without

  // "c…" (cookie) or "h…" (hashed) and the key in hex: the text persisted rows keep (made
  // only when needed: counting a view, on every page, does not need it).
  std::string Id() const;
};

class VisitorIdentifier {
 public:
  // Draws the secret the daily salt is derived from.
  VisitorIdentifier();

  // `cookie`: the request's sinmun_v value, if any (a malformed one counts as absent).
  Visitor Identify(const std::optional<std::string>& cookie, std::string_view address,
                   std::string_view user_agent, Timestamp now) const;

  // The Set-Cookie header value for `value`: a year, path /, HttpOnly, SameSite=Lax.
  static std::string SetCookieHeader(std::string_view value);

 private:
  std::array<unsigned char, 32> secret_{};
  std::uint64_t instance_ = 0;  // tells threads' cached daily salts of two identifiers apart
};

}  // namespace sinmun::counters
