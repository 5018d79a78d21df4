// `sinmun backup` and `sinmun restore` end to end (issue #15): a backup taken while a running
// server keeps saving, publishing and counting recommends restores into a folder that serves
// every write acknowledged before the backup began; damaged, truncated and misdirected
// restores are refused with exit 2 and leave nothing behind. A PostgreSQL paper's backup holds its
// paper export and restores as the same paper.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "integration/newsroom_staff.hpp"
#include "integration/sinmun_process.hpp"
#include "store/snapshot.hpp"
#include "store/store.hpp"
#include "support/http_client.hpp"
#include "support/test_store.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kBackupEditorPassword[] = "backup test editor 1";
constexpr char kPhoto[] = "uploads/2026/12/backup-photo.jpg";

// Everything in `folder`, so a test can say that a refused restore left nothing.
std::vector<std::string> Listing(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().string());
  std::sort(names.begin(), names.end());
  return names;
}

// What the server acknowledged, in order.
struct AcknowledgedBeforeBackup {
  std::mutex mutex;
  std::vector<std::int64_t> saved;
  std::vector<std::int64_t> published;
  std::int64_t recommends = 0;  // the article's total in the last counted answer
};

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() / "paper";
    const CommandResult demo = MakeDemoPaper(data_.string(), {"--articles", "30", "--seed", "3"});
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
    const std::string password_file = (dir_.path() / "password").string();
    std::ofstream(password_file) << kBackupEditorPassword << "\n";
    const CommandResult user =
        RunSinmun({"user", "add", "--data", data_.string(), "--email", "backup@example.com",
                   "--name", "백업 데스크", "--role", "editor", "--password-file", password_file});
    ASSERT_EQ(user.exit_code, 0) << user.out;
    fs::create_directories(data_ / fs::path(kPhoto).parent_path());
    std::ofstream(data_ / kPhoto, std::ios::binary) << std::string("\xff\xd8\xff\xe0 사진", 12);
  }

  // A backup of the demo paper, taken while nothing runs.
  fs::path QuietBackup() {
    const fs::path file = dir_.path() / "quiet.tar";
    const CommandResult backup =
        RunSinmun({"backup", "--data", data_.string(), "--to", file.string()});
    EXPECT_EQ(backup.exit_code, 0) << backup.out;
    return file;
  }

  static void Desk(std::uint16_t port, const std::atomic<bool>& stop,
                   AcknowledgedBeforeBackup& acked) {
    Staff editor(port);
    if (editor.Login("backup@example.com", kBackupEditorPassword).status != 303) return;
    WriteArticlesUntil(editor, "백업 중 기사 ", 1, stop, RecordedIn(acked));
  }

  static void Readers(std::uint16_t port, std::int64_t article, const std::atomic<bool>& stop,
                      AcknowledgedBeforeBackup& acked) {
    const std::string origin = "http://127.0.0.1:" + std::to_string(port);
    for (int n = 0; !stop; ++n) {
      char cookie[64];
      std::snprintf(cookie, sizeof cookie, "sinmun_v=%08x%08x%016x", 15, n, 0xbacu);
      const HttpResponse recommend =
          HttpRequest(port, "POST", "/article/" + std::to_string(article) + "/recommend",
                      {{"Origin", origin},
                       {"Accept", "application/json"},
                       {"Cookie", cookie},
                       {"User-Agent", kDesktopChrome}});
      const json answer = json::parse(recommend.body, nullptr, false);
      if (recommend.status == 200 && answer.is_object() && answer.value("counted", false)) {
        std::lock_guard lock(acked.mutex);
        acked.recommends = std::max(acked.recommends, answer.value("recommends", std::int64_t{0}));
      }
    }
  }

  TempDir dir_;
  fs::path data_;
};

