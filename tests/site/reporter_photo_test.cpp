// A reporter's profile photo on the public reporter page.

#include "site_fixture.hpp"

namespace sinmun::site {
namespace {

TEST_F(SiteTest, TheReporterPageShowsTheProfilePhotoWhenThereIsOne) {
  const std::string target = "/reporter/" + std::to_string(reporters_[0]);
  EXPECT_EQ(GetBody(target).find("class=\"profile-photo\""), std::string::npos);
  ASSERT_TRUE(store_->SetReporterPhoto(reporters_[0], "2024/05/abc-400.png").has_value());
  MakeSite();  // a fresh page cache: the test clock does not move the cache's check
  EXPECT_NE(GetBody(target).find("src=\"/uploads/2024/05/abc-400.png\""), std::string::npos);
}

}  // namespace
}  // namespace sinmun::site
