#include "core/site_settings.hpp"

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
  };
  return fields;
}

const std::string& SettingValue(const Config& config, const SettingField& field) {
  return field.paper_text != nullptr ? config.paper.*field.paper_text : config.*field.text;
}

void ApplySettings(const SettingPairs& stored, Config* config) {
  for (const auto& [key, value] : stored) {
    if (value.empty()) continue;
    for (const SettingField& field : SettingFields()) {
      if (field.key != key) continue;
      if (field.paper_text != nullptr) {
        config->paper.*field.paper_text = value;
      } else if (key != "language" || value == "ko" || value == "en") {
        config->*field.text = value;
      }
    }
  }
}

}  // namespace sinmun
