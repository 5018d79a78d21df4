#pragma once
// Addresses as text that compares like the addresses themselves, for bans of address ranges
// (issue #16): every address becomes the 32 lower-case hex digits of its IPv6 form, an IPv4
// address mapped into ::ffff:0:0/96, so that "is in the range" is low <= hex <= high, which
// a store can test with a plain comparison of text.

#include <optional>
#include <string>
#include <string_view>

namespace sinmun {

// The narrowest ranges a ban may name: /8 for IPv4, /16 for IPv6. Wider ones would bar a
// large part of a country's readers by one typing mistake.
inline constexpr int kMinIpv4RangeBits = 8;
inline constexpr int kMinIpv6RangeBits = 16;

// `address` (IPv4 dotted, or IPv6 text) as 32 hex digits; nullopt when it is not an address.
std::optional<std::string> AddressHex(std::string_view address);

struct AddressRange {
  std::string text;  // canonical CIDR: "211.234.0.0/16", "2001:db8::/32"
  std::string low;   // first address, 32 hex digits
  std::string high;  // last address, 32 hex digits
};

// "211.234.0.0/16", "2001:db8::/32", or a single address ("211.234.10.20" is /32). Bits
// below the prefix are cleared ("211.234.5.6/16" is 211.234.0.0/16). nullopt for anything
// else, and for a prefix wider than kMinIpv4RangeBits / kMinIpv6RangeBits.
std::optional<AddressRange> ParseAddressRange(std::string_view text);

}  // namespace sinmun
