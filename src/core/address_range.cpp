#include "core/address_range.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace sinmun {
namespace {

using AddressBytes = std::array<unsigned char, 16>;

// The address in its IPv6 form and whether it was written as IPv4.
std::optional<std::pair<AddressBytes, bool>> ParseAddressBytes(std::string_view address) {
  if (address.empty() || address.size() > 45) return std::nullopt;
  const std::string text(address);
  AddressBytes bytes{};
  unsigned char v4[4];
  if (inet_pton(AF_INET, text.c_str(), v4) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    std::copy(v4, v4 + 4, bytes.begin() + 12);
    return std::pair(bytes, true);
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) return std::pair(bytes, false);
  return std::nullopt;
}

std::string AddressBytesHex(const AddressBytes& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(32);
  for (const unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xf];
  }
  return hex;
}

}  // namespace

std::optional<std::string> AddressHex(std::string_view address) {
  const auto parsed = ParseAddressBytes(address);
  if (!parsed) return std::nullopt;
  return AddressBytesHex(parsed->first);
}

std::optional<AddressRange> ParseAddressRange(std::string_view text) {
  const size_t slash = text.find('/');
  const auto parsed = ParseAddressBytes(text.substr(0, slash));
  if (!parsed) return std::nullopt;
  const auto& [bytes, v4] = *parsed;
  const int width = v4 ? 32 : 128;
  int bits = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      return std::nullopt;
    }
  }
  if (bits > width || bits < (v4 ? kMinIpv4RangeBits : kMinIpv6RangeBits)) return std::nullopt;
  // Prefix bits counted over the IPv6 form: an IPv4 prefix sits after the 96 mapped bits.
  const int kept = bits + (v4 ? 96 : 0);
  AddressBytes low = bytes;
  AddressBytes high = bytes;
  for (int bit = kept; bit < 128; ++bit) {
    const auto mask = static_cast<unsigned char>(0x80 >> (bit % 8));
    low[bit / 8] &= static_cast<unsigned char>(~mask);
    high[bit / 8] |= mask;
  }
  char shown[INET6_ADDRSTRLEN] = {};
  if (v4) {
    inet_ntop(AF_INET, low.data() + 12, shown, sizeof shown);
  } else {
    inet_ntop(AF_INET6, low.data(), shown, sizeof shown);
  }
  return AddressRange{.text = std::string(shown) + "/" + std::to_string(bits),
                      .low = AddressBytesHex(low),
                      .high = AddressBytesHex(high)};
}

}  // namespace sinmun
