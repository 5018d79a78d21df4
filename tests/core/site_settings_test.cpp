// The [newsroom] part of sinmun.toml, and stored site settings laid over the config.

#include "core/site_settings.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/config.hpp"

namespace sinmun {
namespace {

class NewsroomConfigTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }
  std::string Write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_.string();
  }
  std::filesystem::path path_ =
      std::filesystem::temp_directory_path() /
      ("sinmun-newsroom-config-" +
       std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".toml");
};

TEST_F(NewsroomConfigTest, DefaultsAndOverrides) {
  const Result<Config> defaults = LoadConfig(Write(DefaultConfigText()));
  ASSERT_TRUE(defaults) << defaults.error().detail;
  EXPECT_FALSE(defaults->newsroom.secure_cookies);
  EXPECT_EQ(defaults->newsroom.session_idle_minutes, 720);

  const Result<Config> set =
      LoadConfig(Write("[newsroom]\nsecure_cookies = true\nsession_idle_minutes = 30\n"));
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_TRUE(set->newsroom.secure_cookies);
  EXPECT_EQ(set->newsroom.session_idle_minutes, 30);

  EXPECT_FALSE(LoadConfig(Write("[newsroom]\nsecure_cookies = \"yes\"\n")));
  EXPECT_FALSE(LoadConfig(Write("[newsroom]\nsession_idle_minutes = 0\n")));
}

TEST(SiteSettingsTest, StoredValuesWinOverTheConfigFile) {
  Config config;
  config.paper.name = "한밭일보";
  ApplySettings({{"paper.name", "대전매일"},
                 {"paper.phone", "042-123-4567"},
                 {"paper.editor", ""},  // empty: keep what the file says
                 {"language", "en"},
                 {"smtp.host", "ignored"}},
                &config);
  EXPECT_EQ(config.paper.name, "대전매일");
  EXPECT_EQ(config.paper.phone, "042-123-4567");
  EXPECT_EQ(config.paper.editor, Config().paper.editor);
  EXPECT_EQ(config.language, "en");

  ApplySettings({{"language", "fr"}}, &config);
  EXPECT_EQ(config.language, "en");
}

// The comments' closing default (issue #16) is a number: text, signs and values out of its
// range are ignored, as an empty value is.
TEST(SiteSettingsTest, ANumberSettingTakesWholeNumbersInItsRangeOnly) {
  Config config;
  config.comment_close_after_days = 3;
  for (const std::string bad : {"", "abc", "-1", "+5", "7 ", "36501", "99999999999"}) {
    ApplySettings({{"comments.close_after_days", bad}}, &config);
    EXPECT_EQ(config.comment_close_after_days, 3) << bad;
    EXPECT_EQ(
        StoredSettingNumber({{"comments.close_after_days", bad}}, "comments.close_after_days"),
        std::nullopt)
        << bad;
  }
  ApplySettings({{"comments.close_after_days", "0"}}, &config);
  EXPECT_EQ(config.comment_close_after_days, 0);
  EXPECT_EQ(StoredSettingNumber({{"paper.name", "x"}, {"comments.close_after_days", "14"}},
                                "comments.close_after_days"),
            14);
  EXPECT_EQ(StoredSettingNumber({{"paper.name", "x"}}, "comments.close_after_days"), std::nullopt);
}

TEST(SiteSettingsTest, AChoiceTakesOnlyItsChoices) {
  Config config;
  ApplySettings({{"comments.banned_word_action", "delete"}}, &config);
  EXPECT_EQ(config.comment_banned_word_action, "hold");
  ApplySettings({{"comments.banned_word_action", "refuse"}}, &config);
  EXPECT_EQ(config.comment_banned_word_action, "refuse");
}

TEST(SiteSettingsTest, EveryFieldReadsBackWhatWasApplied) {
  for (const SettingField& field : SettingFields()) {
    Config config;
    const std::string value = field.key == "language"   ? "en"
                              : field.number != nullptr ? "7"
                              : !field.choices.empty()  ? std::string(field.choices.back())
                                                        : "값 " + std::string(field.key);
    ApplySettings({{std::string(field.key), value}}, &config);
    EXPECT_EQ(SettingValue(config, field), value) << field.key;
  }
}

}  // namespace
}  // namespace sinmun
