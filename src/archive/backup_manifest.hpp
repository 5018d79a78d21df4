#pragma once
// The manifest of a `sinmun backup` file: its last entry, sinmun-backup.json, listing every
// other entry with its size and SHA-256. Format (version 1):
//   {"format": "sinmun-backup", "version": 1, "created_at": "2026-12-05T12:00:00Z",
//    "files": [{"path": "sinmun.db", "size": 123, "sha256": "…"}, …]}
// A reader refuses a version it does not know.

#include <string>
#include <vector>

#include "archive/backup_tar.hpp"
#include "core/error.hpp"

namespace sinmun::archive {

inline constexpr char kManifestName[] = "sinmun-backup.json";
inline constexpr int kManifestVersion = 1;

std::string ManifestJson(const std::vector<TarEntry>& files, const std::string& created_at);

// The files a manifest lists. kInvalidInput when it is not JSON, not a sinmun backup's
// manifest, or of another version.
Result<std::vector<TarEntry>> ParseManifest(const std::string& json);

// Compares what was extracted (the manifest's own entry included or not) with the manifest:
// the same names, sizes and checksums. kInvalidInput naming the first difference.
Result<> CheckAgainstManifest(const std::vector<TarEntry>& extracted,
                              const std::vector<TarEntry>& manifest);

}  // namespace sinmun::archive
