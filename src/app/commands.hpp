#pragma once
// The sinmun commands. Each returns the process exit code: 0 done, 1 failed while running,
// 2 refused to start (bad arguments, a missing or unwritable data folder, a port in use).

#include <cstdint>
#include <string>

namespace sinmun::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct ServeOptions {
  std::string data_dir;
  std::string store_url;   // --store: overrides the config file when set
  std::string listen;      // overrides the config file when set
  std::string share_dir;   // templates/static/messages; found next to the binary when empty
  int threads = -1;        // overrides the config file when >= 0
  std::string redis_url;   // overrides [redis] url when set
  std::string search_dir;  // overrides [search] dir when set
};
int Serve(const ServeOptions& options);

struct DemoOptions {
  std::string data_dir;
  std::string store_url;  // --store: overrides the config file when set
  std::int64_t articles = 2000;
  std::uint64_t seed = 1;
};
int Demo(const DemoOptions& options);

// `sinmun reindex`: rebuilds DIR/search from the store and switches to it atomically.
struct ReindexOptions {
  std::string data_dir;
  std::string search_dir;  // overrides [search] dir when set
  std::string store_url;   // --store: overrides the config file when set
};
int Reindex(const ReindexOptions& options);

// `sinmun export articles`: published articles registered from `from` to `to` (KST dates,
// YYYY-MM-DD, both inclusive) as CSV (RFC 4180, CRLF, optional UTF-8 BOM) or a JSON array,
// on stdout. Columns: link, headline, reporter, registered_at, section.
struct ExportOptions {
  std::string data_dir;
  std::string store_url;  // --store: overrides the config file when set
  std::string from;
  std::string to;
  std::string format = "csv";
  bool bom = false;
  bool press_releases = false;  // --press-releases: send 보도자료 too (issue #18)
};
int ExportArticles(const ExportOptions& options);

// `sinmun user add`: a newsroom account. The password comes from the first line of
// password_file, or is asked twice on the terminal without echo. Exit 2 for a bad role or
// e-mail, a taken e-mail, a short password or no way to read one.
struct UserAddOptions {
  std::string data_dir;
  std::string store_url;  // --store: overrides the config file when set
  std::string email;
  std::string name;
  std::string role;
  std::int64_t reporter_id = 0;  // the byline the account writes as; 0: none
  std::string password_file;
};
int UserAdd(const UserAddOptions& options);

// `sinmun user passwd`: sets a new password (as above) and ends the account's sessions.
struct UserPasswdOptions {
  std::string data_dir;
  std::string store_url;  // --store: overrides the config file when set
  std::string email;
  std::string password_file;
};
int UserPasswd(const UserPasswdOptions& options);

// `sinmun migrate`: copies the paper at `from` (sqlite:DIR or sqlite:FILE) into `to`
// (postgres://…), then compares row counts and checksums of every table. Safe to run again.
// Exit 1 when a table differs after the copy.
struct MigrateOptions {
  std::string from;
  std::string to;
};
int Migrate(const MigrateOptions& options);

// `sinmun backup`: one file (a tar with a SHA-256 manifest, app/backup_archive.hpp) holding a
// consistent snapshot of the SQLite store, the uploads, sinmun.toml and the key files, written
// while `serve` runs. The file is mode 0600 and appears only once complete and synced. Exit 2
// for a folder without a paper or a PostgreSQL store (pg_dump or `export paper`,
// docs/DEPLOY.md).
struct BackupOptions {
  std::string data_dir;
  std::string to;
};
int Backup(const BackupOptions& options);

// `sinmun restore`: a backup file into a new data folder (missing or empty), after checking
// every file's SHA-256 and the store's integrity; rebuilds the search index. Exit 2, leaving
// nothing behind, for a damaged or truncated backup or a folder that already holds files.
struct RestoreOptions {
  std::string from;
  std::string data_dir;
};
int Restore(const RestoreOptions& options);

// `sinmun export paper --to OUT` / `sinmun import paper --from OUT`: the whole paper as a
// versioned folder (archive/paper_dump.hpp). Export refuses an existing OUT; import fills only
// a paper with no rows yet (DIR is created when missing) and compares every table afterwards
// (exit 1 when one differs). Exit 2 for a damaged dump or one of another format version.
struct PaperDumpOptions {
  std::string data_dir;
  std::string store_url;  // --store: overrides the config file when set
  std::string folder;     // OUT
};
int ExportPaperDump(const PaperDumpOptions& options);
int ImportPaperDump(const PaperDumpOptions& options);

// `sinmun import wordpress`: a WordPress export (WXR) into the paper. Prints a progress line
// on a terminal and the report (also written to DIR/import-wordpress-<time>.txt). Exit 2 for
// a missing folder or file, a bad --media folder, or a file that is not a readable WXR export.
// Writes into the paper's store (--store as for serve) unless dry_run.
struct ImportWordPressOptions {
  std::string data_dir;
  std::string file;
  std::string media_dir;  // a copy of wp-content/uploads
  std::string store_url;  // --store, as for serve
  bool dry_run = false;
};
int ImportWordPress(const ImportWordPressOptions& options);

}  // namespace sinmun::app
