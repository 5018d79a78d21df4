#pragma once
// The demo paper's pictures (`sinmun demo`): drawn locally (newsroom/demo_picture.hpp), then
// stored through the same steps as an upload (newsroom/photo_upload.hpp), so that they come in
// every width as WebP and JPEG like any photo.

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app {

inline constexpr int kDemoPhotosPerSection = 4;

// kDemoPhotosPerSection pictures for each section of the demo vocabulary, with the section's
// name on them, written under `uploads_dir` and recorded in the store; their ids per section,
// in the vocabulary's order (demo::DemoOptions::section_photos). The same seed gives the
// same pictures (their ids follow the order of the uploads, two of which run at once).
Result<std::vector<std::vector<store::PhotoId>>> MakeDemoPhotos(store::Store& store,
                                                                const std::string& uploads_dir,
                                                                std::uint64_t seed, Timestamp now);

}  // namespace sinmun::app
