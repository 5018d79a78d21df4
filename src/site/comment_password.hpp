#pragma once
// Private to site/: the password a guest gives with a comment (issue #16), which lets its
// writer edit or delete that one comment. It is hashed apart from newsroom account passwords:
// peppered with a key kept outside the store, then argon2id at core's kCommentPasswordCost
// (about 0.6 ms), so that guests can post hundreds of comments a second while a copy of the
// database alone gives no password up (docs/SECURITY.md has the reasoning).
// Thread safety: both functions may be called from any thread.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sinmun::ads {
class ClickSigner;  // ads/click_signer.hpp
}  // namespace sinmun::ads

namespace sinmun::site {

// What the store keeps: "p1" and the argon2id string of HMAC-SHA-256(key, password), e.g.
// "p1$argon2id$v=19$m=256,t=2,p=1$…". `key` is the paper's token key (DIR/tokens.key), so
// the pepper travels with the data folder's keys and never with the store.
// kInternal when memory runs out.
Result<std::string> HashCommentPassword(const ads::ClickSigner& key, std::string_view password);

// True when `password` is the one `stored` was made from. Takes both forms: "p1$…" as made
// above, and the plain argon2id string at the account limits that comments were posted with
// before (no pepper). False for a wrong password, a hash made under another key, a malformed
// or empty hash (a comment imported without one).
bool VerifyCommentPassword(const ads::ClickSigner& key, std::string_view stored,
                           std::string_view password);

}  // namespace sinmun::site
