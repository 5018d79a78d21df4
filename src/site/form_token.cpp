#include "site/form_token.hpp"

#include <charconv>

namespace sinmun::site {

std::string FormToken(const ads::ClickSigner& signer, std::string_view purpose,
                      std::int64_t article, Timestamp issued) {
  const std::string when = std::to_string(issued);
  return when + "." + signer.Sign(article, std::string(purpose) + "\n" + when);
}

// A script that posts the form straight away (or forges it) has no such token; one that
// fetches the form first must wait min_fill_seconds per form, like a person typing.
TokenCheck CheckFormToken(const ads::ClickSigner& signer, std::string_view purpose,
                          std::int64_t article, std::string_view token, Timestamp now,
                          int min_fill_seconds) {
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos) return TokenCheck::kBad;
  const std::string_view when = token.substr(0, dot);
  Timestamp issued = 0;
  const auto [end, ec] = std::from_chars(when.data(), when.data() + when.size(), issued);
  if (ec != std::errc() || end != when.data() + when.size()) return TokenCheck::kBad;
  if (!signer.Verify(article, std::string(purpose) + "\n" + std::string(when),
                     token.substr(dot + 1))) {
    return TokenCheck::kBad;
  }
  if (issued > now || now - issued > kFormTokenLifetime) return TokenCheck::kBad;
  if (now - issued < min_fill_seconds) return TokenCheck::kTooSoon;
  return TokenCheck::kGood;
}

}  // namespace sinmun::site
