// sinmun.toml as an operator (or a botched deploy) may leave it: any text gives a Config or
// an error value, never a crash or an escaping exception.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // LoadConfig reads a path: one temporary file per process, rewritten for each input.
  static const std::string path = [] {
    char name[] = "/tmp/sinmun-config-fuzz-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd >= 0) ::close(fd);
    return std::string(name);
  }();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  const auto config = sinmun::LoadConfig(path);
  if (config) {
    (void)sinmun::ParseListen(config->listen);
    (void)sinmun::PlainHttpOnLoopback(*config);
  }
  return 0;
}
