// sinmun.toml as an operator (or a botched deploy) may leave it: any text gives a Config or
// an error value, never a crash or an escaping exception. Parsed from memory by the reader
// LoadConfig uses (writing a file per input held the target to tens of inputs a second).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string kPath = "sinmun.toml";
  const auto config =
      sinmun::ParseConfig(std::string_view(reinterpret_cast<const char*>(data), size), kPath);
  if (config) {
    (void)sinmun::ParseListen(config->listen);
    (void)sinmun::PlainHttpOnLoopback(*config);
  }
  return 0;
}
