#include "http/encoding.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "http/response.hpp"

namespace sinmun::http {
namespace {

TEST(AcceptsGzipTest, HonoursCodingsAndQValues) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));  // explicitly refused, whatever * says
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=abc"));
}

TEST(AcceptsBrotliTest, OnlyWhenNamed) {
  EXPECT_TRUE(AcceptsBrotli("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsBrotli("BR;q=0.5"));
  EXPECT_TRUE(AcceptsBrotli("br, gzip;q=0"));
  EXPECT_FALSE(AcceptsBrotli("gzip, deflate"));
  EXPECT_FALSE(AcceptsBrotli("br;q=0, gzip"));
  EXPECT_FALSE(AcceptsBrotli("*"));
  EXPECT_FALSE(AcceptsBrotli("brotli"));
  EXPECT_FALSE(AcceptsBrotli(""));
}

TEST(BrotliTest, RoundTripAndCorruption) {
  std::string page;
  for (int i = 0; i < 3000; ++i) page += "<li>대전시 기사 " + std::to_string(i) + "</li>\n";
  std::string brotli;
  ASSERT_TRUE(BrotliCompress(page, 4, brotli));
  EXPECT_LT(brotli.size(), page.size() / 4);
  std::string out;
  ASSERT_TRUE(BrotliDecompress(brotli, out));
  EXPECT_EQ(out, page);
  EXPECT_FALSE(BrotliDecompress(brotli.substr(0, brotli.size() / 2), out));
  EXPECT_FALSE(BrotliDecompress(brotli + "x", out));
}

// `size` bytes that do not compress (xorshift64).
std::string Noise(std::size_t size) {
  std::string noise(size, '\0');
  std::uint64_t state = 88172645463325252ULL;
  for (char& c : noise) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    c = static_cast<char>(state);
  }
  return noise;
}

// Level 1 (a page miss's first answer) is igzip's, the others libdeflate's: every level gives
// a gzip form any client inflates back to the same bytes, whatever the input — empty, text,
// bytes that do not compress (stored blocks, past the compressor's scratch size) or larger
// than one deflate block — and one compressor serves call after call.
TEST(GzipCompressorTest, EveryLevelRoundTripsWhateverTheInput) {
  std::string korean;
  while (korean.size() < 30'000)
    korean += "<p>예산군이 노후 상수도관 교체에 착수했다. 주민들은 반겼다.</p>\n";
  const std::string noise = Noise(200'000);
  std::string large;
  while (large.size() < 300'000) large += korean.substr(0, 1000) + std::to_string(large.size());
  for (const int level : {1, 6}) {
    GzipCompressor compressor(level);
    for (const std::string& input :
         {std::string(), std::string("a"), korean, noise, large, korean}) {
      std::string gzip, back;
      ASSERT_TRUE(compressor.Compress(input, gzip)) << level << " " << input.size();
      ASSERT_GE(gzip.size(), 18u);
      EXPECT_EQ(gzip.substr(0, 2), "\x1f\x8b");
      ASSERT_TRUE(Gunzip(gzip, back)) << level << " " << input.size();
      EXPECT_EQ(back, input) << level;
      if (input == korean) {
        EXPECT_LT(gzip.size(), input.size() / 5) << level;
      }
    }
  }
}

// The fast level learns its Huffman codes from the first pages a compressor compresses (a
// Korean paper's pages here). With them a page is as small as before they were learnt, and
// every other input still comes back whole: bytes of every value the pages never held,
// matches 32 KB back, text in another language, nothing at all.
TEST(GzipCompressorTest, TheFastLevelCompressesAnyInputWithCodesLearntFromPages) {
  const auto page_of = [](int n) {
    std::string page;
    while (page.size() < 20'000) {
      page += "<li><a href=\"/article/" + std::to_string(n * 1000 + page.size()) +
              "\">대전 시내버스 노선 개편 " + std::to_string(n) + "</a></li>\n";
    }
    return page;
  };
  GzipCompressor compressor(1);
  std::string gzip, back;
  const std::string first = page_of(0);
  ASSERT_TRUE(compressor.Compress(first, gzip));
  const std::size_t before_learning = gzip.size();
  for (int n = 1; n < 40; ++n) {
    const std::string page = page_of(n);
    ASSERT_TRUE(compressor.Compress(page, gzip));
    ASSERT_TRUE(Gunzip(gzip, back));
    ASSERT_EQ(back, page);
  }
  ASSERT_TRUE(compressor.Compress(first, gzip));
  ASSERT_TRUE(Gunzip(gzip, back));
  EXPECT_EQ(back, first);
  EXPECT_LE(gzip.size(), before_learning + before_learning / 20);

  const std::string noise = Noise(100'000);
  std::string every_byte;
  for (int round = 0; round < 64; ++round) {
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  }
  const std::string far_matches = noise.substr(0, 32'000) + noise.substr(0, 32'000) + "tail";
  const std::string english =
      "The council approved the budget on Tuesday after a long debate. " + std::string(5'000, 'x');
  for (const std::string& input :
       {std::string(), std::string("a"), noise, every_byte, far_matches, english}) {
    ASSERT_TRUE(compressor.Compress(input, gzip)) << input.size();
    ASSERT_TRUE(Gunzip(gzip, back)) << input.size();
    EXPECT_EQ(back, input) << input.size();
  }
}

TEST(EtagMatchesTest, ListsWeakPrefixesAndStar) {
  EXPECT_TRUE(EtagMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(EtagMatches("\"abc\"", "W/\"abc\""));
  EXPECT_TRUE(EtagMatches("*", "\"abc\""));
  EXPECT_FALSE(EtagMatches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(EtagMatches("abc", "\"abc\""));
  EXPECT_FALSE(EtagMatches("\"abc\"", ""));
}

TEST(HashTest, StableAndSensitive) {
  EXPECT_EQ(Hash64("hello"), Hash64("hello"));
  EXPECT_NE(Hash64("hello"), Hash64("hellp"));
  EXPECT_NE(Hash64(""), Hash64(std::string_view("\0", 1)));
  const std::string long_text(100000, 'a');
  std::string changed = long_text;
  changed[77777] = 'b';
  EXPECT_NE(Hash64(long_text), Hash64(changed));
  EXPECT_TRUE(std::regex_match(StrongEtag("x"), std::regex("\"[0-9a-f]{16}\"")));
}

TEST(IsCompressibleTypeTest, TextLikeTypes) {
  EXPECT_TRUE(IsCompressibleType("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressibleType("application/json"));
  EXPECT_TRUE(IsCompressibleType("application/rss+xml"));
  EXPECT_TRUE(IsCompressibleType("text/javascript"));
  EXPECT_TRUE(IsCompressibleType("image/svg+xml"));
  EXPECT_FALSE(IsCompressibleType("image/png"));
  EXPECT_FALSE(IsCompressibleType("font/woff2"));
}

TEST(HttpDateTest, Rfc7231Format) {
  EXPECT_EQ(HttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(PrepareTest, GzipOnlyWhenCompressibleAndLargeEnough) {
  const PreparedBody small = Prepare(std::string(100, 'a'), true);
  EXPECT_EQ(small.gzip, nullptr);
  const PreparedBody binary = Prepare(std::string(5000, 'a'), false);
  EXPECT_EQ(binary.gzip, nullptr);
  const PreparedBody text = Prepare(std::string(5000, 'a'), true);
  ASSERT_NE(text.gzip, nullptr);
  EXPECT_LT(text.gzip->size(), 5000u);
  EXPECT_EQ(text.etag, StrongEtag(std::string(5000, 'a')));
  EXPECT_EQ(*text.bytes, std::string(5000, 'a'));
  // Beside the gzip form, a brotli form made on first use; none where there is no gzip form.
  EXPECT_EQ(small.brotli, nullptr);
  ASSERT_NE(text.brotli, nullptr);
  EXPECT_EQ(text.brotli->size(), 0u);
  const std::string* brotli = text.brotli->Of(*text.bytes);
  ASSERT_NE(brotli, nullptr);
  EXPECT_EQ(text.brotli->Of(*text.bytes), brotli);  // made once
  std::string out;
  ASSERT_TRUE(BrotliDecompress(*brotli, out));
  EXPECT_EQ(out, *text.bytes);
  EXPECT_EQ(GzipOnly(text).brotli, nullptr);
}

TEST(StatusForTest, MapsEveryCode) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidInput), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kForbidden), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kTooLarge), 413);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), 500);
}

}  // namespace
}  // namespace sinmun::http
