#include "newsroom/reader_files.hpp"

#include <fmt/format.h>

#include "http/encoding.hpp"

namespace sinmun::newsroom {

http::Response ReaderFileDownload(const store::EvidenceFile& file, std::string_view filename) {
  http::Response response;
  response.content_type = file.media_type;
  response.body = http::Prepare(file.data, false);
  response.headers.emplace_back("Content-Disposition",
                                fmt::format("attachment; filename=\"{}\"", filename));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Content-Security-Policy", "sandbox");
  return response;
}

}  // namespace sinmun::newsroom
