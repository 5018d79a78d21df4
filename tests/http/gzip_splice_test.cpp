// Gzip bodies joined from separately compressed pieces (issue #7's banner splicing).
#include "http/gzip_splice.hpp"

#include <gtest/gtest.h>

#include <cstdint>
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

// Pieces end wherever the compressor's last block ends, at any bit of its last byte, and in
// blocks of every kind: stored (bytes that do not compress), fixed and dynamic codes, and
// more than one block a piece. Each must still join to exactly its bytes.
TEST(GzipSpliceTest, PiecesOfEveryShapeJoin) {
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<char>(state >> 24);
  };
  std::vector<std::string> texts = {"", "a", "<", "ab", std::string(100'000, 'x')};
  std::string noise;  // incompressible: libdeflate stores it
  for (int i = 0; i < 70'000; ++i) noise.push_back(next());
  texts.push_back(noise);
  std::string html;  // several dynamic blocks
  for (int i = 0; i < 30'000; ++i)
    html += "<li>기사 " + std::to_string(i * 7919 % 100'003) + "</li>";
  texts.push_back(html);
  // Short texts of every length up to 40: the final block ends at every bit offset.
  for (int length = 1; length <= 40; ++length) {
    std::string text;
    for (int i = 0; i < length; ++i) text.push_back(static_cast<char>('a' + (next() & 7)));
    texts.push_back(text);
  }
  std::vector<DeflatePiece> pieces;
  std::string expected;
  for (const std::string& text : texts) {
    pieces.push_back(DeflateForJoin(text));
    expected += text;
  }
  std::string out;
  ASSERT_TRUE(Gunzip(Joined(pieces), out));
  EXPECT_EQ(out, expected);
  for (std::size_t i = 0; i < texts.size(); ++i) {  // and each piece alone
    ASSERT_TRUE(Gunzip(Joined({pieces[i]}), out)) << i;
    EXPECT_EQ(out, texts[i]) << i;
  }
}

TEST(GzipSpliceTest, NoPiecesIsAnEmptyBody) {
  std::string out = "x";
  ASSERT_TRUE(Gunzip(Joined({}), out));
  EXPECT_EQ(out, "");
}

// A page miss's pieces are compressed at the fast level and those of a page asked for again at
// the best one (issue #14): pieces of either level join with each other to the same bytes, and
// the best level is no larger.
TEST(GzipSpliceTest, PiecesOfTheFastAndTheBestLevelJoinAlike) {
  std::string page;
  for (int i = 0; i < 500; ++i)
    page += "<li><a href=\"/article/" + std::to_string(i * 37) + "\">대전시 기사 " +
            std::to_string(i) + "</a></li>\n";
  const std::string head = page.substr(0, 9'000);
  const std::string tail = page.substr(9'000);
  const DeflatePiece fast_head = DeflateForJoin(head, kFastJoinLevel);
  const DeflatePiece best_head = DeflateForJoin(head, kBestJoinLevel);
  const DeflatePiece fast_tail = DeflateForJoin(tail, kFastJoinLevel);
  std::string out;
  ASSERT_TRUE(Gunzip(Joined({fast_head, fast_tail}), out));
  EXPECT_EQ(out, page);
  ASSERT_TRUE(Gunzip(Joined({best_head, fast_tail}), out));
  EXPECT_EQ(out, page);
  EXPECT_EQ(fast_head.crc32, best_head.crc32);
  EXPECT_LE(best_head.deflate.size(), fast_head.deflate.size());
  EXPECT_LT(fast_head.deflate.size(), head.size() / 2);  // still compressed
}

}  // namespace
}  // namespace sinmun::http
