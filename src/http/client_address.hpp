#pragma once
// Who sent a request when the site sits behind load balancers or reverse proxies: their
// address is the peer's, and the reader's is in X-Forwarded-For. The header is believed only
// from configured proxies, read right to left, and its rightmost address that is not itself
// a trusted proxy is the client: a reader cannot pose as someone else by sending the header,
// since every trusted proxy appends what it saw.
// Thread safety: const methods may be called from any thread.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sinmun::http {

class TrustedProxies {
 public:
  // "" trusts nobody. Otherwise addresses or networks separated by commas or spaces:
  // "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8". kInvalidInput naming the first bad entry.
  static Result<TrustedProxies> Parse(std::string_view list);

  bool empty() const { return networks_.empty(); }
  bool Contains(std::string_view address) const;

  // The client's address: `peer` itself unless `peer` is trusted and `forwarded_for` (the
  // X-Forwarded-For header, "" when absent) names addresses; then the rightmost one that is
  // not trusted (or the leftmost when all are). Malformed entries end the walk: the last
  // good address before them counts.
  std::string ClientAddress(std::string_view peer, std::string_view forwarded_for) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix_bits = 0;                   // of the 128
  };
  std::vector<Network> networks_;
};

}  // namespace sinmun::http
