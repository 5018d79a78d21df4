// Photo markers (issue #19): which lines place a photo, and the body without them for the
// texts that show no photos.
#include "core/photo_marker.hpp"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(PhotoMarkerTest, AMarkerIsALineOfItsOwnWithANumber) {
  EXPECT_EQ(PhotoMarkerNumber("[사진 2]"), 2);
  EXPECT_EQ(PhotoMarkerNumber(" \t[사진12] \r"), 12);
  EXPECT_EQ(PhotoMarkerNumber("[사진 0]"), 0);
  for (const char* line : {"[사진 x]", "[사진 -1]", "[사진 1000]", "[사진]", "[사진 2] 설명",
                           "사진 2를 보라: [사진 2]", "[사진  2]", "", "[사진 2"}) {
    EXPECT_FALSE(PhotoMarkerNumber(line).has_value()) << line;
  }
}

TEST(PhotoMarkerTest, TheBodyWithoutMarkersKeepsEverythingElseAsItWas) {
  EXPECT_EQ(WithoutPhotoMarkers("가\n\n[사진 2]\n\n나\n[사진 1]"), "가\n\n\n나\n");
  // Not a photo, or inside a fenced code block: kept.
  EXPECT_EQ(WithoutPhotoMarkers("[사진 0]\n```\n[사진 2]\n```\n~~~\n[사진 3]"),
            "[사진 0]\n```\n[사진 2]\n```\n~~~\n[사진 3]");
  EXPECT_EQ(WithoutPhotoMarkers("[사진 2] 설명\r\n본문"), "[사진 2] 설명\r\n본문");
  EXPECT_EQ(WithoutPhotoMarkers(""), "");
}

}  // namespace
}  // namespace sinmun
