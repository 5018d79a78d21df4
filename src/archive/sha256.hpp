#pragma once
// SHA-256 of data as it goes by (libsodium), for the checksums of backups and paper dumps.
// Internal to src/archive/ (libsodium stays inside the module). Thread safety: none.

#include <sodium.h>

#include <cstddef>
#include <string>

#include "core/check.hpp"

namespace sinmun::archive {

class Sha256 {
 public:
  Sha256() {
    SINMUN_CHECK(sodium_init() >= 0);  // idempotent; picks the fastest code for this CPU
    crypto_hash_sha256_init(&state_);
  }
  void Add(const void* data, std::size_t size) {
    crypto_hash_sha256_update(&state_, static_cast<const unsigned char*>(data), size);
  }
  // Lowercase hex. REQUIRES: called once, last.
  std::string Hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

 private:
  crypto_hash_sha256_state state_;
};

}  // namespace sinmun::archive
