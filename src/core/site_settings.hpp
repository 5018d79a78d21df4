#pragma once
// Site settings that the newsroom's administration stores (the paper's name, the legal footer
// fields, the default language, the comments' closing default) laid over what sinmun.toml says.
// Stored as key/value text so that the store need not know PaperInfo.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace sinmun {

using SettingPairs = std::vector<std::pair<std::string, std::string>>;

// One setting the administration can change: its key and where it lives in a Config.
struct SettingField {
  std::string_view key;                          // "paper.name", …, "language"
  std::string Config::*text = nullptr;           // a top-level Config field, or
  std::string PaperInfo::*paper_text = nullptr;  // a PaperInfo field, or
  int Config::*number = nullptr;                 // a whole number from `min` to `max`
  int min = 0;
  int max = 0;
  // Text of several lines (a textarea), up to kMaxMultilineSetting bytes; one line of
  // kMaxSetting bytes otherwise.
  bool multiline = false;
  // A text that must be one of these; empty: any text.
  std::vector<std::string_view> choices = {};
};

inline constexpr size_t kMaxSetting = 500;
inline constexpr size_t kMaxMultilineSetting = 20000;

// Every administrable setting, in form order.
const std::vector<SettingField>& SettingFields();

// The current value of `field` in `config`, as text.
std::string SettingValue(const Config& config, const SettingField& field);

// `value` as the number `field` holds: nullopt unless it is all digits within min..max.
std::optional<int> SettingNumber(const SettingField& field, std::string_view value);

// The number stored under `key` (a number field's key), or nullopt when none valid is stored.
std::optional<int> StoredSettingNumber(const SettingPairs& stored, std::string_view key);

// Lays `stored` over `config`: known keys replace the config's values; an empty value, an
// unknown key, a language other than "ko"/"en" or a number out of its range is ignored.
void ApplySettings(const SettingPairs& stored, Config* config);

}  // namespace sinmun
