#pragma once
// Signs banner click addresses, so that /ad/click/{campaign}?to=… is never an open redirect:
// the signature is an HMAC-SHA-256 (libsodium) of the campaign id and the target URL under a
// 32-byte key kept in the data folder (DIR/ads.key, made on first start), so links stay
// valid across restarts and on every node that shares the folder's key.
// Thread safety: const methods from any thread.

#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/ad_records.hpp"

namespace sinmun::ads {

class ClickSigner {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the key at `path`, or writes a new random one there (mode 0600) when the file does
  // not exist. kUnavailable when it cannot be read or written; kInvalidInput when the file
  // does not hold exactly kKeyBytes bytes.
  static Result<ClickSigner> FromKeyFile(const std::string& path);

  explicit ClickSigner(const std::array<unsigned char, kKeyBytes>& key);

  // 64 lower-case hex digits.
  std::string Sign(store::AdCampaignId campaign, std::string_view target) const;
  // True when `signature` is Sign(campaign, target) (compared in constant time).
  bool Verify(store::AdCampaignId campaign, std::string_view target,
              std::string_view signature) const;

 private:
  // libsodium's crypto_auth_hmacsha256_state once the key is absorbed (the key's two padded
  // blocks hashed): each signature starts from a copy of it instead of hashing them again,
  // about half of a signature's work. Every article miss signs its comment form's token.
  static constexpr std::size_t kKeyedStateBytes = 208;
  alignas(8) std::array<unsigned char, kKeyedStateBytes> keyed_state_{};
};

}  // namespace sinmun::ads
