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

// How many pictures a demo paper of `articles` articles gets, and how large they are drawn.
// A paper of 1,000 articles or more (`make run` makes 2,000) gets four a section at 1600×900,
// every width of newsroom::kPhotoWidths. A smaller one, as the integration tests make by the
// dozen, gets one a section at 800×450: a sixteenth of the drawing and encoding, which
// otherwise took 11 s of CPU per demo.
struct DemoPictureSet {
  int per_section;
  int width;
  int height;
};
DemoPictureSet DemoPicturesFor(int articles);

// `set.per_section` pictures for each section of the demo vocabulary, with the section's name
// on them, written under `uploads_dir` and recorded in the store; their ids per section, in
// the vocabulary's order (demo::DemoOptions::section_photos). The same seed gives the same
// pictures.
Result<std::vector<std::vector<store::PhotoId>>> MakeDemoPhotos(store::Store& store,
                                                                const std::string& uploads_dir,
                                                                const DemoPictureSet& set,
                                                                std::uint64_t seed, Timestamp now);

}  // namespace sinmun::app
