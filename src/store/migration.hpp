#pragma once
// A numbered schema change, compiled into the binary from a backend's migrations/*.sql
// (see embed_migrations.cmake). Each backend applies its list in order at start-up, one
// transaction per migration, and records the applied versions in schema_migrations.

#include <span>
#include <string_view>

namespace sinmun::store {

struct Migration {
  int version;            // 1, 2, … from the file name 0001_initial.sql
  std::string_view name;  // the file name, for logs
  std::string_view sql;   // one or more statements
};

namespace sqlite {
// The SQLite migrations in version order. Generated at build time.
std::span<const Migration> Migrations();
}  // namespace sqlite

namespace postgres {
// The PostgreSQL migrations in version order. Generated at build time.
std::span<const Migration> Migrations();
}  // namespace postgres

}  // namespace sinmun::store
