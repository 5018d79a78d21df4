#include "app/demo_photos.hpp"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "app/demo/vocabulary.hpp"
#include "newsroom/demo_picture.hpp"
#include "newsroom/photo_upload.hpp"

namespace sinmun::app {
DemoPictureSet DemoPicturesFor(int articles) {
  // 16:9; the large ones are wide enough for every width of newsroom::kPhotoWidths.
  if (articles >= 1000) return DemoPictureSet{.per_section = 4, .width = 1600, .height = 900};
  return DemoPictureSet{.per_section = 1, .width = 800, .height = 450};
}

Result<std::vector<std::vector<store::PhotoId>>> MakeDemoPhotos(store::Store& store,
                                                                const std::string& uploads_dir,
                                                                const DemoPictureSet& set,
                                                                std::uint64_t seed, Timestamp now) {
  const demo::Vocabulary& vocab = demo::GetVocabulary();
  const auto make_section = [&](size_t s) -> Result<std::vector<store::PhotoId>> {
    std::vector<store::PhotoId> ids;
    for (int i = 0; i < set.per_section; ++i) {
      const std::uint64_t picture_seed = seed * 1000 + s * set.per_section + i;
      Result<std::string> jpeg =
          newsroom::DrawDemoPicture(vocab.sections[s].name, picture_seed, set.width, set.height);
      if (!jpeg) return tl::unexpected(jpeg.error());
      // Uploaded by no one: the demo's accounts are made after the paper.
      newsroom::PhotoUploadResult stored =
          newsroom::StoreUploadedPhoto(store, {uploads_dir, ""}, *jpeg, /*by=*/0, now);
      if (const auto* id = std::get_if<store::PhotoId>(&stored)) {
        ids.push_back(*id);
      } else if (const auto* error = std::get_if<Error>(&stored)) {
        return tl::unexpected(*error);
      } else {
        return Fail(ErrorCode::kInternal,
                    fmt::format("demo picture refused: {}",
                                std::get<newsroom::PhotoRefusal>(stored).label_key));
      }
    }
    return ids;
  };
  // One at a time: a demo once aborted with a corrupted heap while two pictures were drawn
  // and stored at once (drawing the title goes through Pango and fontconfig), and one thread
  // costs a large paper a few seconds once.
  std::vector<std::vector<store::PhotoId>> photos;
  for (size_t s = 0; s < vocab.sections.size(); ++s) {
    Result<std::vector<store::PhotoId>> section = make_section(s);
    if (!section) return tl::unexpected(section.error());
    photos.push_back(std::move(*section));
  }
  return photos;
}

}  // namespace sinmun::app
