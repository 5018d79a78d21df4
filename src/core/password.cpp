#include "core/password.hpp"

#include <sodium.h>

#include <array>

#include "core/check.hpp"

namespace sinmun {
namespace {

static_assert(kAccountPasswordCost.passes == crypto_pwhash_OPSLIMIT_INTERACTIVE &&
              kAccountPasswordCost.memory_bytes == crypto_pwhash_MEMLIMIT_INTERACTIVE);
static_assert(kCommentPasswordCost.passes >= crypto_pwhash_OPSLIMIT_MIN &&
              kCommentPasswordCost.memory_bytes >= crypto_pwhash_MEMLIMIT_MIN);

// sodium_init is thread safe and idempotent, but must run before anything else of sodium.
void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  SINMUN_CHECK(ready);
}

const std::string& DummyHash() {
  // Hashed once, from a password nobody knows: verifying against it costs what a real
  // verification costs.
  static const std::string hash = [] {
    EnsureSodium();
    std::array<char, 33> secret{};
    randombytes_buf(secret.data(), secret.size() - 1);
    Result<std::string> hashed = HashPassword(std::string_view(secret.data(), 32));
    SINMUN_CHECK(hashed.has_value());
    return *hashed;
  }();
  return hash;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  SINMUN_CHECK(cost.passes >= crypto_pwhash_OPSLIMIT_MIN &&
               cost.memory_bytes >= crypto_pwhash_MEMLIMIT_MIN);
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.passes,
                            cost.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kInternal, "argon2id: out of memory");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  // crypto_pwhash_str_verify wants a NUL-terminated string.
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password) { (void)VerifyPassword(DummyHash(), password); }

}  // namespace sinmun
