#include "archive/backup_tar.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

#include "archive/sha256.hpp"

namespace sinmun::archive {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlock = 512;
constexpr std::size_t kChunk = 1 << 16;
// Offsets of the ustar header's fields (POSIX.1-1988, pax(1) "ustar Interchange Format").
constexpr std::size_t kName = 0, kMode = 100, kSize = 124, kMtime = 136, kChecksum = 148,
                      kType = 156, kMagic = 257, kPrefix = 345;

using Block = std::array<unsigned char, kBlock>;

void PutOctal(Block& block, std::size_t at, std::size_t width, std::uint64_t value) {
  const std::string text = fmt::format("{:0{}o}", value, width - 1);
  std::memcpy(&block[at], text.data(), width - 1);
}

std::uint64_t Checksum(const Block& block) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    sum += (i >= kChecksum && i < kChecksum + 8) ? ' ' : block[i];
  }
  return sum;
}

// A numeric field: octal digits, or GNU tar's base-256 (first byte 0x80) for sizes from
// 8 GiB, which octal's 11 digits cannot hold.
std::optional<std::uint64_t> GetNumber(const Block& block, std::size_t at, std::size_t width) {
  std::uint64_t value = 0;
  if (block[at] == 0x80) {
    for (std::size_t i = at + 1; i < at + width; ++i) value = (value << 8) | block[i];
    return value;
  }
  std::size_t i = at;
  while (i < at + width && block[i] == ' ') ++i;
  bool digits = false;
  for (; i < at + width && block[i] >= '0' && block[i] <= '7'; ++i, digits = true) {
    value = value * 8 + (block[i] - '0');
  }
  if (!digits || (i < at + width && block[i] != 0 && block[i] != ' ')) return std::nullopt;
  return value;
}

