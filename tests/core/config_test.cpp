#include "core/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sinmun {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_ = (std::filesystem::temp_directory_path() /
                       ("sinmun-config-test-" + std::to_string(::getpid()) + ".toml"))
                          .string();
};

TEST_F(ConfigTest, DefaultFileParsesToTheDefaults) {
  auto config = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->language, "ko");
  EXPECT_EQ(config->paper.name, Config{}.paper.name);
}

TEST_F(ConfigTest, ReadsTheReaderSettings) {
  auto config = LoadConfig(Write(R"([counters]
flush_seconds = 2
count_views = false
[mail]
smtp_url = "smtp://mail.example.com:2525"
from = "news@example.com"
retry_seconds = 5
per_client_per_hour = 3
per_sender_per_day = 7
[share]
kakao_app_key = "abc"
)"));
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->views_flush_seconds, 2);
  EXPECT_FALSE(config->count_views);
  EXPECT_EQ(config->smtp_url, "smtp://mail.example.com:2525");
  EXPECT_EQ(config->mail_from, "news@example.com");
  EXPECT_EQ(config->mail_retry_seconds, 5);
  EXPECT_EQ(config->mail_per_client_per_hour, 3);
  EXPECT_EQ(config->mail_per_sender_per_day, 7);
  EXPECT_EQ(config->kakao_app_key, "abc");
  // The defaults as written in the default file.
  auto defaults = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->views_flush_seconds, 5);
  EXPECT_TRUE(defaults->count_views);
  EXPECT_FALSE(LoadConfig(Write("[counters]\ncount_views = \"yes\"\n")).has_value());
  EXPECT_FALSE(LoadConfig(Write("[counters]\nflush_seconds = 0\n")).has_value());
}

// The file's reading and the text's are one reader: the same values, the same messages
// naming the file and the line.
TEST_F(ConfigTest, TextReadsAsItsFileDoes) {
  const std::string text = "[server]\nlisten = \"0.0.0.0:9000\"\n[paper]\nname = \"충청일보\"\n";
  const auto from_file = LoadConfig(Write(text));
  const auto from_text = ParseConfig(text, "sinmun.toml");
  ASSERT_TRUE(from_file && from_text);
  EXPECT_EQ(from_text->listen, "0.0.0.0:9000");
  EXPECT_EQ(from_text->paper.name, from_file->paper.name);
  const auto broken = ParseConfig("[server]\nlisten = \n", "sinmun.toml");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(broken.error().detail.rfind("sinmun.toml:2: ", 0), 0u) << broken.error().detail;
  EXPECT_EQ(ParseConfig("[server]\nthreads = \"x\"\n", "sinmun.toml").error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(ConfigTest, ReadsThePapersLegalDetails) {
  auto config = LoadConfig(Write(R"([paper]
name = "충청일보"
registration_number = "충북 아00123"
youth_protection_officer = "이청소"
[site]
language = "en"
)"));
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->paper.name, "충청일보");
  EXPECT_EQ(config->paper.registration_number, "충북 아00123");
  EXPECT_EQ(config->paper.youth_protection_officer, "이청소");
  EXPECT_EQ(config->language, "en");
}

TEST_F(ConfigTest, ReadsTheSeveralNodesSettings) {
  auto config = LoadConfig(Write(R"([redis]
url = "redis://10.0.0.9:6379/1"
[search]
dir = "search-node2"
)"));
  ASSERT_TRUE(config) << config.error().detail;
  EXPECT_EQ(config->redis_url, "redis://10.0.0.9:6379/1");
  EXPECT_EQ(config->search_dir, "search-node2");
  auto defaults = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->redis_url, "");  // one node, as before
  EXPECT_EQ(defaults->search_dir, "");
  EXPECT_FALSE(LoadConfig(Write("[redis]\nurl = 6379\n")).has_value());
}

TEST_F(ConfigTest, ReadsTheStoreUrl) {
  auto defaults = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(defaults.has_value()) << defaults.error().detail;
  EXPECT_EQ(defaults->store_url, "");  // the SQLite file in the data folder
  auto config =
      LoadConfig(Write("[server]\nstore = \"postgres://sinmun@db.example:5432/paper\"\n"));
  ASSERT_TRUE(config.has_value()) << config.error().detail;
  EXPECT_EQ(config->store_url, "postgres://sinmun@db.example:5432/paper");
  EXPECT_FALSE(LoadConfig(Write("[server]\nstore = 5\n")).has_value());
}

TEST_F(ConfigTest, ReadsTheOperationsSettings) {
  auto defaults = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(defaults.has_value()) << defaults.error().detail;
  EXPECT_EQ(defaults->log_level, "info");
  EXPECT_EQ(defaults->access_log, "");  // no access log unless asked for
  EXPECT_EQ(defaults->metrics_allow, "127.0.0.1, ::1");
  EXPECT_EQ(defaults->metrics_token, "");
  auto config = LoadConfig(Write(R"([log]
level = "warn"
access_log = "access.log"
[metrics]
allow = "10.0.0.0/8"
token = "s3cret"
)"));
  ASSERT_TRUE(config.has_value()) << config.error().detail;
  EXPECT_EQ(config->log_level, "warn");
  EXPECT_EQ(config->access_log, "access.log");
  EXPECT_EQ(config->metrics_allow, "10.0.0.0/8");
  EXPECT_EQ(config->metrics_token, "s3cret");
  auto loud = LoadConfig(Write("[log]\nlevel = \"loud\"\n"));
  ASSERT_FALSE(loud.has_value());
  EXPECT_NE(loud.error().detail.find("[log] level"), std::string::npos) << loud.error().detail;
}

TEST_F(ConfigTest, SyntaxErrorNamesTheLine) {
  auto config = LoadConfig(Write("[server]\nlisten = \n"));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(config.error().detail.find(":2:"), std::string::npos) << config.error().detail;
}

TEST_F(ConfigTest, WrongTypesAndValuesAreRefused) {
  EXPECT_FALSE(LoadConfig(Write("[server]\nthreads = \"many\"\n")));
  EXPECT_FALSE(LoadConfig(Write("[server]\nlisten = \"nowhere\"\n")));
  EXPECT_FALSE(LoadConfig(Write("[site]\nlanguage = \"fr\"\n")));
}

TEST_F(ConfigTest, MissingFileIsNotFound) {
  auto config = LoadConfig("/nonexistent/sinmun.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kNotFound);
}

TEST(ListenTest, SplitsHostAndPort) {
  auto listen = ParseListen("127.0.0.1:8080");
  ASSERT_TRUE(listen);
  EXPECT_EQ(listen->host, "127.0.0.1");
  EXPECT_EQ(listen->port, 8080);
  EXPECT_EQ(ParseListen("[::1]:0")->host, "::1");
  EXPECT_FALSE(ParseListen("127.0.0.1:99999"));
  EXPECT_FALSE(ParseListen(":80"));
  EXPECT_FALSE(ParseListen("localhost"));
}

}  // namespace
}  // namespace sinmun
