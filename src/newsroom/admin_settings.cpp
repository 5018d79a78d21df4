// Administration: site settings (the paper's name, the legal footer fields, the default
// language, the days after which articles close to comments), stored in the store over what
// sinmun.toml says. The public pages pick up the name and footer at once (the change sequence
// drops the page cache), the comments' closing default for new comments at once and on the
// article page within page_cache_seconds; the language applies from the next start, since
// the labels are loaded once. SMTP settings: issue #4.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/site_settings.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

std::string LabelKey(std::string_view key) {
  std::string label = "newsroom_setting_" + std::string(key);
  for (char& c : label) {
    if (c == '.') c = '_';
  }
  return label;
}

http::Response Render(const NewsroomContext& context, const Staff& staff, const Config& shown,
                      std::string_view error, std::string_view done, int status) {
  nlohmann::json fields = nlohmann::json::array();
  for (const SettingField& field : SettingFields()) {
    if (field.key == "language" || !field.choices.empty()) continue;  // selects, below
    fields.push_back({{"key", field.key},
                      {"id", LabelKey(field.key)},
                      {"label", Label(context, LabelKey(field.key))},
                      {"value", SettingValue(shown, field)},
                      {"number", field.number != nullptr},
                      {"multiline", field.multiline},
                      {"min", field.min},
                      {"max", field.max}});
  }
  nlohmann::json view = {
      {"fields", std::move(fields)},
      {"languages",
       {{{"value", "ko"}, {"label", "한국어"}, {"selected", shown.language == "ko"}},
        {{"value", "en"}, {"label", "English"}, {"selected", shown.language == "en"}}}},
      {"word_actions",
       {{{"value", "hold"},
         {"label", Label(context, "newsroom_setting_banned_word_hold")},
         {"selected", shown.comment_banned_word_action != "refuse"}},
        {{"value", "refuse"},
         {"label", Label(context, "newsroom_setting_banned_word_refuse")},
         {"selected", shown.comment_banned_word_action == "refuse"}}}}};
  if (!error.empty()) view["error"] = Label(context, error);
  if (!done.empty()) view["done"] = Label(context, done);
  return RenderNewsroomPage(context, staff, "newsroom/admin_settings", std::move(view),
                            Label(context, "newsroom_settings_title"), status);
}

}  // namespace

http::Response SettingsPage(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  const Result<store::Settings> stored = context.deps.store.catalog->SiteSettings();
  if (!stored) return NewsroomErrorFor(context, stored.error());
  Config shown = context.deps.config;
  ApplySettings(*stored, &shown);
  return Render(context, staff, shown, "", request.Query("saved") ? "newsroom_settings_saved" : "",
                200);
}

http::Response SaveSettings(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  Config shown = context.deps.config;
  store::Settings settings;
  std::string_view error;
  for (const SettingField& field : SettingFields()) {
    std::string value = request.Form(field.key).value_or("");
    if (value.size() > (field.multiline ? kMaxMultilineSetting : kMaxSetting)) {
      error = "newsroom_invalid_form";
    }
    if (!field.choices.empty() && !value.empty() &&
        std::find(field.choices.begin(), field.choices.end(), value) == field.choices.end()) {
      error = "newsroom_invalid_form";
    }
    if (field.key == "paper.name" && value.empty()) error = "newsroom_setting_name_required";
    if (field.key == "language" && value != "ko" && value != "en") error = "newsroom_invalid_form";
    if (field.number != nullptr && !value.empty()) {
      const std::optional<int> number = SettingNumber(field, value);
      if (!number) error = "newsroom_setting_number_invalid";
      if (number) shown.*field.number = *number;
    }
    if (field.paper_text != nullptr) shown.paper.*field.paper_text = value;
    if (field.text != nullptr) shown.*field.text = value;
    settings.emplace_back(std::string(field.key), std::move(value));
  }
  if (!error.empty()) return Render(context, staff, shown, error, "", 400);
  if (Result<> done = context.deps.store.masthead->PutSiteSettings(settings); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "settings_update", "settings", shown.paper.name);
  return SeeOther("/newsroom/admin/settings?saved=1");
}

}  // namespace sinmun::newsroom
