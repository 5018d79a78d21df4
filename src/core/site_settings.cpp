#include "core/site_settings.hpp"

#include <algorithm>
#include <charconv>

namespace sinmun {

const std::vector<SettingField>& SettingFields() {
  static const std::vector<SettingField> fields = {
      {"paper.name", nullptr, &PaperInfo::name},
      {"paper.registration_number", nullptr, &PaperInfo::registration_number},
      {"paper.registered_on", nullptr, &PaperInfo::registered_on},
      {"paper.publisher", nullptr, &PaperInfo::publisher},
      {"paper.editor", nullptr, &PaperInfo::editor},
      {"paper.published_on", nullptr, &PaperInfo::published_on},
      {"paper.youth_protection_officer", nullptr, &PaperInfo::youth_protection_officer},
      {"paper.address", nullptr, &PaperInfo::address},
      {"paper.phone", nullptr, &PaperInfo::phone},
      {"paper.email", nullptr, &PaperInfo::email},
      {"verification.naver", &Config::naver_site_verification, nullptr},
      {"verification.google", &Config::google_site_verification, nullptr},
      {"indexnow.endpoints", &Config::indexnow_endpoints, nullptr},
      {"indexnow.key", &Config::indexnow_key, nullptr},
      {"language", &Config::language, nullptr},
      {"comments.close_after_days", nullptr, nullptr, &Config::comment_close_after_days, 0, 36500},
      {"comments.banned_words", &Config::comment_banned_words, nullptr, nullptr, 0, 0, true},
      {"comments.banned_word_action",
       &Config::comment_banned_word_action,
       nullptr,
       nullptr,
       0,
       0,
       false,
       {"hold", "refuse"}},
  };
  return fields;
}

std::string SettingValue(const Config& config, const SettingField& field) {
  if (field.number != nullptr) return std::to_string(config.*field.number);
  return field.paper_text != nullptr ? config.paper.*field.paper_text : config.*field.text;
}

std::optional<int> SettingNumber(const SettingField& field, std::string_view value) {
  if (field.number == nullptr || value.empty() || value.size() > 9) return std::nullopt;
  int number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  if (number < field.min || number > field.max) return std::nullopt;
  return number;
}

std::optional<int> StoredSettingNumber(const SettingPairs& stored, std::string_view key) {
  for (const SettingField& field : SettingFields()) {
    if (field.key != key) continue;
    for (const auto& [stored_key, value] : stored) {
      if (stored_key == key) return SettingNumber(field, value);
    }
  }
  return std::nullopt;
}

void ApplySettings(const SettingPairs& stored, Config* config) {
  for (const auto& [key, value] : stored) {
    if (value.empty()) continue;
    for (const SettingField& field : SettingFields()) {
      if (field.key != key) continue;
      if (field.number != nullptr) {
        if (std::optional<int> number = SettingNumber(field, value))
          config->*field.number = *number;
      } else if (field.paper_text != nullptr) {
        config->paper.*field.paper_text = value;
      } else if ((key != "language" || value == "ko" || value == "en") &&
                 (field.choices.empty() || std::find(field.choices.begin(), field.choices.end(),
                                                     value) != field.choices.end())) {
        config->*field.text = value;
      }
    }
  }
}

}  // namespace sinmun
