// Reporter profile photos, uploaded by an admin through the desk's photo pipeline.

#include <filesystem>

#include "desk_fixture.hpp"

namespace sinmun::newsroom {
namespace {

class ReporterPhotoTest : public DeskTest {
 protected:
  void SetUp() override {
    DeskTest::SetUp();
    AddUser("admin@example.com", store::Role::kAdmin);
    ASSERT_EQ(Login(admin_, "admin@example.com").status, 303);
    target_ = "/newsroom/admin/reporters/" + std::to_string(reporters_[0]) + "/photo";
  }

  Browser admin_;
  std::string target_;
};

TEST_F(ReporterPhotoTest, AnUploadedPhotoBecomesTheProfilePhotoAndCanBeRemoved) {
  const http::Response uploaded =
      Send(admin_, target_, {}, {{"photo", "me.png", "image/png", PhotoFile("small.png")}});
  ASSERT_EQ(uploaded.status, 303) << Body(uploaded);
  const std::string photo = store_->ReporterById(reporters_[0])->photo;
  ASSERT_FALSE(photo.empty());
  EXPECT_TRUE(std::filesystem::exists(uploads_.path() / photo)) << photo;
  EXPECT_NE(Body(Get(admin_, "/newsroom/admin/reporters")).find("src=\"/uploads/" + photo + "\""),
            std::string::npos);

  ASSERT_EQ(Send(admin_, target_, {{"remove", "1"}}).status, 303);
  EXPECT_EQ(store_->ReporterById(reporters_[0])->photo, "");
}

TEST_F(ReporterPhotoTest, ANonImageIsRefusedWithAMessageAndNothingChanges) {
  const http::Response refused =
      Send(admin_, target_, {}, {{"photo", "me.jpg", "image/jpeg", "this is not a photo"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(Body(refused).find("JPEG, PNG, WebP 사진만 올릴 수 있습니다."), std::string::npos);
  EXPECT_EQ(Send(admin_, target_, {}).status, 400);  // no file at all
  EXPECT_EQ(store_->ReporterById(reporters_[0])->photo, "");
  EXPECT_TRUE(UploadedFiles().empty());
}

TEST_F(ReporterPhotoTest, OnlyAnAdminMaySetIt) {
  EXPECT_EQ(
      Send(editor_, target_, {}, {{"photo", "me.png", "image/png", PhotoFile("small.png")}}).status,
      403);
  EXPECT_EQ(store_->ReporterById(reporters_[0])->photo, "");
}

}  // namespace
}  // namespace sinmun::newsroom
