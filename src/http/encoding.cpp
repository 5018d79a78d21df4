#include "http/encoding.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

namespace sinmun::http {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::uint64_t Load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The 64x64->128 multiply-fold of wyhash: fast and mixes every input bit into the result.
std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

constexpr std::uint64_t kP0 = 0xa0761d6478bd642full;
constexpr std::uint64_t kP1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
constexpr std::uint64_t kP3 = 0x589965cc75374cc3ull;

// One "coding;q=..." element of Accept-Encoding: its q value (1 when absent).
double QualityOf(std::string_view params) {
  while (!params.empty()) {
    const size_t semicolon = params.find(';');
    const std::string_view param = TrimSpaces(params.substr(0, semicolon));
    params =
        semicolon == std::string_view::npos ? std::string_view() : params.substr(semicolon + 1);
    if (param.size() < 2 || Lower(param[0]) != 'q' || param[1] != '=') continue;
    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything else counts as 0.
    const std::string_view value = TrimSpaces(param.substr(2));
    if (value.empty() || (value[0] != '0' && value[0] != '1')) return 0;
    double q = value[0] - '0';
    double scale = 0.1;
    for (size_t i = 2; i < value.size() && value[1] == '.'; ++i, scale /= 10) {
      if (value[i] < '0' || value[i] > '9') return 0;
      q += (value[i] - '0') * scale;
    }
    return q > 1 ? 1 : q;
  }
  return 1;
}

std::string_view StripWeak(std::string_view etag) {
  if (etag.size() >= 2 && etag[0] == 'W' && etag[1] == '/') etag.remove_prefix(2);
  return etag;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::uint64_t Hash64(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  // Two independent lanes so the multiplies overlap in the pipeline.
  std::uint64_t a = kP0 ^ n;
  std::uint64_t b = kP1 ^ (n * kP2);
  while (n >= 32) {
    a = Mix(Load64(p) ^ kP1, Load64(p + 8) ^ a);
    b = Mix(Load64(p + 16) ^ kP2, Load64(p + 24) ^ b);
    p += 32;
    n -= 32;
  }
  char tail[32] = {};
  std::memcpy(tail, p, n);
  a = Mix(Load64(tail) ^ kP1, Load64(tail + 8) ^ a);
  b = Mix(Load64(tail + 16) ^ kP2, Load64(tail + 24) ^ b);
  return Mix(a ^ kP3, b ^ kP0 ^ bytes.size());
}

std::string StrongEtag(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t h = Hash64(bytes);
  std::string etag(18, '"');
  for (int i = 16; i >= 1; --i, h >>= 4) etag[i] = kHex[h & 15];
  return etag;
}

namespace {

// Whether `accept_encoding` allows the coding named `name` (or `alias`): listed with q > 0,
// or not listed and "*" is, when `star` counts.
bool AcceptsCoding(std::string_view accept_encoding, std::string_view name, std::string_view alias,
                   bool star) {
  bool listed = false;
  double listed_q = 0;
  double star_q = 0;
  while (!accept_encoding.empty()) {
    const size_t comma = accept_encoding.find(',');
    const std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const size_t semicolon = element.find(';');
    const std::string_view coding = TrimSpaces(element.substr(0, semicolon));
    const std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : element.substr(semicolon + 1);
    if (EqualsIgnoreCase(coding, name) || EqualsIgnoreCase(coding, alias)) {
      listed = true;
      listed_q = std::max(listed_q, QualityOf(params));
    } else if (coding == "*") {
      star_q = QualityOf(params);
    }
  }
  return listed ? listed_q > 0 : star && star_q > 0;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  return AcceptsCoding(accept_encoding, "gzip", "x-gzip", true);
}

bool AcceptsBrotli(std::string_view accept_encoding) {
  return AcceptsCoding(accept_encoding, "br", "br", false);
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  const std::string_view ours = StripWeak(etag);
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    const std::string_view theirs = TrimSpaces(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (theirs == "*" || StripWeak(theirs) == ours) return true;
  }
  return false;
}

bool IsCompressibleType(std::string_view content_type) {
  if (content_type.substr(0, 5) == "text/") return true;
  const std::string_view essence = content_type.substr(0, content_type.find(';'));
  return essence.find("json") != std::string_view::npos ||
         essence.find("xml") != std::string_view::npos ||
         essence.find("javascript") != std::string_view::npos;
}

std::string HttpDate(std::time_t time) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&time, &tm);
  char text[32];
  const int n = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                              kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
  return std::string(text, n > 0 ? static_cast<size_t>(n) : 0);
}

namespace {

// The fast level's Huffman codes, learnt by each compressor (one an I/O thread) from the first
// pages it compresses. igzip's level 0 (a small hash, no per-call statistics) with codes fitted
// to this paper's pages writes as few bytes as its level 1 (7,821 against 7,779 for a 24.4 KB
// article page) in two thirds of the time (22 against 33 us warm): level 1 counts every
// input's symbols and builds Huffman codes for it on each call, build_huff_tree and
// create_hufftables_icf, 3 % of the server's samples under random ids (issue #14,
// docs/BENCHMARKS.md). Every literal, length and distance gets a code whether or not the pages
// learnt from held it (isal_create_hufftables, not its _subset form), so any input compresses
// with them, if less well than a page.
class LearnedCodes {
 public:
  // The codes once learnt; null before.
  const isal_hufftables* Codes() const { return learnt_ ? &codes_ : nullptr; }

  // Counts `bytes` among the pages learnt from, while fewer than kPages were; inputs under
  // kMinBytes (a small answer, not a page) are not learnt from.
  void Learn(std::string_view bytes) {
    if (learnt_ || bytes.size() < kMinBytes || bytes.size() > kMaxBytes) return;
    isal_update_histogram(reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data())),
                          static_cast<int>(bytes.size()), &histogram_);
    if (++pages_ < kPages) return;
    learnt_ = isal_create_hufftables(&codes_, &histogram_) == 0;
    if (!learnt_) pages_ = 0;  // not expected: learn again from the next pages
  }

