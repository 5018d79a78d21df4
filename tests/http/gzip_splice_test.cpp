// Gzip bodies joined from separately compressed pieces (issue #7's banner splicing).
#include "http/gzip_splice.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/encoding.hpp"

namespace sinmun::http {
namespace {

std::string Joined(const std::vector<DeflatePiece>& pieces) {
  std::vector<DeflateView> views;
  for (const DeflatePiece& piece : pieces) views.push_back(piece.View());
  std::string out;
  JoinGzip(views, out);
  return out;
}

TEST(GzipSpliceTest, JoinedPiecesReadAsOneGzipOfTheirConcatenation) {
  std::string page;
  for (int i = 0; i < 2000; ++i)
    page += "<p>대전시, 4차 산업혁명 위원회 출범 " + std::to_string(i) + "</p>\n";
  const std::string head = page.substr(0, 30'000);
  const std::string tail = page.substr(30'000);
  const std::string banner = "<div class=\"ad-slot\"><a href=\"/ad/click/1\">광고</a></div>";
  const std::vector<DeflatePiece> pieces = {DeflateForJoin(head), DeflateForJoin(banner),
                                            DeflateForJoin(""), DeflateForJoin(tail)};
  const std::string gzip = Joined(pieces);
  std::string out;
  ASSERT_TRUE(Gunzip(gzip, out));  // checks the CRC-32 and length in the trailer
  EXPECT_EQ(out, head + banner + tail);
  EXPECT_LT(gzip.size(), page.size() / 4);  // still compressed

  // The same pieces in another order (a different banner each time) are as valid.
  std::string other;
  ASSERT_TRUE(Gunzip(Joined({pieces[3], pieces[1], pieces[0]}), other));
  EXPECT_EQ(other, tail + banner + head);
}

TEST(GzipSpliceTest, NoPiecesIsAnEmptyBody) {
  std::string out = "x";
  ASSERT_TRUE(Gunzip(Joined({}), out));
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace sinmun::http
