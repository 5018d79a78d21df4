// The access log: one parseable JSON line a response, whatever the client sent, and a new
// file after logrotate moved the old one and SIGHUP asked for a reopen.
#include "http/access_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace sinmun::http {
namespace {

using nlohmann::json;

class AccessLogTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::vector<json> Lines(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<json> lines;
    for (std::string line; std::getline(in, line);) {
      lines.push_back(json::parse(line, nullptr, false));
    }
    return lines;
  }

  static Request MakeRequest(std::string target, std::string user_agent) {
    Request request;
    request.method = Method::kGet;
    request.target = std::move(target);
    request.path = request.target.substr(0, request.target.find('?'));
    request.remote_address = "203.0.113.7";
    request.id = "abc-1";
    request.headers = {{"user-agent", std::move(user_agent)},
                       {"referer", "https://search.naver.com/search.naver?query=대전"}};
    return request;
  }

  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("sinmun-access-log-" + std::to_string(::getpid()));
  std::filesystem::path path_ = dir_ / "access.log";
};

TEST_F(AccessLogTest, WritesOneJsonLinePerResponse) {
  auto log = AccessLog::Open(path_.string());
  ASSERT_TRUE(log.has_value()) << log.error().detail;
  ResponseSummary summary;
  summary.status = 200;
  summary.body_bytes = 5120;
  summary.duration = std::chrono::microseconds(250);
  (*log)->OnResponse(MakeRequest("/article/12?from=main", "Mozilla/5.0"), summary);
  // A client's quotes, control characters and broken UTF-8 cannot break the line.
  summary.status = 404;
  (*log)->OnResponse(MakeRequest("/x\"y\\z", std::string("evil\n\x01\xff\xc3(") + "\"}"), summary);
  (*log)->Flush();

  const std::vector<json> lines = Lines(path_);
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_FALSE(lines[0].is_discarded());
  EXPECT_EQ(lines[0]["id"], "abc-1");
  EXPECT_EQ(lines[0]["remote"], "203.0.113.7");
  EXPECT_EQ(lines[0]["method"], "GET");
  EXPECT_EQ(lines[0]["target"], "/article/12?from=main");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["bytes"], 5120);
  EXPECT_DOUBLE_EQ(lines[0]["ms"].get<double>(), 0.25);
  EXPECT_EQ(lines[0]["ua"], "Mozilla/5.0");
  EXPECT_EQ(lines[0]["referer"], "https://search.naver.com/search.naver?query=대전");
  const std::string time = lines[0]["time"];
  EXPECT_EQ(time.size(), 24u) << time;  // 2026-12-05T09:00:14.123Z
  EXPECT_EQ(time.back(), 'Z');
  ASSERT_FALSE(lines[1].is_discarded());
  EXPECT_EQ(lines[1]["target"], "/x\"y\\z");
  EXPECT_EQ(lines[1]["ua"], "evil\n\x01\xef\xbf\xbd\xef\xbf\xbd(\"}");
  EXPECT_EQ(lines[1]["status"], 404);
}

TEST_F(AccessLogTest, ARefusedRequestIsLoggedWithoutItsHeaders) {
  auto log = AccessLog::Open(path_.string());
  ASSERT_TRUE(log.has_value());
  ResponseSummary summary;
  summary.status = 431;
  summary.complete = false;
  (*log)->OnResponse(MakeRequest("", "left over from the previous request"), summary);
  (*log)->Flush();
  const std::vector<json> lines = Lines(path_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["status"], 431);
  EXPECT_EQ(lines[0]["method"], "");
  EXPECT_FALSE(lines[0].contains("ua"));
}

TEST_F(AccessLogTest, ReopenStartsANewFileAfterLogrotateMovedTheOld) {
  auto log = AccessLog::Open(path_.string());
  ASSERT_TRUE(log.has_value());
  ResponseSummary summary;
  summary.status = 200;
  (*log)->OnResponse(MakeRequest("/before", "a"), summary);
  (*log)->Flush();
  std::filesystem::rename(path_, dir_ / "access.log.1");
  (*log)->Reopen();
  (*log)->OnResponse(MakeRequest("/after", "a"), summary);
  (*log)->Flush();

  const std::vector<json> old_lines = Lines(dir_ / "access.log.1");
  ASSERT_EQ(old_lines.size(), 1u);
  EXPECT_EQ(old_lines[0]["target"], "/before");
  const std::vector<json> new_lines = Lines(path_);
  ASSERT_EQ(new_lines.size(), 1u);
  EXPECT_EQ(new_lines[0]["target"], "/after");
}

TEST_F(AccessLogTest, AnUnwritablePathIsAClearError) {
  auto log = AccessLog::Open((dir_ / "missing" / "access.log").string());
  ASSERT_FALSE(log.has_value());
  EXPECT_EQ(log.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(log.error().detail.find("access log"), std::string::npos);
}

}  // namespace
}  // namespace sinmun::http
