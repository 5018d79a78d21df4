// The video addresses an editor may paste (issue #19): YouTube's and Naver TV's usual shapes
// are read into an id, anything else is refused, and the stored form reads back the same.
#include "render/video_link.hpp"

#include <gtest/gtest.h>

namespace sinmun::render {
namespace {

const VideoLink kYoutube{.host = VideoHost::kYoutube, .id = "dQw4w9WgX_-"};

TEST(VideoLinkTest, YoutubeAddressesInTheirUsualShapes) {
  for (const char* address : {
           "https://www.youtube.com/watch?v=dQw4w9WgX_-",
           "https://youtube.com/watch?feature=share&v=dQw4w9WgX_-&t=42s",
           "http://m.youtube.com/watch?v=dQw4w9WgX_-#comments",
           "www.youtube.com/watch?v=dQw4w9WgX_-",
           "  https://youtu.be/dQw4w9WgX_-?si=abc  ",
           "https://www.youtube.com/shorts/dQw4w9WgX_-",
           "https://www.youtube.com/embed/dQw4w9WgX_-?start=3",
           "https://www.youtube.com/live/dQw4w9WgX_-",
           "HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgX_-",
       }) {
    EXPECT_EQ(ParseVideoAddress(address), kYoutube) << address;
  }
}

TEST(VideoLinkTest, NaverTvAddresses) {
  const VideoLink naver{.host = VideoHost::kNaverTv, .id = "31415926"};
  EXPECT_EQ(ParseVideoAddress("https://tv.naver.com/v/31415926"), naver);
  EXPECT_EQ(ParseVideoAddress("https://m.tv.naver.com/v/31415926?query=x"), naver);
  EXPECT_EQ(ParseVideoAddress("tv.naver.com/embed/31415926"), naver);
}

TEST(VideoLinkTest, OtherHostsAndShapesAreRefused) {
  for (const char* address : {
           "",
           "youtube",
           "https://vimeo.com/123456",
           "https://www.youtube.com.evil.example/watch?v=dQw4w9WgX_-",
           "https://evil.example/youtu.be/dQw4w9WgX_-",
           "https://www.youtube.com/watch?v=short",
           "https://www.youtube.com/watch?v=dQw4w9WgX_-x",
           "https://www.youtube.com/watch?vv=dQw4w9WgX_-",
           "https://www.youtube.com/channel/dQw4w9WgX_-",
           "https://youtu.be/dQw4w9\"><x>",
           "javascript:alert(1)//youtu.be/dQw4w9WgX_-",
           "https://tv.naver.com/v/12ab",
           "https://tv.naver.com/l/31415926",
           "https://tv.naver.com/v/",
       }) {
    EXPECT_FALSE(ParseVideoAddress(address).has_value()) << address;
  }
}

TEST(VideoLinkTest, TheStoredFormReadsBackAndBuildsTheAddresses) {
  EXPECT_EQ(StoredVideo(kYoutube), "youtube:dQw4w9WgX_-");
  EXPECT_EQ(ParseStoredVideo("youtube:dQw4w9WgX_-"), kYoutube);
  EXPECT_EQ(ParseStoredVideo(StoredVideo({.host = VideoHost::kNaverTv, .id = "7"})),
            (VideoLink{.host = VideoHost::kNaverTv, .id = "7"}));
  EXPECT_FALSE(ParseStoredVideo("").has_value());
  EXPECT_FALSE(ParseStoredVideo("youtube:<script>").has_value());
  EXPECT_FALSE(ParseStoredVideo("vimeo:123").has_value());
  EXPECT_EQ(WatchAddress(kYoutube), "https://www.youtube.com/watch?v=dQw4w9WgX_-");
  EXPECT_EQ(PlayerAddress(kYoutube, true),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgX_-?autoplay=1");
  EXPECT_EQ(PlayerAddress(kYoutube, false), "https://www.youtube-nocookie.com/embed/dQw4w9WgX_-");
}

}  // namespace
}  // namespace sinmun::render
