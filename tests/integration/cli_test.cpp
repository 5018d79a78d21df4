// The command line as an operator meets it: help, version, and one clear line with exit
// code 2 for everything that stops a command from starting.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "integration/sinmun_process.hpp"

namespace sinmun::testing {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinmun-cli-XXXXXX";
    root_ = ::mkdtemp(pattern);
  }
  void TearDown() override { fs::remove_all(root_); }

  static size_t Lines(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  }

  std::string root_;
};

TEST_F(CliTest, EveryCommandAnswersHelpAndVersion) {
  const CommandResult help = RunSinmun({"--help"});
  EXPECT_EQ(help.exit_code, 0) << help.out;
  EXPECT_NE(help.out.find("serve"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("demo"), std::string::npos) << help.out;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"serve", "--help"}, {"demo", "--help"}}) {
    const CommandResult result = RunSinmun(args);
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("--data"), std::string::npos) << args[0];
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--version"}, {"serve", "--version"}, {"demo", "--version"}}) {
    const CommandResult result = RunSinmun(args);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out.rfind("sinmun ", 0), 0u) << result.out;
  }
}

TEST_F(CliTest, BadArgumentsGiveOneLineAndExitCode2) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{},
        {"publish"},
        {"serve"},
        {"demo", "--data", root_ + "/p", "--articles", "many"},
        {"serve", "--data", root_, "--listen", "nowhere"},
        {"serve", "--data", root_, "--bogus"}}) {
    const CommandResult result = RunSinmun(args);
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_EQ(Lines(result.out), 1u) << result.out;
  }
}

TEST_F(CliTest, MissingOrUnusableDataFolderExitsWith2) {
  const std::string file = root_ + "/not-a-folder";
  std::ofstream(file) << "x";
  for (const std::string& dir : {root_ + "/missing", file}) {
    const CommandResult result = RunSinmun({"serve", "--data", dir});
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_EQ(Lines(result.out), 1u) << result.out;
    EXPECT_NE(result.out.find(dir), std::string::npos) << result.out;
  }
  const CommandResult no_parent = RunSinmun({"demo", "--data", root_ + "/a/b/c"});
  EXPECT_EQ(no_parent.exit_code, 2) << no_parent.out;
}

TEST_F(CliTest, ServeCreatesTheDataFolderContentsOnFirstUse) {
  ServeProcess server(root_);
  ASSERT_NE(server.port(), 0) << server.output();
  EXPECT_TRUE(fs::exists(root_ + "/sinmun.toml"));
  EXPECT_TRUE(fs::exists(root_ + "/sinmun.db"));
  EXPECT_TRUE(fs::is_directory(root_ + "/uploads"));
  // SQLite marks a database in WAL mode with 2 in header bytes 18 and 19.
  std::ifstream db(root_ + "/sinmun.db", std::ios::binary);
  char header[20] = {};
  db.read(header, sizeof header);
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
  // The store (password hashes, sessions), its WAL and the keys are the owner's alone.
  for (const char* name :
       {"sinmun.db", "sinmun.db-wal", "sinmun.db-shm", "ads.key", "tokens.key", "sinmun.toml"}) {
    const fs::path path = root_ + "/" + name;
    ASSERT_TRUE(fs::exists(path)) << name;
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << name;
  }
  EXPECT_EQ(server.Stop(), 0) << server.output();
}

TEST_F(CliTest, PortInUseExitsWith2) {
  ServeProcess first(root_);
  ASSERT_NE(first.port(), 0) << first.output();
  const CommandResult second = RunSinmun(
      {"serve", "--data", root_, "--listen", "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 2) << second.out;
  EXPECT_NE(second.out.find("in use"), std::string::npos) << second.out;
  EXPECT_EQ(Lines(second.out), 1u) << second.out;
}

TEST_F(CliTest, BrokenConfigurationNamesTheLine) {
  std::ofstream(root_ + "/sinmun.toml") << "[server]\nthreads = \"all\"\n";
  const CommandResult result = RunSinmun({"serve", "--data", root_});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.out.find("threads"), std::string::npos) << result.out;
}

TEST_F(CliTest, AMalformedRedisAddressIsRefusedWithOneLine) {
  const CommandResult result =
      RunSinmun({"serve", "--data", root_, "--listen", "127.0.0.1:0", "--redis", "cache:6379"});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.out.find("redis://"), std::string::npos) << result.out;
  EXPECT_EQ(Lines(result.out), 1u) << result.out;
}

TEST_F(CliTest, ListenFlagOverridesTheConfiguration) {
  std::ofstream(root_ + "/sinmun.toml") << "[server]\nlisten = \"127.0.0.1:1\"\n";
  ServeProcess server(root_);  // --listen 127.0.0.1:0 wins over port 1
  EXPECT_NE(server.port(), 0) << server.output();
}

TEST_F(CliTest, DemoIsDeterministicAndRefusesAFilledFolder) {
  const CommandResult first = RunSinmun({"demo", "--data", root_ + "/p", "--articles", "120"});
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("120 articles"), std::string::npos) << first.out;
  const CommandResult again = RunSinmun({"demo", "--data", root_ + "/p", "--articles", "120"});
  EXPECT_EQ(again.exit_code, 2) << again.out;
}

TEST_F(CliTest, SigtermStopsTheServerCleanly) {
  ServeProcess server(root_);
  ASSERT_NE(server.port(), 0) << server.output();
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace sinmun::testing
