#pragma once
// Private to newsroom/: a file a reader sent (a correction's evidence, a tip's photo or
// document) as staff download it.

#include <string_view>

#include "http/response.hpp"
#include "store/corrections.hpp"

namespace sinmun::newsroom {

// The file as an attachment named `filename`, never shown inside the newsroom's origin: a
// reader's file is not trusted whatever its sniffed type.
http::Response ReaderFileDownload(const store::EvidenceFile& file, std::string_view filename);

}  // namespace sinmun::newsroom
