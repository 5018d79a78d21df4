#include "archive/backup_manifest.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace sinmun::archive {

using nlohmann::json;

std::string ManifestJson(const std::vector<TarEntry>& files, const std::string& created_at) {
  json list = json::array();
  for (const TarEntry& file : files) {
    list.push_back({{"path", file.name}, {"size", file.size}, {"sha256", file.sha256}});
  }
  const json manifest = {{"format", "sinmun-backup"},
                         {"version", kManifestVersion},
                         {"created_at", created_at},
                         {"files", list}};
  return manifest.dump(2) + "\n";
}

Result<std::vector<TarEntry>> ParseManifest(const std::string& text) {
  const json manifest = json::parse(text, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != "sinmun-backup" ||
      !manifest.contains("files") || !manifest["files"].is_array()) {
    return Fail(ErrorCode::kInvalidInput, "its manifest is unreadable");
  }
  if (manifest.value("version", 0) != kManifestVersion) {
    return Fail(ErrorCode::kInvalidInput,
                fmt::format("it is backup format version {}; this sinmun reads version {}",
                            manifest.value("version", 0), kManifestVersion));
  }
  std::vector<TarEntry> files;
  for (const json& file : manifest["files"]) {
    if (!file.is_object() || !file.contains("path") || !file["path"].is_string() ||
        !file.contains("size") || !file["size"].is_number_unsigned() || !file.contains("sha256") ||
        !file["sha256"].is_string()) {
      return Fail(ErrorCode::kInvalidInput,
                  "its manifest lists a file without path, size or sha256");
    }
    files.push_back({file["path"].get<std::string>(), file["size"].get<std::uint64_t>(),
                     file["sha256"].get<std::string>()});
  }
  return files;
}

Result<> CheckAgainstManifest(const std::vector<TarEntry>& extracted,
                              const std::vector<TarEntry>& manifest) {
  std::map<std::string, const TarEntry*> listed;
  for (const TarEntry& file : manifest) listed[file.name] = &file;
  std::size_t seen = 0;
  for (const TarEntry& file : extracted) {
    if (file.name == kManifestName) continue;
    const auto it = listed.find(file.name);
    if (it == listed.end()) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("{} is in the file but not in its manifest", file.name));
    }
    if (it->second->size != file.size || it->second->sha256 != file.sha256) {
      return Fail(ErrorCode::kInvalidInput,
                  fmt::format("the SHA-256 of {} differs from its manifest's", file.name));
    }
    ++seen;
  }
  if (seen != listed.size()) {
    for (const TarEntry& file : manifest) {
      const bool found = std::any_of(extracted.begin(), extracted.end(),
                                     [&](const TarEntry& e) { return e.name == file.name; });
      if (!found) {
        return Fail(ErrorCode::kInvalidInput,
                    fmt::format("{} is in its manifest but missing from the file", file.name));
      }
    }
  }
  return {};
}

}  // namespace sinmun::archive
