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

// The signature is HMAC-SHA-256 of "<campaign>\n<target>" under the key (the value below is
// Python's hmac module's), so links signed by an earlier build, kept in cached pages or
// readers' bookmarks, still verify.
TEST(ClickSignerTest, SignsWithHmacSha256OfTheIdANewlineAndTheTarget) {
  std::array<unsigned char, 32> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i);
  const ClickSigner signer(key);
  const std::string expected = "dd8d30d52a46a26cf3593be9847d92e1d2c212e204c063428753b53863988ba6";
  EXPECT_EQ(signer.Sign(42, "https://example.com/sale?x=1"), expected);
  // Each signature starts from the keyed state afresh: the second is the same.
  EXPECT_EQ(signer.Sign(42, "https://example.com/sale?x=1"), expected);
  const ClickSigner copy = signer;
  EXPECT_TRUE(copy.Verify(42, "https://example.com/sale?x=1", expected));
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
