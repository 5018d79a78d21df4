#include "http/gzip_splice.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <optional>

#include "core/check.hpp"

namespace sinmun::http {

std::uint64_t CrcCombineOp(std::uint64_t size) {
  return crc32_combine_gen(static_cast<z_off_t>(size));
}

namespace {

// One compressor per level and one inflater a thread: allocating libdeflate's compressor (about
// half a megabyte of tables) or zlib's window per piece would cost more than small pieces do.
constexpr int kMaxPieceLevel = 12;
libdeflate_compressor* PieceCompressor(int level) {
  struct Owners {
    std::array<libdeflate_compressor*, kMaxPieceLevel + 1> compressors{};
    ~Owners() {
      for (libdeflate_compressor* compressor : compressors) {
        if (compressor != nullptr) libdeflate_free_compressor(compressor);
      }
    }
  };
  thread_local Owners owners;
  level = std::clamp(level, 1, kMaxPieceLevel);
  libdeflate_compressor*& compressor = owners.compressors[static_cast<std::size_t>(level)];
  if (compressor == nullptr) compressor = libdeflate_alloc_compressor(level);
  return compressor;
}

// Where a piece is compressed before its exact size is copied out: sizing each piece's string
// to libdeflate's bound zeroed about the page's size again per miss (2 % of one).
std::string& PieceScratch(std::size_t size) {
  thread_local std::string scratch;
  if (scratch.size() < size) scratch.resize(size);
  return scratch;
}

struct BlockScanner {
  z_stream stream{};
  bool ready = inflateInit2(&stream, -15) == Z_OK;
  ~BlockScanner() {
    if (ready) inflateEnd(&stream);
  }
};

// Where the BFINAL bit of the last block of the raw deflate stream `deflate` is, and how many
// unused (zero) bits its last byte has. zlib's inflate stops at each block boundary when asked
// (Z_BLOCK) and tells how many bits of the last byte it read are left over, which places the
// next block's header bit (as zlib's examples/gzjoin.c does). Decoding costs a small fraction
// of compressing; nullopt if the stream is not what libdeflate should have made.
struct FinalBlock {
  std::size_t byte = 0;
  unsigned char mask = 1;
  int unused_bits = 0;
};
std::optional<FinalBlock> FindFinalBlock(std::string_view deflate) {
  thread_local BlockScanner scanner;
  thread_local std::array<unsigned char, 1 << 16> sink;
  if (!scanner.ready || inflateReset(&scanner.stream) != Z_OK) return std::nullopt;
  z_stream& stream = scanner.stream;
  const auto* start = reinterpret_cast<const Bytef*>(deflate.data());
  stream.next_in = const_cast<Bytef*>(start);
  stream.avail_in = static_cast<uInt>(deflate.size());
  FinalBlock header;  // the first block's header starts at bit 0 of byte 0
  for (;;) {
    stream.next_out = sink.data();
    stream.avail_out = static_cast<uInt>(sink.size());
    const int rc = inflate(&stream, Z_BLOCK);
    if (rc != Z_OK) return std::nullopt;  // Z_STREAM_END cannot come before the boundary
    if (stream.avail_out == 0) continue;  // more output in the same block
    if ((stream.data_type & 128) == 0) return std::nullopt;  // input ran out mid-block
    const int unused = stream.data_type & 7;
    const std::size_t used = static_cast<std::size_t>(stream.next_in - start);
    if ((stream.data_type & 64) != 0) {  // that was the final block
      if (used != deflate.size()) return std::nullopt;
      header.unused_bits = unused;
      return header;
    }
    // The next block's header begins at the first unread bit.
    if (unused == 0) {
      header = {used, 1, 0};
    } else {
      header = {used - 1, static_cast<unsigned char>(0x100 >> unused), 0};
    }
  }
}

// The old way, kept for a stream FindFinalBlock does not read: zlib with a sync flush.
std::string DeflateWithSyncFlush(std::string_view bytes, int level) {
  z_stream stream{};
  // windowBits -15: raw deflate, no zlib or gzip wrapper, so pieces can be laid end to end.
  SINMUN_CHECK(deflateInit2(&stream, std::clamp(level, 1, 9), Z_DEFLATED, -15, 8,
                            Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, bytes.size()) + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  SINMUN_CHECK(deflate(&stream, Z_SYNC_FLUSH) == Z_OK && stream.avail_in == 0);
  out.resize(out.size() - stream.avail_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

DeflatePiece DeflateForJoin(std::string_view bytes, int level) {
  DeflatePiece piece;
  piece.size = bytes.size();
  piece.crc_op = CrcCombineOp(bytes.size());
  piece.crc32 = libdeflate_crc32(0, bytes.data(), bytes.size());
  // libdeflate compresses a whole buffer in well under half of zlib's time (zlib's deflate of
  // the pieces was a fifth of a page miss), but it cannot flush: its stream ends in a final
  // block at any bit. So the final block's BFINAL bit is cleared and an empty stored block
  // appended, which ends the piece on a byte boundary, not final, as a sync flush would: the
  // next piece's blocks may follow directly, and no piece refers back into another's bytes.
  libdeflate_compressor* compressor = PieceCompressor(level);
  if (compressor != nullptr) {
    std::string& scratch =
        PieceScratch(libdeflate_deflate_compress_bound(compressor, bytes.size()));
    const std::size_t written = libdeflate_deflate_compress(compressor, bytes.data(), bytes.size(),
                                                            scratch.data(), scratch.size());
    piece.deflate.reserve(written + 5);
    piece.deflate.assign(scratch.data(), written);
    if (const std::optional<FinalBlock> last =
            written == 0 ? std::nullopt : FindFinalBlock(piece.deflate)) {
      piece.deflate[last->byte] =
          static_cast<char>(static_cast<unsigned char>(piece.deflate[last->byte]) & ~last->mask);
      // The stored block's three header bits (not final, type 00) fit in the last byte's
      // unused bits or take a byte of their own; padding to the byte is zero, then LEN 0 and
      // NLEN 0xffff.
      if (last->unused_bits < 3) piece.deflate.push_back('\0');
      piece.deflate.append("\0\0\xff\xff", 4);
      return piece;
    }
  }
  piece.deflate = DeflateWithSyncFlush(bytes, level);
  return piece;
}

void JoinGzip(std::span<const DeflateView> pieces, std::string& out) {
  static constexpr char kHeader[] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 0, '\xff'};
  static_assert(sizeof kHeader == kJoinedHeaderBytes);
  // An empty final block with fixed Huffman codes: BFINAL=1, BTYPE=01, end-of-block.
  static constexpr char kFinalBlock[] = {'\x03', '\x00'};
  std::size_t total = sizeof kHeader + sizeof kFinalBlock + 8;
  for (const DeflateView& piece : pieces) total += piece.deflate.size();
  out.clear();
  out.reserve(total);
  out.append(kHeader, sizeof kHeader);
  uLong crc = 0;
  std::uint64_t size = 0;
  for (const DeflateView& piece : pieces) {
    out.append(piece.deflate);
    crc = crc32_combine_op(crc, piece.crc32, static_cast<uLong>(piece.crc_op));
    size += piece.size;
  }
  out.append(kFinalBlock, sizeof kFinalBlock);
  const std::uint32_t trailer[2] = {static_cast<std::uint32_t>(crc),
                                    static_cast<std::uint32_t>(size)};
  for (const std::uint32_t value : trailer) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
  }
}

}  // namespace sinmun::http
