#include "newsroom/crypto.hpp"

#include <sodium.h>

#include <array>
#include <cstdlib>

#include "core/check.hpp"

namespace sinmun::newsroom {
namespace {

// sodium_init is thread safe and idempotent, but must run before anything else of sodium.
void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  SINMUN_CHECK(ready);
}

}  // namespace

std::string RandomToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(text.data());
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sinmun::newsroom
