#pragma once
// Comment bans (issue #16): a moderator bars a visitor (their cookie id), an address (its
// keyed hash) or an address range (CIDR, IPv4 or IPv6) from posting comments, for a while or
// for good. No raw address is stored: a range is kept as its first and last address, which
// the moderator typed; a single address only as a hash.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using CommentBanId = std::int64_t;

enum class BanKind { kVisitor, kAddress, kRange };
// "visitor", "address", "range": the stored names, also the forms' values.
std::string_view BanKindName(BanKind kind);
std::optional<BanKind> ParseBanKind(std::string_view name);

struct NewCommentBan {
  BanKind kind = BanKind::kVisitor;
  // kVisitor: a cookie id ("c…"); kAddress: an address hash ("a…"); kRange: the CIDR as typed.
  std::string target;
  // kRange only: the range's first and last address as 32 lower-case hex digits of the IPv6
  // form (IPv4 mapped into ::ffff:0:0/96; core/address_range.hpp).
  std::string range_low;
  std::string range_high;
  std::string reason;  // the moderator's note, shown on the bans page
  std::optional<std::int64_t> created_by;
  Timestamp created_at = 0;
  std::optional<Timestamp> expires_at;  // nullopt: permanent
};

struct CommentBan : NewCommentBan {
  CommentBanId id = 0;
  std::optional<Timestamp> lifted_at;
  std::optional<std::int64_t> lifted_by;
};

// Who is posting, as a ban can name them; an empty field matches no ban.
struct BanSubject {
  std::string visitor;       // the cookie id
  std::string address_hash;  // the keyed hash of the address
  std::string address_hex;   // the address as 32 hex digits (never stored)
};

using CommentBanPage = ItemPage<CommentBan>;

class CommentBans {
 public:
  virtual ~CommentBans() = default;

  // Stores a ban. kInvalidInput for an empty target, a range without both ends (or ends in
  // the wrong order, or not 32 hex digits), or an expiry not after created_at.
  virtual Result<CommentBanId> PutCommentBan(const NewCommentBan& ban) = 0;

  // Lifts a ban that is not lifted yet; returns it as it was. kNotFound when there is no such
  // ban or it was lifted already. An expired ban can be lifted (it changes nothing but the
  // list).
  virtual Result<CommentBan> LiftCommentBan(CommentBanId id, std::optional<std::int64_t> by,
                                            Timestamp at) = 0;

  // The bans page: with `current_only`, the bans in force at `now` (neither lifted nor
  // expired); else every ban. Newest first.
  virtual Result<CommentBanPage> CommentBansList(bool current_only, Timestamp now,
                                                 Page page) const = 0;

  // The ban in force at `now` that names `subject` (the one that ends last), or nullopt.
  virtual Result<std::optional<CommentBan>> BanInForce(const BanSubject& subject,
                                                       Timestamp now) const = 0;
};

}  // namespace sinmun::store
