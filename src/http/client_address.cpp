#include "http/client_address.hpp"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <optional>

namespace sinmun::http {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An address as 16 bytes, IPv4 mapped into IPv6 so one comparison covers both.
std::optional<std::array<std::uint8_t, 16>> Bytes(std::string_view text) {
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v4()) {
    return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, address.to_v4()).to_bytes();
  }
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d already.
  return v6.to_bytes();
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies proxies;
  while (!list.empty()) {
    const size_t end = list.find_first_of(", ");
    const std::string_view entry = list.substr(0, end);
    list = end == std::string_view::npos ? std::string_view() : list.substr(end + 1);
    if (entry.empty()) continue;
    const size_t slash = entry.find('/');
    const std::optional<std::array<std::uint8_t, 16>> bytes = Bytes(entry.substr(0, slash));
    auto bad = [&] {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("trusted proxy '{}' is not an IP address or network like "
                              "10.0.0.0/8",
                              entry));
    };
    if (!bytes) return bad();
    const bool v4 = entry.substr(0, slash).find(':') == std::string_view::npos;
    int prefix = 128;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      if (digits.empty() || digits.size() > 3) return bad();
      prefix = 0;
      for (const char c : digits) {
        if (c < '0' || c > '9') return bad();
        prefix = prefix * 10 + (c - '0');
      }
      if (prefix > (v4 ? 32 : 128)) return bad();
      if (v4) prefix += 96;
    }
    proxies.networks_.push_back(Network{*bytes, prefix});
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  const std::optional<std::array<std::uint8_t, 16>> bytes = Bytes(Trim(address));
  if (!bytes) return false;
  for (const Network& network : networks_) {
    int bits = network.prefix_bits;
    bool match = true;
    for (size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      match = ((*bytes)[i] & mask) == (network.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::ClientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const {
  if (networks_.empty() || forwarded_for.empty() || !Contains(peer)) return std::string(peer);
  std::string_view client = peer;
  while (!forwarded_for.empty()) {
    const size_t comma = forwarded_for.rfind(',');
    const std::string_view entry =
        Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!Bytes(entry)) break;
    client = entry;
    if (!Contains(entry)) break;
  }
  return std::string(client);
}

}  // namespace sinmun::http