bool SafeName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.size() > 255) return false;
  for (const fs::path& part : fs::path(name)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

struct CloseFd {
  int fd;
  ~CloseFd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<> TarWriter::Header(const std::string& name, std::uint64_t size) {
  if (!SafeName(name)) return Fail(ErrorCode::kInvalidInput, fmt::format("bad name {}", name));
  Block block{};
  std::string prefix;
  std::string rest = name;
  if (name.size() > 100) {
    // ustar keeps a long name as prefix + '/' + name, cut at a slash.
    const std::size_t slash = name.find('/', name.size() - 101);
    if (slash == std::string::npos || slash > 155) {
      return Fail(ErrorCode::kInvalidInput, fmt::format("name too long for tar: {}", name));
    }
    prefix = name.substr(0, slash);
    rest = name.substr(slash + 1);
  }
  std::memcpy(&block[kName], rest.data(), rest.size());
  std::memcpy(&block[kPrefix], prefix.data(), prefix.size());
  PutOctal(block, kMode, 8, 0600);
  PutOctal(block, kMode + 8, 8, 0);   // uid
  PutOctal(block, kMode + 16, 8, 0);  // gid
  if (size < (std::uint64_t{1} << 33)) {
    PutOctal(block, kSize, 12, size);
  } else {
    block[kSize] = 0x80;
    for (std::size_t i = 0; i < 8; ++i) block[kSize + 11 - i] = (size >> (8 * i)) & 0xff;
  }
  PutOctal(block, kMtime, 12, static_cast<std::uint64_t>(::time(nullptr)));
  block[kType] = '0';
  std::memcpy(&block[kMagic],
              "ustar\0"
              "00",
              8);
  PutOctal(block, kChecksum, 7, Checksum(block));
  block[kChecksum + 7] = ' ';
  if (std::fwrite(block.data(), 1, kBlock, out_) != kBlock) {
    return Fail(ErrorCode::kUnavailable, "cannot write the backup file");
  }
  return {};
}

Result<> TarWriter::Pad(std::uint64_t size) {
  static const Block kZeros{};
  const std::size_t pad = (kBlock - size % kBlock) % kBlock;
  if (std::fwrite(kZeros.data(), 1, pad, out_) != pad) {
    return Fail(ErrorCode::kUnavailable, "cannot write the backup file");
  }
  return {};
}

Result<TarEntry> TarWriter::AddFile(const std::string& name, const std::string& source) {
  const CloseFd file{::open(source.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info {};
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot read {}", source));
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (Result<> header = Header(name, size); !header) return tl::unexpected(header.error());
  Sha256 sha;
  std::vector<char> buffer(kChunk);
  for (std::uint64_t left = size; left > 0;) {
    const ssize_t n = ::read(file.fd, buffer.data(), std::min<std::uint64_t>(left, kChunk));
    if (n <= 0) {
      return Fail(ErrorCode::kUnavailable,
                  fmt::format("cannot read {} (did it shrink while being copied?)", source));
    }
    sha.Add(buffer.data(), static_cast<std::size_t>(n));
    if (std::fwrite(buffer.data(), 1, static_cast<std::size_t>(n), out_) !=
        static_cast<std::size_t>(n)) {
      return Fail(ErrorCode::kUnavailable, "cannot write the backup file");
    }
    left -= static_cast<std::uint64_t>(n);
  }
  if (Result<> padded = Pad(size); !padded) return tl::unexpected(padded.error());
  return TarEntry{name, size, sha.Hex()};
}

Result<TarEntry> TarWriter::AddText(const std::string& name, const std::string& data) {
  if (Result<> header = Header(name, data.size()); !header) return tl::unexpected(header.error());
  if (std::fwrite(data.data(), 1, data.size(), out_) != data.size()) {
    return Fail(ErrorCode::kUnavailable, "cannot write the backup file");
  }
  if (Result<> padded = Pad(data.size()); !padded) return tl::unexpected(padded.error());
  Sha256 sha;
  sha.Add(data.data(), data.size());
  return TarEntry{name, data.size(), sha.Hex()};
}

Result<> TarWriter::Finish() {
  static const Block kZeros{};
  for (int i = 0; i < 2; ++i) {
    if (std::fwrite(kZeros.data(), 1, kBlock, out_) != kBlock) {
      return Fail(ErrorCode::kUnavailable, "cannot write the backup file");
    }
  }
  return {};
}

Result<std::vector<TarEntry>> ExtractTar(std::FILE* in, const std::string& folder) {
  const auto truncated = [] {
    return Fail(ErrorCode::kInvalidInput,
                "the file ends too early (truncated, or not a sinmun backup)");
  };
  std::vector<TarEntry> entries;
  std::vector<char> buffer(kChunk);
  Block block;
  for (;;) {
    if (std::fread(block.data(), 1, kBlock, in) != kBlock) return truncated();
    if (std::all_of(block.begin(), block.end(), [](unsigned char c) { return c == 0; })) {
      if (std::fread(block.data(), 1, kBlock, in) != kBlock) return truncated();
      return entries;  // the end-of-archive blocks
    }
    const std::optional<std::uint64_t> checksum = GetNumber(block, kChecksum, 8);
    const std::optional<std::uint64_t> size = GetNumber(block, kSize, 12);
    if (!checksum || *checksum != Checksum(block) || !size ||
        std::memcmp(&block[kMagic], "ustar", 5) != 0) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("damaged tar header after entry {} (not a sinmun backup, or "
                              "corrupted)",
                              entries.size()));
    }
    const auto field = [&](std::size_t at, std::size_t width) {
      const char* start = reinterpret_cast<const char*>(&block[at]);
      return std::string(start, strnlen(start, width));
    };
    const std::string prefix = field(kPrefix, 155);
    const std::string name = prefix.empty() ? field(kName, 100) : prefix + "/" + field(kName, 100);
    const char type = static_cast<char>(block[kType]);
    if (type == '5') continue;  // a folder: made as its files need it
    if ((type != '0' && type != 0) || !SafeName(name)) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("unexpected entry {:?} in the backup file", name));
    }
    const fs::path target = fs::path(folder) / name;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    const CloseFd out{
        ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
    if (ec || out.fd < 0) {
      return Fail(ErrorCode::kUnavailable,
                  fmt::format("cannot write {} (or the backup holds it twice)", target.string()));
    }
    Sha256 sha;
    for (std::uint64_t left = *size; left > 0;) {
      const std::size_t want = std::min<std::uint64_t>(left, kChunk);
      if (std::fread(buffer.data(), 1, want, in) != want) return truncated();
      sha.Add(buffer.data(), want);
      if (::write(out.fd, buffer.data(), want) != static_cast<ssize_t>(want)) {
        return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", target.string()));
      }
      left -= want;
    }
    if (::fsync(out.fd) != 0) {
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot sync {}", target.string()));
    }
    const std::size_t pad = (kBlock - *size % kBlock) % kBlock;
    if (std::fread(buffer.data(), 1, pad, in) != pad) return truncated();
    entries.push_back({name, *size, sha.Hex()});
  }
}

Result<> SyncFolder(const std::string& folder) {
  const CloseFd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0 || ::fsync(dir.fd) != 0) {
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot sync folder {}", folder));
  }
  return {};
}

}  // namespace sinmun::archive
