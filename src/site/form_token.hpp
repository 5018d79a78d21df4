#pragma once
// Private to site/: the token a public form carries ("e-mail this article", comments), so
// that a form is only taken back from a page we served, and not sooner than a person could
// fill it in. "{issued}.{signature}", signed for one purpose and one article.

#include <cstdint>
#include <string>
#include <string_view>

#include "ads/click_signer.hpp"
#include "core/time.hpp"

namespace sinmun::site {

// A form shown longer ago than this is refused with a fresh one to send again.
inline constexpr Timestamp kFormTokenLifetime = 24 * 3600;

// `purpose` tells the forms apart ("email-form", "comment-form"): one form's token does not
// open another.
std::string FormToken(const ads::ClickSigner& signer, std::string_view purpose,
                      std::int64_t article, Timestamp issued);

enum class TokenCheck { kGood, kBad, kTooSoon };

TokenCheck CheckFormToken(const ads::ClickSigner& signer, std::string_view purpose,
                          std::int64_t article, std::string_view token, Timestamp now,
                          int min_fill_seconds);

}  // namespace sinmun::site
