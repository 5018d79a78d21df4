// Newsroom pages: a template rendered into templates/newsroom/layout, never cached.

#include "newsroom/page.hpp"

#include <spdlog/spdlog.h>

#include "core/site_settings.hpp"
#include "http/static_files.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/guard.hpp"

namespace sinmun::newsroom {
namespace {

nlohmann::json StaffView(const Staff& staff) {
  return {{"name", staff.name},
          {"email", staff.email},
          {"role", store::RoleName(staff.role)},
          {"can_desk", Allows(staff.role, Permission::kDesk)},
          {"is_admin", Allows(staff.role, Permission::kAdmin)},
          {"can_write", Allows(staff.role, Permission::kWrite)},
          {"can_ads", Allows(staff.role, Permission::kAds)},
          {"can_corrections", Allows(staff.role, Permission::kCorrections)}};
}

http::Response Render(const NewsroomContext& context, const Staff* staff,
                      std::string_view template_name, nlohmann::json view, std::string_view title,
                      int status) {
  const render::Renderer& renderer = *context.deps.renderer;
  if (staff != nullptr) view["csrf"] = staff->csrf_token;
  Result<std::string> content = renderer.Render(template_name, view);
  if (!content) {
    spdlog::error("newsroom: {}", content.error().detail);
    if (status == 500) return http::Text("Internal Server Error", 500);
    return NewsroomError(context, 500);
  }
  Config config = context.deps.config;
  if (Result<store::Settings> stored = context.deps.store.catalog->SiteSettings()) {
    ApplySettings(*stored, &config);
  }
  const std::string& paper = config.paper.name;
  nlohmann::json layout = {
      {"lang", renderer.language()},
      {"title", std::string(title) + " - " + Label(context, "newsroom_title") + " - " + paper},
      {"paper", paper},
      {"css_url", context.deps.static_files->Url("css/newsroom.css")},
      {"favicon_url", context.deps.static_files->Url("img/favicon.svg")},
      {"content", std::move(*content)},
  };
  if (staff != nullptr) {
    layout["staff"] = StaffView(*staff);
    layout["csrf"] = staff->csrf_token;
  }
  Result<std::string> html = renderer.Render("newsroom/layout", layout);
  if (!html) {
    spdlog::error("newsroom: {}", html.error().detail);
    return http::Text("Internal Server Error", 500);
  }
  http::Response response = http::Html(std::move(*html), status);
  response.cache_control = "no-store";
  // Newsroom pages are never framed (clickjacking) and never tell other sites where staff were.
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  return response;
}

std::string ErrorLabel(const NewsroomContext& context, int status, std::string_view part) {
  const std::string key = "error_" + std::to_string(status) + "_" + std::string(part);
  std::string label = Label(context, key);
  if (label == key) label = Label(context, "error_" + std::string(part));
  return label;
}

}  // namespace

http::Response RenderNewsroomPage(const NewsroomContext& context, const Staff& staff,
                                  std::string_view template_name, nlohmann::json view,
                                  std::string_view title, int status) {
  return Render(context, &staff, template_name, std::move(view), title, status);
}

http::Response RenderGuestPage(const NewsroomContext& context, std::string_view template_name,
                               nlohmann::json view, std::string_view title, int status) {
  return Render(context, nullptr, template_name, std::move(view), title, status);
}

std::optional<std::int64_t> ListPageNumber(const http::Request& request, std::int64_t absent) {
  const std::optional<std::string> text = request.Query("page");
  if (!text) return absent;
  const std::optional<std::int64_t> number = ParseId(*text);
  if (!number || *number > 1'000'000) return std::nullopt;
  return number;
}

http::Response NewsroomError(const NewsroomContext& context, int status) {
  const std::string title = ErrorLabel(context, status, "title");
  const nlohmann::json view = {
      {"status", status}, {"title", title}, {"text", ErrorLabel(context, status, "text")}};
  return Render(context, nullptr, "newsroom/error", view, title, status);
}

http::Response NewsroomErrorFor(const NewsroomContext& context, const Error& error) {
  const int status = http::StatusFor(error.code);
  if (status >= 500) spdlog::error("newsroom: {}: {}", ErrorCodeName(error.code), error.detail);
  return NewsroomError(context, status);
}

std::string Label(const NewsroomContext& context, std::string_view key) {
  return context.deps.renderer->Label(key);
}

}  // namespace sinmun::newsroom
