// HTML cut at its markers and filled again (site/holed_html.hpp).
#include "site/holed_html.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace sinmun::site {
namespace {

constexpr std::array<std::string_view, 2> kMarkers = {"@path@", "@token@"};

TEST(HoledHtmlTest, FillingTheHolesGivesTheHtmlWithEachMarkersValue) {
  const HoledHtml html = CutAtMarkers(
      "<form action=\"@path@\"><input value=\"@token@\"></form><a href=\"@path@\">x</a>", kMarkers);
  EXPECT_EQ(html.holes, (std::vector<std::size_t>{0, 1, 0}));
  const std::array<std::string_view, 2> values = {"/article/7/comments", "123.abc"};
  EXPECT_EQ(FillHoles(html, values),
            "<form action=\"/article/7/comments\"><input value=\"123.abc\"></form>"
            "<a href=\"/article/7/comments\">x</a>");
}

TEST(HoledHtmlTest, HtmlWithoutMarkersIsOnePieceAndAMarkerMayStartOrEndIt) {
  const std::array<std::string_view, 2> values = {"A", "B"};
  EXPECT_EQ(FillHoles(CutAtMarkers("<p>none</p>", kMarkers), values), "<p>none</p>");
  EXPECT_EQ(FillHoles(CutAtMarkers("@token@-@path@", kMarkers), values), "B-A");
  EXPECT_EQ(FillHoles(CutAtMarkers("", kMarkers), values), "");
}

TEST(HoledHtmlTest, OnlyValuesThatEscapingLeavesAloneAreSafe) {
  EXPECT_TRUE(HoleSafe("/article/12/comments"));
  EXPECT_TRUE(HoleSafe("1714705200.0a1b2c"));
  for (const std::string_view unsafe : {"a&b", "<", ">", "\"", "'", "`"}) {
    EXPECT_FALSE(HoleSafe(unsafe)) << unsafe;
  }
}

}  // namespace
}  // namespace sinmun::site
