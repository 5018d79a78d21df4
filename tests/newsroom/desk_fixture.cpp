#include "desk_fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "http/static_files.hpp"
#include "render/renderer.hpp"

namespace sinmun::newsroom {

void DeskTest::SetUp() {
  NewsroomTest::SetUp();
  UseSearcher(nullptr);
  reporter_user_ = AddUser("reporter@example.com", store::Role::kReporter, reporters_[0]);
  editor_user_ = AddUser("editor@example.com", store::Role::kEditor);
  ASSERT_EQ(Login(reporter_, "reporter@example.com").status, 303);
  ASSERT_EQ(Login(editor_, "editor@example.com").status, 303);
}

void DeskTest::UseSearcher(const search::Searcher* searcher) {
  // The newsroom again, writing photos into this test's own folder.
  const std::string root = SINMUN_SOURCE_DIR;
  auto renderer = render::Renderer::Load(root + "/templates", root + "/messages", "ko");
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto static_files = http::StaticFiles::Load(root + "/static");
  ASSERT_TRUE(static_files.has_value()) << static_files.error().detail;
  NewsroomDeps deps{store_.get(),  &clock_,  *renderer,
                    *static_files, Config(), uploads_.path().string(),
                    nullptr,       searcher};
  deps.originals_dir = originals_.path().string();
  newsroom_ = std::make_unique<Newsroom>(std::move(deps));
  router_ = http::Router();
  newsroom_->AddRoutes(router_);
}

http::Response DeskTest::Send(Browser& browser, const std::string& target, Fields fields,
                              const std::vector<FilePart>& files) {
  fields.emplace_back("csrf", Csrf(browser));
  const std::string boundary = "----sinmunTestBoundary7MA4YWxkTrZu0gW";
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  }
  for (const FilePart& file : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field +
            "\"; filename=\"" + file.filename + "\"\r\nContent-Type: " + file.content_type +
            "\r\n\r\n" + file.bytes + "\r\n";
  }
  body += "--" + boundary + "--\r\n";

  http::Request request;
  request.method = http::Method::kPost;
  request.target = target;
  request.path = target.substr(0, target.find('?'));
  std::string cookie;
  for (const auto& [name, value] : browser.cookies) {
    if (!cookie.empty()) cookie += "; ";
    cookie += name + "=" + value;
  }
  request.headers.emplace_back("cookie", cookie);
  request.headers.emplace_back("content-type", "multipart/form-data; boundary=" + boundary);
  request.body = std::move(body);
  request.remote_address = browser.address;
  return router_.Dispatch(request);
}

Fields DeskTest::ArticleFields(const std::string& headline, store::RevisionNumber base) const {
  return {{"base_revision", std::to_string(base)},
          {"section", std::to_string(sections_[0].id)},
          {"headline", headline},
          {"subheadline", "첫째 부제"},
          {"subheadline", ""},
          {"body", "대전시가 오늘 발표했다.\r\n\r\n둘째 문단이다."},
          {"reporter", std::to_string(reporters_[0])},
          {"reporter", ""},
          {"tags", "대전, 예산"},
          {"correction", ""},
          {"photo_id", ""},
          {"photo_caption", ""},
          {"photo_credit", ""},
          {"kind", "own"}};
}

store::ArticleId DeskTest::Write(Browser& browser, const std::string& headline) {
  const http::Response response = Send(browser, "/newsroom/articles", ArticleFields(headline));
  EXPECT_EQ(response.status, 303) << Body(response);
  return IdInLocation(response);
}

store::ArticleId DeskTest::IdInLocation(const http::Response& response) {
  const std::string location = Header(response, "Location");
  const std::string prefix = "/newsroom/articles/";
  if (location.rfind(prefix, 0) != 0) return 0;
  return std::atoll(location.c_str() + prefix.size());
}

std::string DeskTest::PhotoFile(const std::string& name) {
  std::ifstream in(std::string(SINMUN_SOURCE_DIR) + "/tests/data/photos/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> DeskTest::UploadedFiles() const {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(uploads_.path())) {
    if (entry.is_regular_file()) {
      files.push_back(std::filesystem::relative(entry.path(), uploads_.path()).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace sinmun::newsroom
