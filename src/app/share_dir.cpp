#include "app/share_dir.hpp"

#include <cstdlib>
#include <filesystem>

namespace sinmun::app {
namespace fs = std::filesystem;

namespace {
bool HasTemplates(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_directory(dir / "templates", ec);
}
}  // namespace

std::string FindShareDir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return HasTemplates(explicit_dir) ? explicit_dir : "";
  if (const char* env = std::getenv("SINMUN_SHARE"); env != nullptr && HasTemplates(env))
    return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const fs::path& candidate :
       {exe.parent_path().parent_path(), exe.parent_path().parent_path() / "share" / "sinmun"}) {
    if (HasTemplates(candidate)) return candidate.string();
  }
  return "";
}

}  // namespace sinmun::app
