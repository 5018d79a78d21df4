// sinmun: one binary runs an online newspaper. This file only reads the command line.

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"

#ifndef SINMUN_VERSION
#define SINMUN_VERSION "0.0.0"
#endif

namespace {

constexpr const char* kVersion = "sinmun " SINMUN_VERSION;
constexpr const char* kStoreHelp =
    "Store URL: sqlite:FILE or postgres://user@host:port/db (default: [server] store of "
    "sinmun.toml, else DIR/sinmun.db)";

// Every command answers --help and --version.
CLI::App* AddCommand(CLI::App& app, const char* name, const char* description) {
  CLI::App* command = app.add_subcommand(name, description);
  command->set_version_flag("--version", kVersion);
  return command;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sinmun::app;
  CLI::App app{"sinmun (신문): a fast, self-hosted, Korean-first news publishing system"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  ServeOptions serve;
  CLI::App* serve_cmd = AddCommand(app, "serve", "Serve the newspaper over HTTP until Ctrl-C");
  serve_cmd->add_option("--data", serve.data_dir, "The paper's data folder")->required();
  serve_cmd->add_option("--store", serve.store_url, kStoreHelp);
  serve_cmd->add_option("--listen", serve.listen,
                        "address:port to listen on (default from sinmun.toml: 127.0.0.1:8080)");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (0 = one per core)")
      ->check(CLI::Range(0, 256));
  serve_cmd->add_option("--share", serve.share_dir,
                        "Folder with templates/, static/ and messages/ (found by default)");
  serve_cmd->add_option("--redis", serve.redis_url,
                        "redis://host:port/db shared by the paper's nodes (default: [redis] url)");
  serve_cmd->add_option("--search-dir", serve.search_dir,
                        "This node's search index folder (default: [search] dir, else DIR/search)");

  DemoOptions demo;
  CLI::App* demo_cmd =
      AddCommand(app, "demo", "Create a data folder filled with a synthetic Korean newspaper");
  demo_cmd->add_option("--data", demo.data_dir, "The data folder to create or fill")->required();
  demo_cmd->add_option("--store", demo.store_url, kStoreHelp);
  demo_cmd->add_option("--articles", demo.articles, "How many articles")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10'000'000}));
  demo_cmd->add_option("--seed", demo.seed, "Seed: the same seed gives the same paper");

  ReindexOptions reindex;
  CLI::App* reindex_cmd =
      AddCommand(app, "reindex", "Rebuild the search index from the store (safe while serving)");
  reindex_cmd->add_option("--data", reindex.data_dir, "The paper's data folder")->required();
  reindex_cmd->add_option("--search-dir", reindex.search_dir,
                          "The search index folder (default: [search] dir, else DIR/search)");
  reindex_cmd->add_option("--store", reindex.store_url, kStoreHelp);

  ExportOptions export_options;
  CLI::App* export_cmd = AddCommand(app, "export", "Write the paper's data for portals to stdout");
  export_cmd->require_subcommand(1);
  CLI::App* export_articles =
      AddCommand(*export_cmd, "articles", "Published articles registered in a range of KST dates");
  export_articles->add_option("--data", export_options.data_dir, "The paper's data folder")
      ->required();
  export_articles->add_option("--store", export_options.store_url, kStoreHelp);
  export_articles->add_option("--from", export_options.from, "First day, YYYY-MM-DD (KST)")
      ->required();
  export_articles->add_option("--to", export_options.to, "Last day, YYYY-MM-DD (KST), included")
      ->required();
  export_articles->add_option("--format", export_options.format, "csv (default) or json");
  export_articles->add_flag("--bom", export_options.bom,
                            "Start CSV with a UTF-8 BOM, so Excel reads Korean text");
  export_articles->add_flag(
      "--press-releases", export_options.press_releases,
      "Include press releases (보도자료); ads and sponsored articles never go");

  PaperDumpOptions export_paper;
  CLI::App* export_paper_cmd = AddCommand(
      *export_cmd, "paper", "The whole paper as a folder of JSON Lines, uploads and a manifest");
  export_paper_cmd->add_option("--data", export_paper.data_dir, "The paper's data folder")
      ->required();
  export_paper_cmd->add_option("--store", export_paper.store_url, kStoreHelp);
  export_paper_cmd->add_option("--to", export_paper.folder, "The folder to create")->required();

  UserAddOptions user_add;
  UserPasswdOptions user_passwd;
  CLI::App* user_cmd = AddCommand(app, "user", "Manage newsroom accounts");
  user_cmd->require_subcommand(1);
  CLI::App* user_add_cmd = AddCommand(*user_cmd, "add", "Add a newsroom account");
  user_add_cmd->add_option("--data", user_add.data_dir, "The paper's data folder")->required();
  user_add_cmd->add_option("--store", user_add.store_url, kStoreHelp);
  user_add_cmd->add_option("--email", user_add.email, "Login e-mail address")->required();
  user_add_cmd->add_option("--name", user_add.name, "Name shown in the newsroom")->required();
  user_add_cmd
      ->add_option("--role", user_add.role, "reporter, editor, admin, ad_manager or ombudsman")
      ->required();
  user_add_cmd->add_option("--reporter", user_add.reporter_id,
                           "Reporter profile id the account writes as (optional)");
  user_add_cmd->add_option("--password-file", user_add.password_file,
                           "Read the password from this file's first line (else asked)");
  CLI::App* user_passwd_cmd =
      AddCommand(*user_cmd, "passwd", "Set an account's password and end its sessions");
  user_passwd_cmd->add_option("--data", user_passwd.data_dir, "The paper's data folder")
      ->required();
  user_passwd_cmd->add_option("--store", user_passwd.store_url, kStoreHelp);
  user_passwd_cmd->add_option("--email", user_passwd.email, "The account's e-mail")->required();
  user_passwd_cmd->add_option("--password-file", user_passwd.password_file,
                              "Read the password from this file's first line (else asked)");

  MigrateOptions migrate;
  CLI::App* migrate_cmd =
      AddCommand(app, "migrate",
                 "Copy a paper from SQLite to PostgreSQL, or back, and verify it (safe to re-run)");
  migrate_cmd->add_option("--from", migrate.from, "sqlite:DIR, sqlite:FILE or postgres://…")
      ->required();
  migrate_cmd->add_option("--to", migrate.to, "postgres://user@host:port/database, or sqlite:DIR")
      ->required();

  BackupOptions backup;
  CLI::App* backup_cmd =
      AddCommand(app, "backup",
                 "Write one file with the paper's store, uploads and config (safe while serving)");
  backup_cmd->add_option("--data", backup.data_dir, "The paper's data folder")->required();
  backup_cmd->add_option("--to", backup.to, "The backup file to write")->required();

  RestoreOptions restore;
  CLI::App* restore_cmd =
      AddCommand(app, "restore", "Check a backup file and restore it into a new data folder");
  restore_cmd->add_option("--from", restore.from, "The backup file")->required();
  restore_cmd->add_option("--data", restore.data_dir, "The new data folder (missing or empty)")
      ->required();

  ImportWordPressOptions import_wordpress;
  CLI::App* import_cmd = AddCommand(app, "import", "Bring another system's archive into the paper");
  import_cmd->require_subcommand(1);
  CLI::App* import_wordpress_cmd =
      AddCommand(*import_cmd, "wordpress", "Import a WordPress export (Tools → Export, WXR)");
  import_wordpress_cmd->add_option("--data", import_wordpress.data_dir, "The paper's data folder")
      ->required();
  import_wordpress_cmd->add_option("file", import_wordpress.file, "The export, FILE.xml")
      ->required();
  import_wordpress_cmd->add_option("--media", import_wordpress.media_dir,
                                   "A copy of the old site's wp-content/uploads");
  import_wordpress_cmd->add_option("--store", import_wordpress.store_url, kStoreHelp);
  import_wordpress_cmd->add_flag("--dry-run", import_wordpress.dry_run,
                                 "Read, convert and report without writing anything");

  PaperDumpOptions import_paper;
  CLI::App* import_paper_cmd = AddCommand(
      *import_cmd, "paper", "A folder written by `sinmun export paper` into a new paper");
  import_paper_cmd->add_option("--data", import_paper.data_dir, "The new paper's data folder")
      ->required();
  import_paper_cmd->add_option("--store", import_paper.store_url, kStoreHelp);
  import_paper_cmd->add_option("--from", import_paper.folder, "The exported folder")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One clear line and exit code 2, whatever CLI11's own code for the error.
    fmt::print(stderr, "sinmun: {} (see sinmun --help)\n", e.what());
    return kExitUsage;
  }
  if (serve_cmd->parsed()) return Serve(serve);
  if (demo_cmd->parsed()) return Demo(demo);
  if (reindex_cmd->parsed()) return Reindex(reindex);
  if (export_articles->parsed()) return ExportArticles(export_options);
  if (export_paper_cmd->parsed()) return ExportPaperDump(export_paper);
  if (import_paper_cmd->parsed()) return ImportPaperDump(import_paper);
  if (user_add_cmd->parsed()) return UserAdd(user_add);
  if (user_passwd_cmd->parsed()) return UserPasswd(user_passwd);
  if (migrate_cmd->parsed()) return Migrate(migrate);
  if (backup_cmd->parsed()) return Backup(backup);
  if (restore_cmd->parsed()) return Restore(restore);
  if (import_wordpress_cmd->parsed()) return ImportWordPress(import_wordpress);
  return kExitUsage;
}
