// Query strings, form bodies (application/x-www-form-urlencoded), cookies and percent-coding,
// as every handler reads them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& [key, value] : sinmun::http::ParseQuery(text)) {
    // What was decoded encodes and decodes back to itself.
    const auto again = sinmun::http::PercentDecode(sinmun::http::PercentEncode(value), false);
    if (!again || *again != value) __builtin_trap();
    (void)key;
  }
  (void)sinmun::http::PercentDecode(text, true);
  sinmun::http::Request request;
  request.headers.emplace_back("cookie", std::string(text));
  (void)request.Cookie("sinmun_session");
  (void)request.Cookie("sinmun_v");
  request.query = sinmun::http::ParseQuery(text);
  (void)request.Query("q");
  return 0;
}
