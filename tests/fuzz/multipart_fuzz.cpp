// multipart/form-data: the Content-Type's boundary and the body, as the article form sends
// them. The input is "<content type>\n<body>".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const auto boundary = sinmun::http::MultipartBoundary(input.substr(0, newline));
  if (!boundary) return 0;
  const std::string_view body = input.substr(newline + 1);
  if (const auto parts = sinmun::http::ParseMultipart(body, *boundary)) {
    for (const sinmun::http::FormPart& part : *parts) {
      // Every part points inside the body it came from.
      if (!part.data.empty() && (part.data.data() < body.data() ||
                                 part.data.data() + part.data.size() > body.data() + body.size())) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