 private:
  static constexpr int kPages = 16;
  static constexpr std::size_t kMinBytes = 4096;
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 24;
  isal_huff_histogram histogram_{};
  int pages_ = 0;
  bool learnt_ = false;
  isal_hufftables codes_{};
};

}  // namespace

// libdeflate rather than zlib: whole-buffer compression at the same level and about the same
// size in well under half of zlib's time, which mattered while gzip was a quarter of a page
// cache miss (issue #14).
// Level 1 (kFastJoinLevel: a page miss's first answer, compressed on the request path) is ISA-L's
// igzip instead: on a 24.5 KB article page, with the caches cold as a miss leaves them, its
// level 1 took 55-66 us against libdeflate level 1's 93-119 us, for 6 % more bytes; that
// compression was 19 % of the server's CPU under the news mix's article requests (issue #14,
// docs/BENCHMARKS.md). Once LearnedCodes has its codes, igzip's level 0 with them does it.
// Pages asked for again are compressed at level 6 by libdeflate later.
// `scratch` takes the compressor's bound (about the input's size) and is reused: sizing `out` to
// the bound zero-filled a page-sized buffer of fresh memory on every call and left a kept
// answer holding the page's size for a third of it (issue #14).
struct GzipCompressor::State {
  libdeflate_compressor* compressor = nullptr;   // levels above 1
  std::vector<std::uint8_t> igzip_level_buffer;  // level 1: igzip's hash tables, reused
  // Level 1: its codes, once learnt (19 KB of counts and 2 KB of codes, so only level 1's).
  std::optional<LearnedCodes> learned;
  std::vector<char> scratch;

  bool CompressFast(std::string_view bytes, std::string& out) {
    // igzip's bound: the input stored in blocks, with the gzip header and trailer.
    const std::size_t bound = bytes.size() + bytes.size() / 16 + 1024;
    if (scratch.size() < bound) scratch.resize(bound);
    const isal_hufftables* codes = learned->Codes();
    isal_zstream stream;
    isal_deflate_stateless_init(&stream);
    if (codes != nullptr) {
      stream.level = 0;
      stream.hufftables = const_cast<isal_hufftables*>(codes);
    } else {
      learned->Learn(bytes);
      stream.level = 1;
      stream.level_buf = igzip_level_buffer.data();
      stream.level_buf_size = static_cast<std::uint32_t>(igzip_level_buffer.size());
    }
    stream.gzip_flag = IGZIP_GZIP;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<std::uint32_t>(bytes.size());
    stream.next_out = reinterpret_cast<std::uint8_t*>(scratch.data());
    stream.avail_out = static_cast<std::uint32_t>(bound);
    if (isal_deflate_stateless(&stream) != COMP_OK || stream.avail_in != 0) return false;
    out.assign(scratch.data(), stream.total_out);
    return true;
  }
};

GzipCompressor::GzipCompressor(int level) : state_(std::make_unique<State>()) {
  if (level == 1) {
    state_->igzip_level_buffer.resize(ISAL_DEF_LVL1_DEFAULT);
    state_->learned.emplace();
  } else {
    state_->compressor = libdeflate_alloc_compressor(level);
  }
}

GzipCompressor::~GzipCompressor() {
  if (state_->compressor != nullptr) libdeflate_free_compressor(state_->compressor);
}

bool GzipCompressor::Compress(std::string_view bytes, std::string& out) {
  if (!state_->igzip_level_buffer.empty()) {
    // igzip's stream counts bytes in 32 bits: a body that large (not a page) is libdeflate's.
    if (bytes.size() <= (std::size_t{1} << 30)) return state_->CompressFast(bytes, out);
    if (state_->compressor == nullptr) state_->compressor = libdeflate_alloc_compressor(1);
  }
  if (state_->compressor == nullptr) return false;
  std::vector<char>& scratch = state_->scratch;
  const size_t bound = libdeflate_gzip_compress_bound(state_->compressor, bytes.size());
  if (scratch.size() < bound) scratch.resize(bound);
  const size_t written = libdeflate_gzip_compress(state_->compressor, bytes.data(), bytes.size(),
                                                  scratch.data(), bound);
  if (written == 0) return false;
  out.assign(scratch.data(), written);
  return true;
}

bool Gunzip(std::string_view gzip, std::string& out) {
  out.clear();
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  stream.avail_in = static_cast<uInt>(gzip.size());
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  return rc == Z_STREAM_END;
}

bool BrotliCompress(std::string_view bytes, int quality, std::string& out) {
  std::size_t size = BrotliEncoderMaxCompressedSize(bytes.size());
  if (size == 0) return false;
  out.resize(size);
  if (BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, bytes.size(),
                            reinterpret_cast<const std::uint8_t*>(bytes.data()), &size,
                            reinterpret_cast<std::uint8_t*>(out.data())) != BROTLI_TRUE) {
    return false;
  }
  out.resize(size);
  return true;
}

bool BrotliDecompress(std::string_view brotli, std::string& out) {
  out.clear();
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return false;
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(brotli.data());
  std::size_t available_in = brotli.size();
  BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    std::array<std::uint8_t, 16384> chunk;
    std::uint8_t* next_out = chunk.data();
    std::size_t available_out = chunk.size();
    result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out,
                                           &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - available_out);
  }
  BrotliDecoderDestroyInstance(state);
  return result == BROTLI_DECODER_RESULT_SUCCESS && available_in == 0;
}

}  // namespace sinmun::http