TEST_F(BackupTest, ABackupTakenDuringWritesRestoresEveryWriteAcknowledgedBeforeIt) {
  const fs::path file = dir_.path() / "paper.tar";
  const fs::path restored = dir_.path() / "restored";
  AcknowledgedBeforeBackup acked;
  std::vector<std::int64_t> saved_before;
  std::vector<std::int64_t> published_before;
  std::int64_t recommends_before = 0;
  std::int64_t recommended = 0;
  {
    ServeProcess server(data_.string());
    ASSERT_NE(server.port(), 0) << server.output();
    const json list = json::parse(HttpGet(server.port(), "/api/v1/articles").body, nullptr, false);
    ASSERT_TRUE(list.is_object());
    recommended = list.at("items").at(2).at("id").get<std::int64_t>();

    std::atomic<bool> stop{false};
    std::thread desk(Desk, server.port(), std::cref(stop), std::ref(acked));
    std::thread readers(Readers, server.port(), recommended, std::cref(stop), std::ref(acked));
    // Wait until the writers are under way, so that the backup runs in the middle of them.
    for (int waited = 0; waited < 600; ++waited) {
      {
        std::lock_guard lock(acked.mutex);
        if (acked.published.size() >= 3 && acked.recommends >= 3) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    {
      std::lock_guard lock(acked.mutex);
      saved_before = acked.saved;
      published_before = acked.published;
      recommends_before = acked.recommends;
    }
    const CommandResult backup =
        RunSinmun({"backup", "--data", data_.string(), "--to", file.string()});
    std::size_t saved_during = 0;
    {
      std::lock_guard lock(acked.mutex);
      saved_during = acked.saved.size() - saved_before.size();
    }
    stop = true;
    desk.join();
    readers.join();
    ASSERT_EQ(backup.exit_code, 0) << backup.out;
    ASSERT_GE(published_before.size(), 3u) << server.output();
    ASSERT_GE(recommends_before, 3);
    std::printf(
        "backup under load: %zu saves and %zu publishes acknowledged before it, %zu "
        "saves during it\n",
        saved_before.size(), published_before.size(), saved_during);
  }
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(Listing(dir_.path()).size(), 3u) << "a partial file or snapshot folder was left";

  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", restored.string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.out;
  EXPECT_NE(restore.out.find("integrity_check ok"), std::string::npos) << restore.out;
  EXPECT_EQ(Must(store::SqliteIntegrityCheck((restored / "sinmun.db").string())), "ok");
  EXPECT_EQ(ReadFile(restored / kPhoto), ReadFile(data_ / kPhoto));
  EXPECT_EQ(ReadFile(restored / "tokens.key"), ReadFile(data_ / "tokens.key"));
  EXPECT_EQ(ReadFile(restored / "ads.key"), ReadFile(data_ / "ads.key"));
  EXPECT_EQ(ReadFile(restored / "sinmun.toml"), ReadFile(data_ / "sinmun.toml"));

  {
    std::unique_ptr<store::Store> paper = Must(store::OpenStore("sqlite:" + restored.string()));
    for (const std::int64_t id : saved_before) {
      EXPECT_TRUE(paper->DeskArticleById(id).has_value()) << "saved article " << id << " lost";
    }
    const Timestamp far_future = 4'000'000'000;
    for (const std::int64_t id : published_before) {
      EXPECT_TRUE(paper->PublishedArticle(id, far_future).has_value())
          << "publish of " << id << " lost";
    }
    EXPECT_GE(Must(paper->PublishedArticle(recommended, far_future)).recommends, recommends_before);
  }

  // The restored folder serves the same paper: articles, uploads, the newsroom's accounts.
  ServeProcess server(restored.string());
  ASSERT_NE(server.port(), 0) << server.output();
  for (const std::int64_t id : published_before) {
    EXPECT_EQ(HttpGet(server.port(), "/article/" + std::to_string(id)).status, 200) << id;
  }
  EXPECT_EQ(HttpGet(server.port(), "/uploads/2026/12/backup-photo.jpg").status, 200);
  Staff editor(server.port());
  EXPECT_EQ(editor.Login("backup@example.com", kBackupEditorPassword).status, 303);
}

TEST_F(BackupTest, RestoreRefusesACorruptedByte) {
  const fs::path file = QuietBackup();
  {
    // The first entry is sinmun.db; its data starts after the 512-byte header.
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekg(512 + 3000);
    const char byte = static_cast<char>(bytes.get());
    bytes.seekp(512 + 3000);
    bytes.put(static_cast<char>(byte ^ 0x20));
  }
  const std::vector<std::string> before = Listing(dir_.path());
  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", (dir_.path() / "new").string()});
  EXPECT_EQ(restore.exit_code, 2) << restore.out;
  EXPECT_NE(restore.out.find("SHA-256 of sinmun.db differs"), std::string::npos) << restore.out;
  EXPECT_EQ(Listing(dir_.path()), before);
}

TEST_F(BackupTest, RestoreRefusesATruncatedFile) {
  const fs::path file = QuietBackup();
  fs::resize_file(file, fs::file_size(file) - 2000);
  const std::vector<std::string> before = Listing(dir_.path());
  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", (dir_.path() / "new").string()});
  EXPECT_EQ(restore.exit_code, 2) << restore.out;
  EXPECT_NE(restore.out.find("truncated"), std::string::npos) << restore.out;
  EXPECT_EQ(Listing(dir_.path()), before);
}

TEST_F(BackupTest, RestoreRefusesAFolderThatHoldsFiles) {
  const fs::path file = QuietBackup();
  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", data_.string()});
  EXPECT_EQ(restore.exit_code, 2) << restore.out;
  EXPECT_NE(restore.out.find("already holds files"), std::string::npos) << restore.out;
  EXPECT_EQ(ReadFile(data_ / kPhoto).size(), 12u);

  // An empty folder made beforehand is fine.
  fs::create_directory(dir_.path() / "empty");
  const CommandResult into_empty =
      RunSinmun({"restore", "--from", file.string(), "--data", (dir_.path() / "empty").string()});
  EXPECT_EQ(into_empty.exit_code, 0) << into_empty.out;
  EXPECT_TRUE(fs::exists(dir_.path() / "empty" / "sinmun.db"));
}

TEST_F(BackupTest, ServeWritesScheduledBackupsAndKeepsTheNewest) {
  const fs::path folder = data_ / "backups";
  fs::create_directories(folder);
  for (const char* old :
       {"sinmun-20200101-000000.tar", "sinmun-20200102-000000.tar", "sinmun-20200103-000000.tar"}) {
    std::ofstream(folder / old) << "old";
    fs::last_write_time(folder / old, fs::file_time_type::clock::now() - std::chrono::hours(48));
  }
  std::ofstream(data_ / "sinmun.toml") << "[backup]\nevery = \"daily\"\nkeep = 2\n";
  std::vector<std::string> names;
  {
    ServeProcess server(data_.string());
    ASSERT_NE(server.port(), 0) << server.output();
    // The newest old one is two days old, so a backup is due at start.
    for (int waited = 0; waited < 600; ++waited) {
      names.clear();
      for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
      }
      std::sort(names.begin(), names.end());
      if (names.size() == 2 && !names.back().starts_with("sinmun-2020")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names.front(), "sinmun-20200103-000000.tar");
  const CommandResult restore = RunSinmun({"restore", "--from", (folder / names.back()).string(),
                                           "--data", (dir_.path() / "restored").string()});
  EXPECT_EQ(restore.exit_code, 0) << restore.out;
}

TEST_F(BackupTest, APostgresPapersBackupIsItsExportAndRestoresAsTheSamePaper) {
  TestDatabase postgres(Backend::kPostgres);
  const CommandResult copied =
      RunSinmun({"migrate", "--from", "sqlite:" + data_.string(), "--to", postgres.url()});
  ASSERT_EQ(copied.exit_code, 0) << copied.out;
  std::ofstream(data_ / "sinmun.toml") << "[server]\nstore = \"" << postgres.url() << "\"\n";
  // Written to PostgreSQL only: the restored paper must hold it, not the old SQLite file.
  ASSERT_TRUE(postgres.Open()->PutSiteSettings({{"paper.name", "백업일보"}}));

  const fs::path file = dir_.path() / "pg.tar";
  const CommandResult backup =
      RunSinmun({"backup", "--data", data_.string(), "--to", file.string()});
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  const fs::path restored = dir_.path() / "restored";
  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", restored.string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.out;

  EXPECT_FALSE(fs::exists(restored / "paper"));
  EXPECT_EQ(ReadFile(restored / kPhoto), ReadFile(data_ / kPhoto));
  std::unique_ptr<store::Store> copy = Must(store::OpenStore("sqlite:" + restored.string()));
  std::unique_ptr<store::Store> original = postgres.Open();
  EXPECT_EQ(Must(copy->SiteSettings()), Must(original->SiteSettings()));
  const store::ArticleList articles =
      Must(original->LatestArticles({}, {.number = 1, .size = 100}, 4'000'000'000));
  EXPECT_EQ(articles.total, 30);
  const store::ArticleList restored_articles =
      Must(copy->LatestArticles({}, {.number = 1, .size = 100}, 4'000'000'000));
  ASSERT_EQ(restored_articles.items.size(), articles.items.size());
  for (size_t i = 0; i < articles.items.size(); ++i) {
    EXPECT_EQ(restored_articles.items[i].id, articles.items[i].id);
    EXPECT_EQ(restored_articles.items[i].headline, articles.items[i].headline);
  }
}

TEST_F(BackupTest, ADamagedPostgresBackupRestoresNothing) {
  TestDatabase postgres(Backend::kPostgres);
  ASSERT_EQ(RunSinmun({"migrate", "--from", "sqlite:" + data_.string(), "--to", postgres.url()})
                .exit_code,
            0);
  std::ofstream(data_ / "sinmun.toml") << "[server]\nstore = \"" << postgres.url() << "\"\n";
  const fs::path file = dir_.path() / "pg.tar";
  ASSERT_EQ(RunSinmun({"backup", "--data", data_.string(), "--to", file.string()}).exit_code, 0);
  std::string bytes = ReadFile(file);
  const size_t row = bytes.find("\"headline\"");
  ASSERT_NE(row, std::string::npos);
  bytes[row + 1] = 'H';  // one byte of the paper export, after its checksums were taken
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  const CommandResult restore =
      RunSinmun({"restore", "--from", file.string(), "--data", (dir_.path() / "r").string()});
  EXPECT_EQ(restore.exit_code, 2) << restore.out;
  EXPECT_FALSE(fs::exists(dir_.path() / "r"));
}

}  // namespace
}  // namespace sinmun::testing
