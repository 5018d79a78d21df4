#include "ads/click_signer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/check.hpp"

namespace sinmun::ads {
namespace {

// The signed message: the id in decimal, a newline (never part of an id or a URL), the target.
// `keyed`: a crypto_auth_hmacsha256_state after crypto_auth_hmacsha256_init with the key.
void Mac(const unsigned char* keyed, store::AdCampaignId id, std::string_view target,
         unsigned char out[crypto_auth_hmacsha256_BYTES]) {
  crypto_auth_hmacsha256_state state;
  std::memcpy(&state, keyed, sizeof state);
  const std::string head = fmt::format("{}\n", id);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(head.data()),
                                head.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(target.data()),
                                target.size());
  crypto_auth_hmacsha256_final(&state, out);
}

Result<ClickSigner> WriteNewKey(const std::string& path) {
  std::array<unsigned char, ClickSigner::kKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  }
  const bool written =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", path));
  return ClickSigner(key);
}

}  // namespace

Result<ClickSigner> ClickSigner::FromKeyFile(const std::string& path) {
  SINMUN_CHECK(sodium_init() >= 0);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0) return WriteNewKey(path);
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot read {}", path));
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != kKeyBytes) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("{} holds {} bytes, not a {}-byte key", path, bytes.size(), kKeyBytes));
  }
  std::array<unsigned char, kKeyBytes> key{};
  std::memcpy(key.data(), bytes.data(), kKeyBytes);
  return ClickSigner(key);
}

ClickSigner::ClickSigner(const std::array<unsigned char, kKeyBytes>& key) {
  static_assert(sizeof(crypto_auth_hmacsha256_state) == kKeyedStateBytes &&
                alignof(crypto_auth_hmacsha256_state) <= 8);
  SINMUN_CHECK(sodium_init() >= 0);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  std::memcpy(keyed_state_.data(), &state, sizeof state);
  sodium_memzero(&state, sizeof state);
}

std::string ClickSigner::Sign(store::AdCampaignId campaign, std::string_view target) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  Mac(keyed_state_.data(), campaign, target, mac);
  std::string hex(sizeof mac * 2, '\0');
  sodium_bin2hex(hex.data(), hex.size() + 1, mac, sizeof mac);
  return hex;
}

bool ClickSigner::Verify(store::AdCampaignId campaign, std::string_view target,
                         std::string_view signature) const {
  unsigned char sent[crypto_auth_hmacsha256_BYTES];
  std::size_t length = 0;
  if (signature.size() != sizeof sent * 2 ||
      sodium_hex2bin(sent, sizeof sent, signature.data(), signature.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != sizeof sent) {
    return false;
  }
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  Mac(keyed_state_.data(), campaign, target, expected);
  return sodium_memcmp(sent, expected, sizeof sent) == 0;
}

}  // namespace sinmun::ads
