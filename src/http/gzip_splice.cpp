#include "http/gzip_splice.hpp"

#include <zlib.h>

#include "core/check.hpp"

namespace sinmun::http {

std::uint64_t CrcCombineOp(std::uint64_t size) {
  return crc32_combine_gen(static_cast<z_off_t>(size));
}

DeflatePiece DeflateForJoin(std::string_view bytes) {
  DeflatePiece piece;
  piece.size = bytes.size();
  piece.crc_op = CrcCombineOp(bytes.size());
  piece.crc32 = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
  z_stream stream{};
  // windowBits -15: raw deflate, no zlib or gzip wrapper, so pieces can be laid end to end.
  SINMUN_CHECK(deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  piece.deflate.resize(deflateBound(&stream, bytes.size()) + 16);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(piece.deflate.data());
  stream.avail_out = static_cast<uInt>(piece.deflate.size());
  // A sync flush ends the piece on a byte boundary with no final block, so the next piece's
  // blocks may follow it directly; a fresh stream per piece means no piece refers back into
  // another's bytes.
  SINMUN_CHECK(deflate(&stream, Z_SYNC_FLUSH) == Z_OK && stream.avail_in == 0);
  piece.deflate.resize(piece.deflate.size() - stream.avail_out);
  deflateEnd(&stream);
  return piece;
}

void JoinGzip(std::span<const DeflateView> pieces, std::string& out) {
  static constexpr char kHeader[] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 0, '\xff'};
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
