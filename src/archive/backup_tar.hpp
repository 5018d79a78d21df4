#pragma once
// The file `sinmun backup` writes: a POSIX tar (ustar) of regular files, written and read here
// in a few dozen lines rather than with a library (docs/DESIGN.md, "Backups"). Any `tar`
// lists and extracts it, so an operator can always get at the files by hand. Each file's
// SHA-256 (libsodium) is computed as it streams through, for the manifest and its check.
//
// Thread safety: none; one writer or reader per stream.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sinmun::archive {

struct TarEntry {
  std::string name;  // relative, '/'-separated
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

// Appends files to an open stream as tar entries (mode 0600). Finish() writes the
// end-of-archive blocks; the caller flushes and syncs the stream.
class TarWriter {
 public:
  explicit TarWriter(std::FILE* out) : out_(out) {}

  // The file at `source` as the entry `name` (at most 255 bytes, no "..").
  Result<TarEntry> AddFile(const std::string& name, const std::string& source);
  // `data` as the entry `name`.
  Result<TarEntry> AddText(const std::string& name, const std::string& data);
  Result<> Finish();

 private:
  Result<> Header(const std::string& name, std::uint64_t size);
  Result<> Pad(std::uint64_t size);

  std::FILE* out_;
};

// Extracts every regular file of the tar stream `in` below `folder` (which exists), creating
// subfolders, each file mode 0600 and synced. Returns the entries in archive order.
// kInvalidInput for an entry that is not a regular file or folder, a name that is absolute or
// holds "..", a header whose checksum is wrong, or a stream that ends before the
// end-of-archive blocks (a truncated file); kUnavailable when `folder` cannot be written.
Result<std::vector<TarEntry>> ExtractTar(std::FILE* in, const std::string& folder);

// fsync of a folder, so that the names created or renamed in it survive a power cut.
Result<> SyncFolder(const std::string& folder);

}  // namespace sinmun::archive
