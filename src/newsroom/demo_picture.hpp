#pragma once
// Made-up pictures for the demo paper (`sinmun demo`, app/): no photographs, nothing read from
// disk or the network. libvips stays inside demo_picture.cpp and photo_upload.cpp.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sinmun::newsroom {

// A `width` x `height` JPEG: a diagonal gradient with translucent circles and bars in colours
// chosen by `seed`, and `title` written large on a dark band (with the fonts fontconfig finds;
// a CJK font for Korean; without text when none can be drawn). The same seed and title give
// the same picture. kInternal when libvips fails.
// REQUIRES: 64 <= width, height <= 4000.
// Thread safety: may be called from any thread.
Result<std::string> DrawDemoPicture(std::string_view title, std::uint64_t seed, int width,
                                    int height);

}  // namespace sinmun::newsroom
