#pragma once
// Gzip bodies joined from pieces compressed apart: a cached page cut at its holes keeps each
// piece's raw deflate form, a banner keeps its own, and a response's gzip body is the pieces
// and the chosen fillings laid end to end under one gzip header and trailer (the CRC-32s
// combined, not recomputed). No byte is compressed on the request path; the result is one
// ordinary gzip member that every client reads.
// Thread safety: free functions without shared state.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sinmun::http {

// What JoinGzip needs of a piece; the bytes belong to whoever made the piece.
struct DeflateView {
  std::string_view deflate;
  std::uint32_t crc32 = 0;
  std::uint64_t size = 0;
  std::uint64_t crc_op = 0;  // CrcCombineOp(size)
};

struct DeflatePiece {
  std::string deflate;       // raw deflate, fresh dictionary, ending byte-aligned, not final
  std::uint32_t crc32 = 0;   // of the uncompressed bytes
  std::uint64_t size = 0;    // uncompressed bytes
  std::uint64_t crc_op = 0;  // CrcCombineOp(size)

  DeflateView View() const { return {deflate, crc32, size, crc_op}; }
};

// What appending `size` bytes does to a CRC-32, computed once per piece so that joining costs
// one small multiplication per piece (zlib's crc32_combine_gen; crc32_combine would redo it
// per response, a tenth of a filled page's serving time).
std::uint64_t CrcCombineOp(std::uint64_t size);

// libdeflate's levels: kFastJoinLevel for the pieces of a page miss (about 40 % of level 6's
// time for 7 % more bytes, issue #14), kBestJoinLevel for the pieces of pages asked for again.
inline constexpr int kFastJoinLevel = 1;
inline constexpr int kBestJoinLevel = 6;

// Compresses `bytes` as a piece to join (libdeflate at `level`, 1 to 12).
DeflatePiece DeflateForJoin(std::string_view bytes, int level = kBestJoinLevel);

// Replaces `out` with one gzip member holding the pieces' bytes in order: a header of
// kJoinedHeaderBytes, then the pieces' deflate forms end to end (so a view of a piece may
// point into `out` from then on), then an empty final block and the trailer.
inline constexpr std::size_t kJoinedHeaderBytes = 10;
void JoinGzip(std::span<const DeflateView> pieces, std::string& out);

}  // namespace sinmun::http
