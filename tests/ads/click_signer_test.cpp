// Signed click links (issue #7).
#include "ads/click_signer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_store.hpp"

namespace sinmun::ads {
namespace {

TEST(ClickSignerTest, SignsCampaignAndTargetTogether) {
  const ClickSigner signer(std::array<unsigned char, 32>{1, 2, 3});
  const std::string sig = signer.Sign(7, "https://shop.example.com/sale");
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(signer.Verify(7, "https://shop.example.com/sale", sig));
  EXPECT_FALSE(signer.Verify(8, "https://shop.example.com/sale", sig));
  EXPECT_FALSE(signer.Verify(7, "https://evil.example.com/", sig));
  EXPECT_FALSE(signer.Verify(7, "https://shop.example.com/sale", ""));
  EXPECT_FALSE(signer.Verify(7, "https://shop.example.com/sale", sig.substr(0, 63) + "x"));
  std::string flipped = sig;
  flipped[0] = flipped[0] == '0' ? '1' : '0';
  EXPECT_FALSE(signer.Verify(7, "https://shop.example.com/sale", flipped));
  // Another key signs differently.
  EXPECT_NE(ClickSigner(std::array<unsigned char, 32>{9}).Sign(7, "https://shop.example.com/sale"),
            sig);
}

TEST(ClickSignerTest, KeyFileIsMadeOnceAndKept) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "ads.key").string();
  const std::string first = ClickSigner::FromKeyFile(path).value().Sign(1, "https://a.example/");
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  EXPECT_EQ(ClickSigner::FromKeyFile(path).value().Sign(1, "https://a.example/"), first);
  std::ofstream(path, std::ios::trunc) << "short";
  EXPECT_EQ(testing::ErrorCodeOf(ClickSigner::FromKeyFile(path)), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace sinmun::ads
