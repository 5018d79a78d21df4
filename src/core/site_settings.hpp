#pragma once
// Site settings that the newsroom's administration stores (the paper's name, the legal footer
// fields, the default language) laid over what sinmun.toml says. Stored as key/value text so
// that the store need not know PaperInfo.

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
  std::string PaperInfo::*paper_text = nullptr;  // a PaperInfo field
};

// Every administrable setting, in form order.
const std::vector<SettingField>& SettingFields();

// The current value of `field` in `config`.
const std::string& SettingValue(const Config& config, const SettingField& field);

// Lays `stored` over `config`: known keys replace the config's values; an empty value, an
// unknown key or a language other than "ko"/"en" is ignored.
void ApplySettings(const SettingPairs& stored, Config* config);

}  // namespace sinmun
