#include "render/view_object.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sinmun::render {
namespace {

// A view built with ViewObject is the object nlohmann's initializer list builds, so a page
// rendered from it is the same page.
TEST(ViewObjectTest, BuildsWhatTheInitializerListBuilds) {
  const std::vector<std::string> tags = {"대전", "시의회"};
  const std::string headline = "대전시의회, 예산안 의결";
  nlohmann::json nested = {{"name", "정치"}, {"current", false}};
  const nlohmann::json expected = {
      {"id", 42},      {"headline", headline}, {"tags", tags},    {"views", std::size_t{7}},
      {"paid", false}, {"modified", nullptr},  {"label", "기사"}, {"section", nested}};
  const nlohmann::json built = ViewObject({{"id", 42},
                                           {"headline", headline},
                                           {"tags", tags},
                                           {"views", std::size_t{7}},
                                           {"paid", false},
                                           {"modified", nullptr},
                                           {"label", "기사"},
                                           {"section", std::move(nested)}});
  EXPECT_EQ(built, expected);
  EXPECT_EQ(built.dump(), expected.dump());
  EXPECT_TRUE(built.is_object());
}

TEST(ViewObjectTest, KeepsTheFirstValueOfAKeyGivenTwiceAsNlohmannDoes) {
  const nlohmann::json expected = {{"a", 1}, {"a", 2}};
  EXPECT_EQ(ViewObject({{"a", 1}, {"a", 2}}), expected);
  EXPECT_EQ(ViewObject({{"a", 1}, {"a", 2}})["a"], 1);
}

TEST(ViewObjectTest, AnEmptyListIsAnEmptyObject) {
  EXPECT_EQ(ViewObject({}), nlohmann::json::object());
}

}  // namespace
}  // namespace sinmun::render
