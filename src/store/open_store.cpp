#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace sinmun::store {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  constexpr std::string_view kSqliteScheme = "sqlite:";
  if (url.starts_with(kSqliteScheme)) {
    std::string path(url.substr(kSqliteScheme.size()));
    if (path.empty()) return Fail(ErrorCode::kInvalidInput, "sqlite: URL without a file path");
    // sqlite:DIR names a paper's data folder, whose store is DIR/sinmun.db.
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
      path = (std::filesystem::path(path) / "sinmun.db").string();
    }
    Result<std::unique_ptr<sqlite::SqliteStore>> store = sqlite::SqliteStore::Open(path);
    if (!store) return tl::unexpected(store.error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    Result<std::unique_ptr<postgres::PgStore>> store = postgres::PgStore::Open(std::string(url));
    if (!store) return tl::unexpected(store.error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  return Fail(ErrorCode::kInvalidInput,
              fmt::format("unknown store URL {:?}; expected sqlite:/path/to/sinmun.db or "
                          "postgres://user@host:port/database",
                          url));
}

}  // namespace sinmun::store
