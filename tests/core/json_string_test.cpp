#include "core/json_string.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace sinmun {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(JsonStringTest, EveryCharacterAJsonStringMustEscapeReadsBackAsItself) {
  std::string text;
  for (int c = 0; c < 0x20; ++c) text += static_cast<char>(c);
  text += "\"\\/ </script><!-- R&D 한밭일보 🎉 \x7f";
  const std::string quoted = Quoted(text);
  EXPECT_EQ(quoted.find_first_of("<>&"), std::string::npos) << quoted;
  const nlohmann::json back = nlohmann::json::parse(quoted, nullptr, false);
  ASSERT_TRUE(back.is_string()) << quoted;
  EXPECT_EQ(back.get<std::string>(), text);
  EXPECT_EQ(Quoted("a\tb\n"), "\"a\\tb\\n\"");
  EXPECT_EQ(Quoted("<&>"), "\"\\u003c\\u0026\\u003e\"");
}

TEST(JsonStringTest, InvalidUtf8BecomesReplacementCharactersNotBrokenJson) {
  const std::string quoted = Quoted("abc\xff\xc0\xaf 가\xea\xb0");
  const nlohmann::json back = nlohmann::json::parse(quoted, nullptr, false);
  ASSERT_TRUE(back.is_string()) << quoted;
  EXPECT_EQ(back.get<std::string>(), "abc\uFFFD\uFFFD\uFFFD 가\uFFFD\uFFFD");
}

}  // namespace
}  // namespace sinmun
