#include "site/comment_password.hpp"

#include "ads/click_signer.hpp"
#include "core/password.hpp"

namespace sinmun::site {
namespace {

// The tag of the peppered form. The old form is libsodium's own string, which starts with
// "$argon2id$", so neither can be taken for the other; a later change of key or cost gets a
// tag of its own ("p2$…") and the old ones keep verifying.
constexpr std::string_view kPepperedTag = "p1";

// The password keyed with the paper's secret: 64 hex digits of an HMAC-SHA-256, under a
// label of its own so that it is never the same as any other signature the key makes.
std::string Peppered(const ads::ClickSigner& key, std::string_view password) {
  std::string message = "comment-password\n";
  message += password;
  return key.Sign(0, message);
}

}  // namespace

Result<std::string> HashCommentPassword(const ads::ClickSigner& key, std::string_view password) {
  Result<std::string> hash = HashPassword(Peppered(key, password), kCommentPasswordCost);
  if (!hash) return hash;
  return std::string(kPepperedTag) + *hash;
}

bool VerifyCommentPassword(const ads::ClickSigner& key, std::string_view stored,
                           std::string_view password) {
  if (stored.starts_with(kPepperedTag) && stored.substr(kPepperedTag.size()).starts_with('$')) {
    return VerifyPassword(stored.substr(kPepperedTag.size()), Peppered(key, password));
  }
  return VerifyPassword(stored, password);
}

}  // namespace sinmun::site
