#pragma once
// multipart/form-data bodies (RFC 7578): what a browser sends for a form with a file input.
// The parts point into the request body (no copies), so a 20 MB upload is not duplicated.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::http {

struct FormPart {
  std::string name;                     // the field name
  std::optional<std::string> filename;  // set for file inputs (may be "" when none was chosen)
  std::string content_type;             // as sent; "" when absent
  std::string_view data;                // the part's bytes, inside the body it was parsed from
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type; nullopt for another type
// or a missing or overlong boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. nullopt when it is not well formed (no closing boundary, a
// part without headers or without a name). REQUIRES: `body` outlives the parts.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body,
                                                    std::string_view boundary);

}  // namespace sinmun::http
