// Uploaded files served from a folder: images only, nothing outside the folder.

#include "http/folder_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sinmun::http {
namespace {

namespace fs = std::filesystem;

class FolderFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root_ / "uploads" / "2024" / "05");
    Write(root_ / "uploads" / "2024" / "05" / "abc-400.jpg", "\xFF\xD8\xFFjpeg bytes");
    Write(root_ / "uploads" / ".hidden.jpg", "hidden");
    Write(root_ / "uploads" / "notes.txt", "text");
    Write(root_ / "secret.jpg", "outside the folder");
    router_.Get("/uploads/{path...}", FolderFiles((root_ / "uploads").string(), [](const Request&) {
                  return Text("not found", 404);
                }));
  }
  void TearDown() override { fs::remove_all(root_); }

  static void Write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  Response Get(const std::string& path) {
    Request request;
    request.target = path;
    request.path = path;
    return router_.Dispatch(request);
  }

  fs::path root_ = fs::temp_directory_path() / ("sinmun-folder-" + std::to_string(::getpid()));
  Router router_;
};

TEST_F(FolderFilesTest, ServesImagesWithALongCache) {
  const Response response = Get("/uploads/2024/05/abc-400.jpg");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "image/jpeg");
  EXPECT_EQ(*response.body.bytes, "\xFF\xD8\xFFjpeg bytes");
  EXPECT_EQ(response.cache_control, "public, max-age=31536000, immutable");
}

TEST_F(FolderFilesTest, AnythingElseIsNotFound) {
  for (const char* path :
       {"/uploads/../secret.jpg", "/uploads/2024/../../secret.jpg", "/uploads/.hidden.jpg",
        "/uploads/notes.txt", "/uploads/2024/05/none.jpg", "/uploads/2024//05/abc-400.jpg",
        "/uploads/2024/05"}) {
    EXPECT_EQ(Get(path).status, 404) << path;
  }
}

}  // namespace
}  // namespace sinmun::http
